import { startServer, type RunningServer } from '../../src/slack/app.js';
import { ACTION, attachActions, encodeButtonValue } from '../../src/slack/blocks/digest.js';
import type { Block } from '../../src/slack/blocks/kit.js';
import type { TestDb } from '../support/databases.js';
import {
  blockActionsBody,
  eventBody,
  FORM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  optionsBody,
  postToBolt,
  slashCommandBody,
} from '../support/signing.js';
import { startFakeSlack, type FakeSlack } from '../support/slackApi.js';
import {
  BOT_TOKEN,
  CHANNEL,
  CLINIC,
  DIGEST_TS,
  fixtureContext,
  INVOICE,
  PROCEDURE,
  recordFixtureDigest,
  seedFixtures,
  SIGNING_SECRET,
  type FixtureContext,
} from './fixtures.js';

/** The real Bolt app on 127.0.0.1 in front of a fixture database and a fake Slack. */
export interface Harness extends FixtureContext {
  slack: FakeSlack;
  server: RunningServer;
  url: string;
  /** POSTs a signed body and waits until every listener it started has finished. */
  send(body: string, contentType?: string): Promise<{ status: number; text: string; ms: number }>;
  close(): Promise<void>;
}

export async function startHarness(
  database: TestDb,
  env: Record<string, string> = {},
): Promise<Harness> {
  await seedFixtures(database.db);
  await recordFixtureDigest(database.db);

  const slack = await startFakeSlack();
  const fx = fixtureContext(database.db, database.dialect, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    ...env,
  });
  const server = await startServer(fx.ctx, {
    withWorker: false,
    port: 0,
    host: '127.0.0.1',
    verifyToken: false,
    drainMs: 0,
  });
  const url = `http://127.0.0.1:${server.port}/slack/events`;

  const send = async (body: string, contentType = FORM_CONTENT_TYPE) => {
    const started = performance.now();
    const response = await postToBolt(url, SIGNING_SECRET, body, contentType);
    const ms = performance.now() - started;
    await server.idle();
    return { ...response, ms };
  };

  const close = async () => {
    await server.stop();
    await slack.close();
  };
  return { ...fx, slack, server, url, send, close };
}

/** A slash command body answered through the fake's response URL. */
export function command(h: Harness, user: string, text: string): string {
  return slashCommandBody({
    user_id: user,
    text,
    channel_id: CHANNEL.one,
    response_url: `${h.slack.origin}/commands/${user}`,
  });
}

/** The last answer sent to a response URL. */
export function lastResponse(h: Harness): Record<string, unknown> {
  const calls = h.slack.callsTo('response_url');
  return calls[calls.length - 1]?.body ?? {};
}

export const ITEM_BLOCK = `item:1:${INVOICE.quickpay}`;

/** The digest item of yesterday's visit as posted: Botox preselected, Lips second. */
export function digestItemBlocks(): Block[] {
  return [
    attachActions(
      ITEM_BLOCK,
      {
        invoiceId: INVOICE.quickpay,
        invoiceNumber: 'INV-1001',
        kindLabel: 'Quick Pay',
        invoiceDate: '2025-03-13',
        totalCents: 35001,
        candidates: [
          {
            procedureId: PROCEDURE.botox,
            title: 'BTX 3 areas',
            date: '2025-03-13',
            providerName: 'Priya S.',
            warning: null,
          },
          {
            procedureId: PROCEDURE.lips,
            title: 'Lips 1 syr Juvi',
            date: '2025-03-10',
            providerName: 'Paul S.',
            warning: null,
          },
        ],
        candidateCount: 2,
        verdict: 'confident',
        preselectedId: PROCEDURE.botox,
      },
      { invoiceId: INVOICE.quickpay, appointmentId: 1, clinicId: CLINIC.one },
    ),
  ];
}

export interface ClickOptions {
  user: string;
  action?: 'attach' | 'undo';
  blockId?: string;
  value?: string;
  /** Values of the item's selects as Slack reports them in `state`. */
  state?: Record<string, unknown>;
}

/** A click in clinic one's digest message. */
export function click(h: Harness, options: ClickOptions): string {
  const blockId = options.blockId ?? ITEM_BLOCK;
  const value =
    options.value ??
    encodeButtonValue({ invoiceId: INVOICE.quickpay, appointmentId: 1, clinicId: CLINIC.one });

  return blockActionsBody({
    user: { id: options.user, username: 'someone', team_id: 'TDEMO' },
    channel: { id: CHANNEL.one, name: 'clinic-one' },
    container: {
      type: 'message',
      message_ts: DIGEST_TS,
      channel_id: CHANNEL.one,
      is_ephemeral: false,
    },
    message: { type: 'message', ts: DIGEST_TS, text: 'digest', blocks: digestItemBlocks() },
    state: { values: { [blockId]: options.state ?? {} } },
    response_url: `${h.slack.origin}/actions/${options.user}`,
    actions: [
      {
        type: 'button',
        action_id: options.action ?? ACTION.attach,
        block_id: blockId,
        value,
        action_ts: '1741900100.000200',
      },
    ],
  });
}

/** State of the item's selects with a choice in the search select. */
export function searched(procedureId: number): Record<string, unknown> {
  return {
    [ACTION.search]: {
      type: 'external_select',
      selected_option: { text: { type: 'plain_text', text: 'chosen' }, value: String(procedureId) },
    },
  };
}

export function homeOpened(user: string): string {
  return eventBody({ type: 'app_home_opened', user, channel: 'DHOME', tab: 'home' });
}

export function search(user: string, blockId: string, value: string): string {
  return optionsBody({
    user: { id: user, name: 'someone', team_id: 'TDEMO' },
    action_id: ACTION.search,
    block_id: blockId,
    value,
    container: { type: 'message', message_ts: DIGEST_TS, channel_id: CHANNEL.one },
  });
}

export { JSON_CONTENT_TYPE };
