import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, in arrival order. */
export interface SlackCall {
  /** The Web API method (`chat.postMessage`), or `response_url` for a POST to any other path. */
  method: string;
  /** The request path, e.g. `/api/chat.postMessage` or `/commands/T1/123`. */
  path: string;
  /** Form fields or JSON, with JSON-looking form values (`blocks`, `view`) parsed back. */
  body: Record<string, unknown>;
  /** From `Authorization: Bearer …` or the `token` field; null when neither was sent. */
  token: string | null;
}

/** A failure the fake answers the next call of one method with, once. */
export type SlackFailure = { status: 429; retryAfter: number } | { error: string };

/** A stand-in for Slack's Web API and for response URLs, listening on 127.0.0.1. */
export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/`, for `WebClient`'s `slackApiUrl`. */
  url: string;
  /** `http://127.0.0.1:PORT`, to build response URLs from: any path but `/api/` is one. */
  origin: string;
  calls: SlackCall[];
  /** The calls of one method, in order. */
  callsTo(method: string): SlackCall[];
  /** Answers the next call of `method` with a 429 (and Retry-After) or `{ ok: false, error }`. */
  failNext(method: string, failure: SlackFailure): void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  /** Port on 127.0.0.1; 0 (the default) takes a free one. */
  port?: number;
}

type Answer = Record<string, unknown>;

/**
 * Starts a fake Slack Web API that answers like Slack does and records every call.
 *
 * @example
 * const slack = await startFakeSlack();
 * const client = new WebClient('xoxb-test', { slackApiUrl: slack.url });
 * await client.chat.postMessage({ channel: 'C1', text: 'hi' });
 * expect(slack.callsTo('chat.postMessage')[0]?.body.text).toBe('hi');
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, SlackFailure[]>();
  const nextTs = tsCounter();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const call = await readCall(request);
    calls.push(call);

    const failure = failures.get(call.method)?.shift();
    if (failure) return sendFailure(response, failure);

    sendJson(response, 200, answer(call, nextTs));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext: (method, failure) => failures.set(method, [...(failures.get(method) ?? []), failure]),
    close: () => closeServer(server),
  };
}

function answer(call: SlackCall, nextTs: () => string): Answer {
  const { body } = call;

  switch (call.method) {
    case 'chat.postMessage': {
      const ts = nextTs();
      const message = { type: 'message', user: 'UBOT', bot_id: 'BBOT', ts, ...messageOf(body) };
      return { ok: true, channel: body.channel, ts, message };
    }
    case 'chat.update':
      return { ok: true, channel: body.channel, ts: body.ts, text: body.text ?? '' };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: nextTs() };
    case 'views.publish':
      return { ok: true, view: { id: 'VHOME', team_id: 'TDEMO', ...objectOf(body.view) } };
    case 'auth.test':
      return { ok: true, user_id: 'UBOT', team_id: 'TDEMO', bot_id: 'BBOT' };
    default:
      return { ok: true };
  }
}

function messageOf(body: Record<string, unknown>): Answer {
  const message: Answer = { text: body.text ?? '' };
  if (body.blocks !== undefined) message.blocks = body.blocks;
  return message;
}

function sendFailure(response: ServerResponse, failure: SlackFailure): void {
  if ('status' in failure) {
    response.setHeader('retry-after', String(failure.retryAfter));
    return sendJson(response, 429, { ok: false, error: 'ratelimited' });
  }

  // Slack reports method errors with status 200 and ok: false.
  sendJson(response, 200, { ok: false, error: failure.error });
}

function sendJson(response: ServerResponse, status: number, value: Answer): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}

async function readCall(request: IncomingMessage): Promise<SlackCall> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const method = path.startsWith('/api/') ? path.slice('/api/'.length) : 'response_url';
  const body = parseBody(await readText(request), request.headers['content-type'] ?? '');

  return { method, path, body, token: tokenOf(request, body) };
}

function parseBody(text: string, contentType: string): Record<string, unknown> {
  if (!text) return {};
  if (contentType.includes('application/json')) return objectOf(JSON.parse(text));

  // @slack/web-api form-encodes every argument and sends objects (blocks, view) as JSON text.
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) body[key] = parseJsonLooking(value);
  return body;
}

function parseJsonLooking(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value;

  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function tokenOf(request: IncomingMessage, body: Record<string, unknown>): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (bearer?.[1]) return bearer[1];

  return typeof body.token === 'string' ? body.token : null;
}

function objectOf(value: unknown): Answer {
  return typeof value === 'object' && value !== null ? (value as Answer) : {};
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Message timestamps like Slack's: seconds, a dot, six digits, unique and increasing. */
function tsCounter(): () => string {
  let n = 0;

  return () => {
    n += 1;
    const seconds = 1733300000 + Math.floor(n / 10000);
    return `${seconds}.${String((n % 10000) * 100).padStart(6, '0')}`;
  };
}

async function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  // WebClient's fetch keeps connections alive; without this, close() waits for them to time out.
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
