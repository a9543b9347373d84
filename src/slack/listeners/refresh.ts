import type { WebClient } from '@slack/web-api';

import type { AppContext } from '../../context.js';
import type { DigestMessage } from '../../db/schema.js';
import { groupBy, uniqueById } from '../../lib/collections.js';
import { buildDigest } from '../../reconcile/run.js';
import { findClinic } from '../../repo/clinics.js';
import {
  digestMessageAt,
  digestMessagesOf,
  digestMessagesShowing,
  parseContent,
  touchDigestMessage,
} from '../../repo/digestMessages.js';
import { buildDigestMessage } from '../blocks/digest.js';
import { safeError } from './reply.js';

/*
 * After an attach or undo, the digest messages that show the invoice are rebuilt from fresh facts
 * and updated in place, together with the top message of their day, whose counts change too.
 */

export interface MessageRef {
  channel: string;
  ts: string;
}

/** Updates every digest message showing the invoice (and the one clicked); returns how many. */
export async function refreshDigestMessages(
  ctx: AppContext,
  client: WebClient,
  invoiceId: number,
  clicked: MessageRef | null,
): Promise<number> {
  const rows = await messagesToRefresh(ctx, invoiceId, clicked);
  let updated = 0;

  const byDay = groupBy(rows, (m) => `${m.clinic_id}:${m.local_date}`);
  for (const group of byDay.values()) {
    updated += await refreshDay(ctx, client, group);
  }
  return updated;
}

async function messagesToRefresh(
  ctx: AppContext,
  invoiceId: number,
  clicked: MessageRef | null,
): Promise<DigestMessage[]> {
  const showing = await digestMessagesShowing(ctx.db, invoiceId);
  const at = clicked ? await digestMessageAt(ctx.db, clicked.channel, clicked.ts) : undefined;

  return uniqueById([...showing, ...(at ? [at] : [])]);
}

/** Rebuilds one clinic-day's digest once and updates its affected messages and its top. */
async function refreshDay(
  ctx: AppContext,
  client: WebClient,
  rows: DigestMessage[],
): Promise<number> {
  const first = rows[0]!;
  const clinic = await findClinic(ctx.db, first.clinic_id);
  if (!clinic) return 0;

  const all = await digestMessagesOf(ctx.db, clinic.id, first.local_date);
  const top = all.find((m) => m.seq === 0);
  const targets = uniqueById([...rows, ...(top ? [top] : [])]);
  const { digest, itemsByAppointment } = await buildDigest(ctx, clinic, first.local_date);
  let updated = 0;

  for (const row of targets) {
    const plan = { seq: row.seq, appointmentIds: parseContent(row).appointmentIds };
    const message = buildDigestMessage(digest, plan, all.length, itemsByAppointment);

    try {
      await client.chat.update({ channel: row.channel_id, ts: row.ts, ...message });
      await touchDigestMessage(ctx.db, row.id, ctx.now());
      updated += 1;
    } catch (err) {
      // One message that Slack refuses (deleted, say) must not keep the others stale.
      ctx.logger.warn({ err: safeError(err), messageId: row.id }, 'digest message not updated');
    }
  }
  return updated;
}
