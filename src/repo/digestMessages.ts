import type { Db } from '../db/connect.js';
import type { DigestMessage } from '../db/schema.js';
import { toSqlInstant } from '../domain/time.js';

/** What a posted digest message holds, kept so the message can be rebuilt in place later. */
export interface MessageContent {
  appointmentIds: number[];
  invoiceIds: number[];
}

export interface NewDigestMessage {
  clinicId: number;
  localDate: string;
  seq: number;
  channelId: string;
  ts: string;
  threadTs: string | null;
  content: MessageContent;
  nowMs: number;
}

export async function digestMessagesOf(
  db: Db,
  clinicId: number,
  localDate: string,
): Promise<DigestMessage[]> {
  return db
    .selectFrom('digest_messages')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('local_date', '=', localDate)
    .orderBy('seq')
    .execute();
}

/** Records a message right after Slack accepted it, with the invoices it shows. */
export async function recordDigestMessage(db: Db, message: NewDigestMessage): Promise<void> {
  const now = toSqlInstant(message.nowMs);

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('digest_messages')
      .values({
        clinic_id: message.clinicId,
        local_date: message.localDate,
        seq: message.seq,
        channel_id: message.channelId,
        ts: message.ts,
        thread_ts: message.threadTs,
        content: JSON.stringify(message.content),
        posted_at: now,
        updated_at: now,
      })
      .execute();

    const row = await trx
      .selectFrom('digest_messages')
      .select('id')
      .where('channel_id', '=', message.channelId)
      .where('ts', '=', message.ts)
      .executeTakeFirstOrThrow();

    const items = [...new Set(message.content.invoiceIds)].map((invoiceId) => ({
      message_id: row.id,
      invoice_id: invoiceId,
    }));
    if (items.length > 0) await trx.insertInto('digest_message_items').values(items).execute();
  });
}

/** The digest messages that show an invoice, to refresh them after it changed. */
export async function digestMessagesShowing(db: Db, invoiceId: number): Promise<DigestMessage[]> {
  return db
    .selectFrom('digest_messages as m')
    .innerJoin('digest_message_items as i', 'i.message_id', 'm.id')
    .where('i.invoice_id', '=', invoiceId)
    .selectAll('m')
    .orderBy('m.local_date')
    .orderBy('m.seq')
    .execute();
}

export async function digestMessageAt(
  db: Db,
  channelId: string,
  ts: string,
): Promise<DigestMessage | undefined> {
  return db
    .selectFrom('digest_messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('ts', '=', ts)
    .executeTakeFirst();
}

export async function touchDigestMessage(db: Db, id: number, nowMs: number): Promise<void> {
  await db
    .updateTable('digest_messages')
    .set({ updated_at: toSqlInstant(nowMs) })
    .where('id', '=', id)
    .execute();
}

export function parseContent(message: DigestMessage): MessageContent {
  const parsed = JSON.parse(message.content) as Partial<MessageContent>;
  return { appointmentIds: parsed.appointmentIds ?? [], invoiceIds: parsed.invoiceIds ?? [] };
}
