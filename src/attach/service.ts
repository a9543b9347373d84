import type { Transaction } from 'kysely';

import type { AppContext } from '../context.js';
import type { Db } from '../db/connect.js';
import { asChartlinkError, isUniqueViolation } from '../db/errors.js';
import type { Database, Invoice, LinkSource, Procedure } from '../db/schema.js';
import { fromSqlInstant, localDateOfInstant, localTimeOf, toSqlInstant } from '../domain/time.js';
import { ChartlinkError, type ErrorCode } from '../errors.js';
import { monthDay } from '../render/format.js';
import { assertAttachable } from './rules.js';
import { assertMayAttach, requireStaff, type Staff } from './staff.js';

/*
 * Attaching a procedure to an invoice, and undoing it. Nothing here knows Slack: the request
 * says who (a Slack user id, mapped to an employee here) and from where (the source).
 */

/** How long the person who attached may undo it themselves. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

type Trx = Transaction<Database>;

export interface AttachRequest {
  slackUserId: string;
  invoiceId: number;
  procedureId: number;
  source: LinkSource;
}

export interface AttachResult {
  linkId: number;
  invoiceId: number;
  procedureId: number;
  clinicId: number;
  employeeId: number;
  linkedAt: string;
}

export interface UndoRequest {
  slackUserId: string;
  invoiceId: number;
  source: LinkSource;
}

export interface UndoResult {
  invoiceId: number;
  procedureId: number;
  clinicId: number;
}

/**
 * Links a procedure to an invoice for a Slack user, after checking that the user may and that
 * every rule still holds on fresh rows (the request may come from an old message, or be forged).
 * Of two attaches racing for the same invoice or procedure exactly one wins; the other gets
 * INVOICE_ALREADY_LINKED or PROCEDURE_ALREADY_LINKED naming who attached it and when.
 *
 * @example
 * const link = await attach(ctx, { slackUserId: 'U1', invoiceId: 7, procedureId: 12, source: 'cli' });
 */
export async function attach(ctx: AppContext, request: AttachRequest): Promise<AttachResult> {
  const staff = await requireStaff(ctx.db, request.slackUserId).catch((err: unknown) => {
    throw asChartlinkError(err);
  });

  try {
    return await withDeadlockRetry(() =>
      ctx.db.transaction().execute((trx) => attachIn(ctx, trx, staff, request)),
    );
  } catch (err) {
    // The unique keys are what really stop a second link; the read inside the transaction only
    // makes the common case (an old message) answer without a failed insert.
    if (isUniqueViolation(err)) throw await alreadyLinkedError(ctx.db, request);
    throw asChartlinkError(err);
  }
}

async function attachIn(
  ctx: AppContext,
  trx: Trx,
  staff: Staff,
  request: AttachRequest,
): Promise<AttachResult> {
  const invoice = await lockInvoice(ctx, trx, request.invoiceId);
  const procedure = await findProcedure(trx, request.procedureId);
  assertMayAttach(staff, procedure);

  const zone = await zoneOf(trx, invoice.clinic_id);
  assertAttachable(invoice, procedure, zone);
  await assertBothFree(trx, invoice.id, procedure.id, staff.slackUserId);

  const linkedAt = toSqlInstant(ctx.now());
  await trx
    .insertInto('invoice_procedure_links')
    .values({
      invoice_id: invoice.id,
      procedure_id: procedure.id,
      linked_by_employee_id: staff.employeeId,
      linked_by_slack_user_id: staff.slackUserId,
      source: request.source,
      linked_at: linkedAt,
    })
    .execute();
  await audit(trx, 'attach', invoice.id, procedure.id, staff, request.source, linkedAt);

  const link = await trx
    .selectFrom('invoice_procedure_links')
    .select('id')
    .where('invoice_id', '=', invoice.id)
    .executeTakeFirstOrThrow();

  return {
    linkId: link.id,
    invoiceId: invoice.id,
    procedureId: procedure.id,
    clinicId: invoice.clinic_id,
    employeeId: staff.employeeId,
    linkedAt,
  };
}

/** Reads the invoice; on MySQL its row stays locked until the transaction ends. */
async function lockInvoice(ctx: AppContext, trx: Trx, invoiceId: number): Promise<Invoice> {
  // SQLite has no FOR UPDATE; its single writer serialises the transactions anyway.
  const invoice = await trx
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', invoiceId)
    .$if(ctx.dialect === 'mysql', (q) => q.forUpdate())
    .executeTakeFirst();

  if (!invoice) throw new ChartlinkError('INVOICE_NOT_FOUND', { detail: { invoiceId } });
  return invoice;
}

async function findProcedure(trx: Trx, procedureId: number): Promise<Procedure> {
  const procedure = await trx
    .selectFrom('procedures')
    .selectAll()
    .where('id', '=', procedureId)
    .executeTakeFirst();

  if (!procedure) throw new ChartlinkError('PROCEDURE_NOT_FOUND', { detail: { procedureId } });
  return procedure;
}

async function zoneOf(db: Db | Trx, clinicId: number): Promise<string> {
  const clinic = await db
    .selectFrom('clinics')
    .select('time_zone')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return clinic.time_zone;
}

async function assertBothFree(
  trx: Trx,
  invoiceId: number,
  procedureId: number,
  slackUserId: string,
): Promise<void> {
  const links = await trx
    .selectFrom('invoice_procedure_links')
    .select(['invoice_id', 'procedure_id'])
    .where((eb) => eb.or([eb('invoice_id', '=', invoiceId), eb('procedure_id', '=', procedureId)]))
    .execute();
  if (links.length === 0) return;

  const code = links.some((l) => l.invoice_id === invoiceId)
    ? 'INVOICE_ALREADY_LINKED'
    : 'PROCEDURE_ALREADY_LINKED';
  throw await linkedError(trx, code, invoiceId, procedureId, slackUserId);
}

