import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSlack, type FakeSlack } from './slackApi.js';

describe('the fake Slack Web API', () => {
  let slack: FakeSlack;

  beforeEach(async () => {
    slack = await startFakeSlack();
  });

  afterEach(async () => {
    await slack.close();
  });

  function client(options: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
    return new WebClient('xoxb-test', {
      slackApiUrl: slack.url,
      logLevel: LogLevel.ERROR,
      ...options,
    });
  }

  it('should listen on loopback only', () => {
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('should answer chat.postMessage with increasing unique timestamps', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];

    const first = await client().chat.postMessage({ channel: 'C1', text: 'hi', blocks });
    const second = await client().chat.postMessage({ channel: 'C1', text: 'again' });

    expect(first).toMatchObject({ ok: true, channel: 'C1', ts: '1733300000.000100' });
    expect(first.message).toMatchObject({ text: 'hi', blocks, bot_id: 'BBOT' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('should record the method, the bearer token and blocks parsed back from the form', async () => {
    const blocks = [{ type: 'divider' }];

    await client().chat.postMessage({ channel: 'C1', text: 'hi', blocks });

    expect(slack.calls).toEqual([
      {
        method: 'chat.postMessage',
        path: '/api/chat.postMessage',
        token: 'xoxb-test',
        body: { channel: 'C1', text: 'hi', blocks },
      },
    ]);
  });

  it('should answer chat.update, chat.postEphemeral, views.publish and auth.test like Slack', async () => {
    const web = client();
    const view = { type: 'home' as const, blocks: [{ type: 'divider' as const }] };

    const updated = await web.chat.update({ channel: 'C1', ts: '1.000100', text: 'new' });
    const ephemeral = await web.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' });
    const published = await web.views.publish({ user_id: 'U1', view });
    const auth = await web.auth.test();

    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts: '1.000100', text: 'new' });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(published.view).toMatchObject(view);
    expect(auth).toMatchObject({ ok: true, user_id: 'UBOT', team_id: 'TDEMO', bot_id: 'BBOT' });
  });

  it('should take the token from the form when no Authorization header is sent', async () => {
    const body = new URLSearchParams({ token: 'xoxb-form', channel: 'C1' });

    await fetch(`${slack.url}conversations.info`, { method: 'POST', body });

    expect(slack.calls[0]).toMatchObject({ method: 'conversations.info', token: 'xoxb-form' });
  });

  it('should record a JSON POST to any other path as a response_url call', async () => {
    const response = await fetch(`${slack.origin}/commands/TDEMO/42/abc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'done', replace_original: true }),
    });

    expect(response.status).toBe(200);
    expect(slack.callsTo('response_url')).toEqual([
      {
        method: 'response_url',
        path: '/commands/TDEMO/42/abc',
        token: null,
        body: { text: 'done', replace_original: true },
      },
    ]);
  });

  it('should make WebClient throw the platform error it is told to fail with', async () => {
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });

    const call = client().chat.postMessage({ channel: 'CGONE', text: 'hi' });

    await expect(call).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'channel_not_found' },
    } satisfies Partial<WebAPIPlatformError>);
  });

  it('should make WebClient wait for Retry-After and then retry once the 429 is over', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    // minTimeout 0 leaves only the Retry-After wait; p-retry's own 1 s backoff would add to it.
    const web = client({ retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });

    const started = performance.now();
    const result = await web.chat.postMessage({ channel: 'C1', text: 'hi' });
    const elapsed = performance.now() - started;

    expect(result.ok).toBe(true);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(3000);
  });

  it('should make WebClient reject at once with the wait when it rejects rate-limited calls', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const web = client({ rejectRateLimitedCalls: true });

    const call = web.chat.postMessage({ channel: 'C1', text: 'hi' });

    await expect(call).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
