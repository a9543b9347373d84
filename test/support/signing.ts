import { createHmac } from 'node:crypto';

/** How Slack sends slash commands, interactions and options requests. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** How Slack sends Events API requests. */
export const JSON_CONTENT_TYPE = 'application/json';

/** The headers Slack puts on every request it sends to an app. */
export interface SlackRequestHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
}

/** Fields of a slash command; anything left out gets a plausible demo value. */
export interface SlashCommandFields {
  command?: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  response_url?: string;
  trigger_id?: string;
  team_id?: string;
}

/**
 * Nothing listens on the discard port of loopback, so a handler that answers through a default
 * response_url fails fast instead of reaching out anywhere. Tests that use `respond` pass their own.
 */
const NO_RESPONSE_URL = 'http://127.0.0.1:9/response-url-not-set';

const TEAM_ID = 'TDEMO';
const APP_ID = 'ADEMO';

/**
 * Signs a raw body as Slack does: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}` with the app's
 * signing secret. The content type is guessed from the body unless given.
 */
export function signSlackRequest(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  contentType = body.startsWith('{') ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE,
): SlackRequestHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');

  return {
    'x-slack-signature': `v0=${digest}`,
    'x-slack-request-timestamp': String(timestamp),
    'content-type': contentType,
  };
}

/** The form-encoded body of a slash command, with every field Slack sends. */
export function slashCommandBody(fields: SlashCommandFields = {}): string {
  const values: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: fields.team_id ?? TEAM_ID,
    team_domain: 'demo',
    channel_id: fields.channel_id ?? 'CDEMO',
    channel_name: 'demo',
    user_id: fields.user_id ?? 'UDEMO',
    user_name: 'demo.user',
    command: fields.command ?? '/chartlink',
    text: fields.text ?? '',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: fields.response_url ?? NO_RESPONSE_URL,
    trigger_id: fields.trigger_id ?? '1000000000.1000000000.demo',
  };

  return new URLSearchParams(values).toString();
}

/**
 * The form-encoded body of a `block_actions` interaction: `payload=<json>`. The given payload is
 * laid over the envelope fields (type, team, user, app, trigger id), so pass at least `actions`.
 */
export function blockActionsBody(payload: Record<string, unknown>): string {
  const envelope = {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'demo' },
    user: { id: 'UDEMO', username: 'demo.user', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: '1000000000.1000000000.demo',
    actions: [],
  };

  return formPayload({ ...envelope, ...payload });
}

/**
 * The form-encoded body of a `block_suggestion` request for an external select's options. The
 * given payload (at least `action_id` and `value`) is laid over the envelope fields.
 */
export function optionsBody(payload: Record<string, unknown>): string {
  const envelope = {
    type: 'block_suggestion',
    team: { id: TEAM_ID, domain: 'demo' },
    user: { id: 'UDEMO', name: 'demo.user', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    block_id: 'block',
    action_id: 'action',
    value: '',
  };

  return formPayload({ ...envelope, ...payload });
}

/** The JSON body of an Events API `event_callback` carrying `event`. */
export function eventBody(event: Record<string, unknown>): string {
  const envelope = {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event: { event_ts: '1733300000.000100', ...event },
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: 'UBOT', is_bot: true }],
    is_ext_shared_channel: false,
  };

  return JSON.stringify(envelope);
}

/**
 * POSTs a body to a Bolt app as Slack would, signed with `secret`. A given `signature` replaces
 * the computed one, and a given `timestamp` the current time, to test rejected requests.
 */
export async function postToBolt(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: { timestamp?: number; signature?: string } = {},
): Promise<{ status: number; text: string }> {
  // A test helper has no business sending a signed request anywhere but this machine.
  if (new URL(url).hostname !== '127.0.0.1')
    throw new Error(`postToBolt: ${url} is not on 127.0.0.1`);

  const headers = signSlackRequest(secret, body, options.timestamp, contentType);
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;

  const response = await fetch(url, { method: 'POST', headers: { ...headers }, body });
  return { status: response.status, text: await response.text() };
}

function formPayload(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
