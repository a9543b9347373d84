import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { connect } from '../../src/db/connect.js';
import { seedDemo } from '../../src/demo/seed.js';
import { reconcile } from '../../src/reconcile/run.js';
import { startServer, type RunningServer } from '../../src/slack/app.js';
import { decodeButtonValue } from '../../src/slack/blocks/digest.js';
import { runCli } from '../support/cli.js';
import { testContext } from '../support/context.js';
import { createTestDatabase, type TestDb } from '../support/databases.js';
import {
  blockActionsBody,
  FORM_CONTENT_TYPE,
  postToBolt,
  slashCommandBody,
} from '../support/signing.js';
import { startFakeSlack, type FakeSlack } from '../support/slackApi.js';

/*
 * The whole loop on MariaDB, as a manager meets it: the demo practice, a digest posted through
 * the stand-in Web API, an Attach click on that very message sent signed to the real Bolt
 * receiver, the message updated in place, and the next reconciliation no longer offering it.
 */

const mysqlUrl = inject('mysqlUrl');
const skip = !mysqlUrl && process.env.CI !== 'true';
const SECRET = 'e2e-signing-secret';
const MANAGER = 'UDEMOMANAGER';

interface Element {
  type: string;
  action_id?: string;
  value?: string;
  initial_option?: { value: string };
}
interface PostedBlock {
  type: string;
  block_id?: string;
  elements?: Element[];
}
interface Payload {
  blocks: PostedBlock[];
}

describe.skipIf(skip)('attaching from a posted digest on MariaDB', () => {
  let testDb: TestDb;
  let slack: FakeSlack;
  let server: RunningServer;
  let eventsUrl: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('mysql');
    slack = await startFakeSlack();
    await seedDemo(testDb.db, { scale: 0.25 });
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
    };

    const [posted] = await reconcile(testContext(testDb.db, 'mysql', env, Date.now()), {
      clinicId: 1,
    });
    expect(posted!.outcome).toBe('posted');

    // The server closes its own pool on stop, so it gets a connection of its own.
    const ctx = testContext(connect(testDb.url).db, 'mysql', env, Date.now());
    server = await startServer(ctx, {
      withWorker: false,
      port: 0,
      host: '127.0.0.1',
      verifyToken: false,
      drainMs: 0,
    });
    eventsUrl = `http://127.0.0.1:${server.port}/slack/events`;
  });

  afterAll(async () => {
    await server?.stop();
    await slack?.close();
    await testDb?.destroy();
  });

  const send = async (body: string, options: { timestamp?: number; signature?: string } = {}) => {
    const started = performance.now();
    const response = await postToBolt(eventsUrl, SECRET, body, FORM_CONTENT_TYPE, options);
    const ms = performance.now() - started;
    await server.idle();
    return { ...response, ms };
  };

  const linksOf = (invoiceId: number) =>
    testDb.db
      .selectFrom('invoice_procedure_links')
      .selectAll()
      .where('invoice_id', '=', invoiceId)
      .execute();

  it('should attach from the posted message, update it, and not offer the invoice again', async () => {
    const click = await firstPreselectedClick();

    const response = await send(click.body);

    expect(response.status).toBe(200);
    const links = await linksOf(click.invoiceId);
    expect(links.map((l) => l.procedure_id)).toEqual([click.procedureId]);
    const updates = slack.callsTo('chat.update');
    expect(updates.map((u) => u.body.ts)).toContain(click.messageTs);
    expect(JSON.stringify(updates)).toContain(`<@${MANAGER}>`);

    const next = await runCli(['reconcile', '--dry-run', '--json', '--clinic', '1'], {
      DATABASE_URL: testDb.url,
    });
    expect(next.code, next.stderr).toBe(0);
    expect(offeredInvoices(JSON.parse(next.stdout) as Payload[])).not.toContain(click.invoiceId);

    const second = await send(click.body);
    expect(second.status).toBe(200);
    expect(await linksOf(click.invoiceId)).toHaveLength(1);
    const ephemeral = slack.callsTo('chat.postEphemeral').map((c) => String(c.body.text));
    expect(ephemeral.join('\n')).toContain('already has a procedure');
  });

  it('should refuse a forged signature and a stale timestamp with 401', async () => {
    const click = await firstPreselectedClick();

    const forged = await send(click.body, { signature: 'v0=' + '0'.repeat(64) });
    const stale = await send(click.body, { timestamp: Math.floor(Date.now() / 1000) - 600 });

    expect([forged.status, stale.status]).toEqual([401, 401]);
  });

  it('should answer /chartlink help within 3 seconds', async () => {
    const body = slashCommandBody({
      user_id: MANAGER,
      text: 'help',
      channel_id: 'CDEMO1',
      response_url: `${slack.origin}/commands/help`,
    });

    const response = await send(body);

    expect(response.status).toBe(200);
    expect(response.ms).toBeLessThan(3000);
    const answer = slack.callsTo('response_url').at(-1)!.body;
    expect(JSON.stringify(answer)).toContain('invoice');
  });

  /** A click on the first item posted with a preselected procedure, as Slack would send it. */
  async function firstPreselectedClick() {
    const rows = await testDb.db
      .selectFrom('digest_messages')
      .select(['seq', 'ts', 'channel_id'])
      .where('clinic_id', '=', 1)
      .orderBy('seq')
      .execute();
    // Clinic 1 was the only one reconciled, so its messages were posted in seq order.
    const posts = slack.callsTo('chat.postMessage');

    for (const [seq, post] of posts.entries()) {
      const blocks = post.body.blocks as PostedBlock[];
      const block = blocks.find((b) =>
        b.elements?.some((e) => e.action_id === 'pick' && e.initial_option),
      );
      if (!block) continue;

      const select = block.elements!.find((e) => e.action_id === 'pick')!;
      const button = block.elements!.find((e) => e.action_id === 'attach')!;
      const messageTs = rows[seq]!.ts;
      return {
        invoiceId: decodeButtonValue(button.value)!.invoiceId,
        procedureId: Number(select.initial_option!.value),
        messageTs,
        body: clickBody(rows[seq]!.channel_id, messageTs, blocks, block, select, button),
      };
    }
    throw new Error('the posted digest has no preselected item');
  }

  function clickBody(
    channel: string,
    ts: string,
    blocks: PostedBlock[],
    block: PostedBlock,
    select: Element,
    button: Element,
  ): string {
    return blockActionsBody({
      user: { id: MANAGER, username: 'manager', team_id: 'TDEMO' },
      channel: { id: channel, name: 'clinic' },
      container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
      message: { type: 'message', ts, text: 'digest', blocks },
      state: {
        values: {
          [block.block_id!]: {
            pick: { type: 'static_select', selected_option: select.initial_option },
          },
        },
      },
      response_url: `${slack.origin}/actions/${MANAGER}`,
      actions: [
        {
          type: 'button',
          action_id: 'attach',
          block_id: block.block_id,
          value: button.value,
          action_ts: '1796400000.000100',
        },
      ],
    });
  }
});

function offeredInvoices(payloads: Payload[]): number[] {
  return payloads.flatMap((p) =>
    p.blocks.flatMap((b) =>
      (b.elements ?? [])
        .filter((e) => e.action_id === 'attach')
        .map((e) => decodeButtonValue(e.value)!.invoiceId),
    ),
  );
}