/** After a unique key refused the link: which side was taken, by whom and when. */
async function alreadyLinkedError(db: Db, request: AttachRequest): Promise<ChartlinkError> {
  const onInvoice = await db
    .selectFrom('invoice_procedure_links')
    .select('id')
    .where('invoice_id', '=', request.invoiceId)
    .executeTakeFirst();
  const code = onInvoice ? 'INVOICE_ALREADY_LINKED' : 'PROCEDURE_ALREADY_LINKED';

  return linkedError(db, code, request.invoiceId, request.procedureId, request.slackUserId);
}

/** The error for a side already linked, its sentence saying who attached it and when. */
async function linkedError(
  db: Db | Trx,
  code: Extract<ErrorCode, 'INVOICE_ALREADY_LINKED' | 'PROCEDURE_ALREADY_LINKED'>,
  invoiceId: number,
  procedureId: number,
  slackUserId: string | null,
): Promise<ChartlinkError> {
  const column = code === 'INVOICE_ALREADY_LINKED' ? 'l.invoice_id' : 'l.procedure_id';
  const link = await db
    .selectFrom('invoice_procedure_links as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .innerJoin('clinics as c', 'c.id', 'i.clinic_id')
    .leftJoin('employees as e', 'e.id', 'l.linked_by_employee_id')
    .select(['l.id', 'l.linked_at', 'l.linked_by_slack_user_id', 'e.display_name', 'c.time_zone'])
    .where(column, '=', code === 'INVOICE_ALREADY_LINKED' ? invoiceId : procedureId)
    .executeTakeFirst();

  const base = new ChartlinkError(code).userMessage;
  const byYou = slackUserId !== null && link?.linked_by_slack_user_id === slackUserId;
  const by = byYou
    ? 'you'
    : (link?.display_name ?? (link ? 'someone in Aesthetic Record' : 'someone'));
  const when = link
    ? ` on ${monthDay(localDateOfInstant(link.linked_at, link.time_zone))} at ${localTimeOf(link.linked_at, link.time_zone)} clinic time`
    : '';

  return new ChartlinkError(code, {
    message: `${base} It was attached by ${by}${when}.`,
    detail: { invoiceId, procedureId, linkId: link?.id ?? null },
  });
}

async function audit(
  trx: Trx,
  action: 'attach' | 'undo',
  invoiceId: number,
  procedureId: number,
  staff: Staff,
  source: LinkSource,
  at: string,
): Promise<void> {
  await trx
    .insertInto('link_audit')
    .values({
      action,
      invoice_id: invoiceId,
      procedure_id: procedureId,
      employee_id: staff.employeeId,
      slack_user_id: staff.slackUserId,
      source,
      at,
    })
    .execute();
}

/**
 * Removes the link of an invoice. The person who attached it may for 10 minutes, an admin of the
 * clinic at any time; the removal is audited like the attach.
 */
export async function undo(ctx: AppContext, request: UndoRequest): Promise<UndoResult> {
  const staff = await requireStaff(ctx.db, request.slackUserId);

  try {
    return await withDeadlockRetry(() =>
      ctx.db.transaction().execute((trx) => undoIn(ctx, trx, staff, request)),
    );
  } catch (err) {
    throw asChartlinkError(err);
  }
}

async function undoIn(
  ctx: AppContext,
  trx: Trx,
  staff: Staff,
  request: UndoRequest,
): Promise<UndoResult> {
  const link = await trx
    .selectFrom('invoice_procedure_links as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['l.id', 'l.procedure_id', 'l.linked_by_employee_id', 'l.linked_at', 'i.clinic_id'])
    .where('l.invoice_id', '=', request.invoiceId)
    .$if(ctx.dialect === 'mysql', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!link)
    throw new ChartlinkError('LINK_NOT_FOUND', { detail: { invoiceId: request.invoiceId } });

  assertMayUndo(staff, link, ctx.now());

  const deleted = await trx
    .deleteFrom('invoice_procedure_links')
    .where('id', '=', link.id)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) {
    throw new ChartlinkError('LINK_NOT_FOUND', { detail: { invoiceId: request.invoiceId } });
  }

  const at = toSqlInstant(ctx.now());
  await audit(trx, 'undo', request.invoiceId, link.procedure_id, staff, request.source, at);

  return { invoiceId: request.invoiceId, procedureId: link.procedure_id, clinicId: link.clinic_id };
}

function assertMayUndo(
  staff: Staff,
  link: { linked_by_employee_id: number | null; linked_at: string; clinic_id: number },
  nowMs: number,
): void {
  const detail = { employeeId: staff.employeeId, clinicId: link.clinic_id };
  if (staff.role === 'admin' && staff.clinicIds.includes(link.clinic_id)) return;

  if (link.linked_by_employee_id !== staff.employeeId) {
    throw new ChartlinkError('UNDO_NOT_ALLOWED', { detail });
  }
  if (nowMs - fromSqlInstant(link.linked_at) > UNDO_WINDOW_MS) {
    throw new ChartlinkError('UNDO_EXPIRED', { detail });
  }
}

/** MySQL may pick a racing transaction as a deadlock victim; running it once more is safe. */
async function withDeadlockRetry<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ER_LOCK_DEADLOCK') throw err;
    return run();
  }
}
