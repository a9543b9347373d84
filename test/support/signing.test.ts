import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { App, LogLevel, isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  FORM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  blockActionsBody,
  eventBody,
  optionsBody,
  postToBolt,
  signSlackRequest,
  slashCommandBody,
} from './signing.js';
import { startFakeSlack, type FakeSlack } from './slackApi.js';

const SECRET = 'test-signing-secret';

describe('signSlackRequest', () => {
  it('should produce headers that Bolt verifies', () => {
    const body = slashCommandBody({ text: 'open' });
    const headers = signSlackRequest(SECRET, body);

    const verify = (): void =>
      verifySlackRequest({ signingSecret: SECRET, body, headers: boltHeaders(headers) });

    expect(verify).not.toThrow();
    expect(headers['content-type']).toBe(FORM_CONTENT_TYPE);
  });

  it('should produce a signature Bolt rejects under another secret', () => {
    const body = eventBody({ type: 'app_home_opened', user: 'U1' });
    const headers = signSlackRequest(SECRET, body);

    const valid = isValidSlackRequest({
      signingSecret: 'another-secret',
      body,
      headers: boltHeaders(headers),
    });

    expect(valid).toBe(false);
    expect(headers['content-type']).toBe(JSON_CONTENT_TYPE);
  });

  it('should reproduce the worked example of the Slack signing documentation', () => {
    const body = [
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow',
      '&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner',
      '&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands',
      '%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN',
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    ].join('');

    const headers = signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618);

    expect(headers).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
      'content-type': FORM_CONTENT_TYPE,
    });
  });
});

describe('postToBolt against a real Bolt app', () => {
  let slack: FakeSlack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    app = boltApp(slack);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app.stop();
    await slack.close();
  });

  it('should have a signed slash command acknowledged and answered on its response_url', async () => {
    const body = slashCommandBody({ text: 'help', response_url: `${slack.origin}/commands/1` });

    const result = await postToBolt(url, SECRET, body, FORM_CONTENT_TYPE);

    expect(result).toEqual({ status: 200, text: 'got help' });
    await expect.poll(() => slack.callsTo('response_url')).toHaveLength(1);
    expect(slack.callsTo('response_url')[0]?.body).toMatchObject({ text: 'later: help' });
  });

  it('should have a block action acknowledged', async () => {
    const body = blockActionsBody({
      actions: [{ type: 'button', action_id: 'attach', block_id: 'b', value: '42' }],
    });

    const result = await postToBolt(url, SECRET, body, FORM_CONTENT_TYPE);

    expect(result.status).toBe(200);
  });

  it('should have an options request answered with options', async () => {
    const body = optionsBody({ action_id: 'procedure', value: 'bot' });

    const result = await postToBolt(url, SECRET, body, FORM_CONTENT_TYPE);

    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({
      options: [{ text: { type: 'plain_text', text: 'bot' }, value: '1' }],
    });
  });

  it('should have an event delivered to its listener, which calls the Web API', async () => {
    const body = eventBody({ type: 'app_home_opened', user: 'U1', tab: 'home' });

    const result = await postToBolt(url, SECRET, body, JSON_CONTENT_TYPE);

    expect(result.status).toBe(200);
    await expect.poll(() => slack.callsTo('views.publish')).toHaveLength(1);
    expect(slack.callsTo('views.publish')[0]).toMatchObject({
      token: 'xoxb-test',
      body: { user_id: 'U1', view: { type: 'home' } },
    });
  });

  it('should have a wrong signature rejected with 401', async () => {
    const body = slashCommandBody();

    const result = await postToBolt(url, SECRET, body, FORM_CONTENT_TYPE, { signature: 'v0=00' });

    expect(result.status).toBe(401);
  });

  it('should have a request older than five minutes rejected with 401', async () => {
    const body = slashCommandBody();
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;

    const result = await postToBolt(url, SECRET, body, FORM_CONTENT_TYPE, {
      timestamp: tenMinutesAgo,
    });

    expect(result.status).toBe(401);
  });
});

function boltHeaders(headers: ReturnType<typeof signSlackRequest>) {
  return {
    'x-slack-signature': headers['x-slack-signature'],
    'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
  };
}

function boltApp(slack: FakeSlack): App {
  const app = new App({
    token: 'xoxb-test',
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.url },
  });

  app.command('/chartlink', async ({ command, ack, respond }) => {
    await ack(`got ${command.text}`);
    await respond({ text: `later: ${command.text}` });
  });
  app.action('attach', async ({ ack }) => {
    await ack();
  });
  app.options('procedure', async ({ options, ack }) => {
    await ack({ options: [{ text: { type: 'plain_text', text: options.value }, value: '1' }] });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
  });

  return app;
}
