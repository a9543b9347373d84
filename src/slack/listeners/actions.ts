import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { attach, undo } from '../../attach/service.js';
import type { AppContext } from '../../context.js';
import type { LinkSource } from '../../db/schema.js';
import { ChartlinkError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { ACTION, decodeButtonValue } from '../blocks/digest.js';
import { invoiceMessage } from '../blocks/lookup.js';
import { invoiceAnswerById, viewerOf } from '../../lookup/answers.js';
import { refreshDigestMessages, type MessageRef } from './refresh.js';
import { answering, safeError, type Tell } from './reply.js';

/*
 * Buttons and selects of the digest and of `/chartlink invoice` answers. The selects only ack:
 * the choice is read from the message's state when Attach is pressed.
 */

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Registers the action listeners. */
export function register(app: App, ctx: AppContext): void {
  app.action(ACTION.pick, async ({ ack }) => {
    await ack();
  });
  app.action(ACTION.search, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>(ACTION.attach, async (args) => {
    await args.ack();
    await onAttach(ctx, args);
  });
  app.action<BlockAction<ButtonAction>>(ACTION.undo, async (args) => {
    await args.ack();
    await onUndo(ctx, args);
  });
}

async function onAttach(ctx: AppContext, { body, action, client, respond }: ButtonArgs) {
  const userId = body.user.id;
  const invoiceId = invoiceIdOf(action);
  const log = ctx.logger.child({ userId, invoiceId, action: 'attach' });

  await answering(log, tellerFor(body, client, respond), async () => {
    try {
      if (invoiceId === null) throw new ChartlinkError('BAD_REQUEST', { detail: { userId } });

      const procedureId = chosenProcedure(body, action.block_id);
      const source = sourceOf(body, action.block_id);
      const link = await attach(ctx, { slackUserId: userId, invoiceId, procedureId, source });
      log.info({ procedureId, linkId: link.linkId, source }, 'procedure attached');
    } finally {
      // Shown either way: attached, or the state that made the attach fail (taken by someone).
      if (invoiceId !== null) await refreshAfter(ctx, log, body, client, respond, invoiceId);
    }
  });
}

async function onUndo(ctx: AppContext, { body, action, client, respond }: ButtonArgs) {
  const userId = body.user.id;
  const invoiceId = invoiceIdOf(action);
  const log = ctx.logger.child({ userId, invoiceId, action: 'undo' });

  await answering(log, tellerFor(body, client, respond), async () => {
    if (invoiceId === null) throw new ChartlinkError('BAD_REQUEST', { detail: { userId } });

    const source = sourceOf(body, action.block_id);
    const result = await undo(ctx, { slackUserId: userId, invoiceId, source });
    log.info({ procedureId: result.procedureId, source }, 'attachment undone');

    await refreshAfter(ctx, log, body, client, respond, invoiceId);
  });
}

/**
 * The invoice an action is about: from the button's value, else from the block id (a lookup
 * answer's `lookup:<invoiceId>`, a digest item's `item:<appointmentId>:<invoiceId>`).
 */
export function invoiceIdOf(action: { value?: string; block_id: string }): number | null {
  const fromValue = decodeButtonValue(action.value)?.invoiceId;
  if (fromValue !== undefined) return fromValue;

  const last = /^(?:lookup|item:\d+|done:\d+):(\d{1,15})$/.exec(action.block_id)?.[1];
  const id = Number(last);
  return last && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The procedure chosen when Attach was pressed: the search select if used, else the ranked
 * select's choice or its preselected option.
 */
export function chosenProcedure(body: BlockAction, blockId: string): number {
  const values = body.state?.values[blockId];
  const raw =
    values?.[ACTION.search]?.selected_option?.value ??
    values?.[ACTION.pick]?.selected_option?.value ??
    initialPick(body, blockId);

  const id = Number(raw);
  if (!raw || !/^\d{1,15}$/.test(raw) || id <= 0) {
    throw new ChartlinkError('NO_PROCEDURE_CHOSEN');
  }
  return id;
}

/** The preselected option of the ranked select, read from the message as it was posted. */
function initialPick(body: BlockAction, blockId: string): string | undefined {
  const blocks = (body.message?.blocks ?? []) as {
    block_id?: string;
    elements?: { action_id?: string; initial_option?: { value?: string } }[];
  }[];
  const block = blocks.find((b) => b.block_id === blockId);
  return block?.elements?.find((e) => e.action_id === ACTION.pick)?.initial_option?.value;
}

function sourceOf(body: BlockAction, blockId: string): LinkSource {
  if (body.view?.type === 'home') return 'slack_home';
  return blockId.startsWith('lookup:') ? 'slack_command' : 'slack_digest';
}

function isEphemeral(body: BlockAction): boolean {
  return body.container.is_ephemeral === true || body.message === undefined;
}

/** Ephemeral messages are answered through their response URL, channel messages ephemerally. */
function tellerFor(body: BlockAction, client: WebClient, respond: RespondFn): Tell {
  const channel = body.channel?.id;
  if (isEphemeral(body) || !channel) {
    return (text) => respond({ response_type: 'ephemeral', replace_original: false, text });
  }
  return (text) => client.chat.postEphemeral({ channel, user: body.user.id, text });
}

/** Refreshes what the person looks at: the digest messages, or the lookup answer they used. */
async function refreshAfter(
  ctx: AppContext,
  log: Logger,
  body: BlockAction,
  client: WebClient,
  respond: RespondFn,
  invoiceId: number,
): Promise<void> {
  try {
    const clicked: MessageRef | null =
      body.channel && body.message && !isEphemeral(body)
        ? { channel: body.channel.id, ts: body.message.ts }
        : null;
    const updated = await refreshDigestMessages(ctx, client, invoiceId, clicked);
    log.debug({ updated }, 'digest messages refreshed');

    if (isEphemeral(body) && body.response_url) await refreshLookup(ctx, body, respond, invoiceId);
  } catch (err) {
    log.warn({ err: safeError(err) }, 'refresh after attach failed');
  }
}

async function refreshLookup(
  ctx: AppContext,
  body: BlockAction,
  respond: RespondFn,
  invoiceId: number,
): Promise<void> {
  const { staff, clinics } = await viewerOf(ctx, body.user.id);
  const answer = await invoiceAnswerById(ctx, staff, clinics, invoiceId);
  if (!answer) return;

  await respond({ replace_original: true, ...invoiceMessage(answer, answer.number) });
}
