import type { AppContext } from '../context.js';
import type { Clinic } from '../db/schema.js';
import { isAttachableKind, isLiveStatus, kindRule } from '../domain/invoiceKinds.js';
import { addDays, localDateOfInstant, localDayBounds } from '../domain/time.js';
import { CANDIDATE_DAYS_AFTER_INVOICE, CANDIDATE_DAYS_BEFORE_INVOICE } from '../domain/windows.js';
import { findClinic } from '../repo/clinics.js';
import {
  attachInvoiceDetails,
  loadLinks,
  type InvoiceFact,
  type ProcedureFact,
} from '../repo/facts.js';
import { MAX_SELECT_CANDIDATES, toCandidate, toMatchProcedure } from './assemble.js';
import type { AttachOffer } from './model.js';

/** One invoice looked up by number, with its ranked candidates or the reason it has none. */
export interface InvoiceLookup {
  invoice: InvoiceFact;
  clinic: Clinic;
  invoiceDate: string;
  linkedProcedureId: number | null;
  /** Why no procedure can be attached; null when an offer is made. */
  blocked: string | null;
  offer: AttachOffer | null;
}

export async function lookupInvoice(
  ctx: AppContext,
  number: string,
): Promise<InvoiceLookup | null> {
  const row = await ctx.db
    .selectFrom('invoices')
    .where('number', '=', number)
    .select([
      'id',
      'number',
      'clinic_id as clinicId',
      'patient_id as patientId',
      'appointment_id as appointmentId',
      'kind',
      'status',
      'total_cents as totalCents',
      'merged_into_id as mergedIntoId',
      'created_at as createdAt',
    ])
    .executeTakeFirst();
  if (!row) return null;

  const { clinicId, ...rest } = row;
  const [invoice] = await attachInvoiceDetails(ctx.db, [rest]);
  const clinic = (await findClinic(ctx.db, clinicId))!;
  const invoiceDate = localDateOfInstant(invoice!.createdAt, clinic.time_zone);
  const [link] = await loadLinks(ctx.db, [], [invoice!.id]);

  const base = {
    invoice: invoice!,
    clinic,
    invoiceDate,
    linkedProcedureId: link?.procedureId ?? null,
  };
  const blocked = blockedReason(invoice!, link !== undefined);
  if (blocked) return { ...base, blocked, offer: null };

  return { ...base, blocked: null, offer: await offerFor(ctx, invoice!, clinic, invoiceDate) };
}

function blockedReason(invoice: InvoiceFact, linked: boolean): string | null {
  if (linked) return 'It already has a procedure attached.';
  if (!isLiveStatus(invoice.status)) return `It is ${invoice.status}.`;
  if (!isAttachableKind(invoice.kind)) {
    return `${kindRule(invoice.kind).label} invoices cannot take a procedure: ${kindRule(invoice.kind).reason}.`;
  }
  if (invoice.patientId === null) return 'It has no patient.';
  return null;
}

async function offerFor(
  ctx: AppContext,
  invoice: InvoiceFact,
  clinic: Clinic,
  invoiceDate: string,
): Promise<AttachOffer> {
  const procedures = await openProceduresNear(ctx, invoice.patientId!, clinic, invoiceDate);
  const suggestion = ctx.matcher.rank(
    {
      number: invoice.number,
      date: invoiceDate,
      employees: invoice.employees.map((e) => e.name),
      items: invoice.lines,
      appointmentId: invoice.appointmentId === null ? null : String(invoice.appointmentId),
    },
    procedures.map((p) => toMatchProcedure(p, clinic.time_zone)),
  );

  const byId = new Map(procedures.map((p) => [String(p.id), p]));
  const employeeIds = invoice.employees.map((e) => e.id);
  const candidates = suggestion.ranked.map((r) =>
    toCandidate(byId.get(r.id)!, clinic.time_zone, employeeIds),
  );

  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    kindLabel: kindRule(invoice.kind).label,
    invoiceDate,
    totalCents: invoice.totalCents,
    candidates: candidates.slice(0, MAX_SELECT_CANDIDATES),
    candidateCount: candidates.length,
    verdict: suggestion.verdict,
    preselectedId: suggestion.confident ? (candidates[0]?.procedureId ?? null) : null,
  };
}

/** The patient's procedures at the clinic, in the invoice's candidate window, not yet linked. */
export async function openProceduresNear(
  ctx: AppContext,
  patientId: number,
  clinic: Clinic,
  invoiceDate: string,
): Promise<ProcedureFact[]> {
  const start = localDayBounds(
    addDays(invoiceDate, -CANDIDATE_DAYS_BEFORE_INVOICE),
    clinic.time_zone,
  ).start;
  const end = localDayBounds(
    addDays(invoiceDate, CANDIDATE_DAYS_AFTER_INVOICE),
    clinic.time_zone,
  ).end;

  return ctx.db
    .selectFrom('procedures as pr')
    .innerJoin('employees as e', 'e.id', 'pr.provider_id')
    .leftJoin('invoice_procedure_links as l', 'l.procedure_id', 'pr.id')
    .where('pr.patient_id', '=', patientId)
    .where('pr.clinic_id', '=', clinic.id)
    .where('pr.performed_at', '>=', start)
    .where('pr.performed_at', '<', end)
    .where('l.id', 'is', null)
    .select([
      'pr.id',
      'pr.patient_id as patientId',
      'pr.provider_id as providerId',
      'e.display_name as providerName',
      'pr.appointment_id as appointmentId',
      'pr.kind',
      'pr.title',
      'pr.performed_at as performedAt',
    ])
    .orderBy('pr.performed_at', 'desc')
    .execute();
}
