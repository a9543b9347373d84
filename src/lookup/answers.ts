import {
  invoiceById,
  invoiceByNumber,
  invoiceFactOf,
  openProceduresFor,
  findPatients,
  patientProcedures,
  type InvoiceWithZone,
} from '../repo/lookups.js';
import { requireStaff, type Staff } from '../attach/staff.js';
import type { AppContext } from '../context.js';
import type { Clinic } from '../db/schema.js';
import { countByClass, type OpenClass } from '../domain/classify.js';
import { isAttachableKind, isLiveStatus, kindRule } from '../domain/invoiceKinds.js';
import { addDays, localDateOf, localDateOfInstant } from '../domain/time.js';
import type { AttachOffer, DigestItem, DigestSummary } from '../reconcile/model.js';
import { rankOffer } from '../reconcile/offer.js';
import { buildDigest, DIGEST_JOB } from '../reconcile/run.js';
import { latestFinishedRun } from '../repo/jobRuns.js';
import { listClinics } from '../repo/clinics.js';
import { loadLinks } from '../repo/facts.js';
import { LIMITS } from '../slack/blocks/kit.js';
import type { DayWord } from '../slack/commands/parse.js';

/*
 * The data behind each `/chartlink` answer, limited to the caller's clinics. Block Kit is made
 * from these in blocks/lookup.ts.
 */

/** How many patients a name search shows, and procedures per patient. */
export const MAX_PATIENTS = 5;
export const MAX_PATIENT_PROCEDURES = 15;

export interface ClinicItems {
  clinic: Clinic;
  localDate: string;
  items: DigestItem[];
  /** The day lies after today in the clinic's zone: nothing can have ended yet. */
  future?: boolean;
}

/** The caller and the clinics they may see. An unmapped caller is NOT_MAPPED. */
export async function viewerOf(
  ctx: AppContext,
  slackUserId: string,
): Promise<{ staff: Staff; clinics: Clinic[] }> {
  const staff = await requireStaff(ctx.db, slackUserId);
  const clinics = (await listClinics(ctx.db)).filter((c) => staff.clinicIds.includes(c.id));
  return { staff, clinics };
}

/** Every item of a clinic up to today, open or complete, from the same assembly as the digest. */
async function itemsUpToToday(ctx: AppContext, clinic: Clinic) {
  const today = localDateOf(ctx.now(), clinic.time_zone);
  return { today, assembled: await buildDigest(ctx, clinic, today) };
}

/**
 * The caller's open items: a provider's own appointments, a manager's items ready to attach.
 * Oldest first.
 */
export async function mineAnswer(
  ctx: AppContext,
  staff: Staff,
  clinics: Clinic[],
): Promise<ClinicItems[]> {
  const answers: ClinicItems[] = [];

  for (const clinic of clinics) {
    const { today, assembled } = await itemsUpToToday(ctx, clinic);
    const items = assembled.digest.items
      .filter((i) =>
        staff.role === 'provider'
          ? i.providerId === staff.employeeId
          : i.openClass === 'ready_to_attach',
      )
      .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.time.localeCompare(b.time));
    answers.push({ clinic, localDate: today, items });
  }
  return answers;
}

/** One day's appointments of each clinic, complete or open, optionally of one provider. */
export async function dayAnswer(
  ctx: AppContext,
  clinics: Clinic[],
  date: string | DayWord,
  provider: string | null,
): Promise<ClinicItems[]> {
  const answers: ClinicItems[] = [];
  const wanted = provider?.toLowerCase() ?? null;

  for (const clinic of clinics) {
    const localDate = resolveDay(date, clinic.time_zone, ctx.now());
    if (localDate > localDateOf(ctx.now(), clinic.time_zone)) {
      answers.push({ clinic, localDate, items: [], future: true });
      continue;
    }

    const { itemsByAppointment } = await buildDigest(ctx, clinic, localDate);
    const items = [...itemsByAppointment.values()]
      .filter((i) => i.localDate === localDate)
      .filter((i) => wanted === null || i.providerName.toLowerCase().includes(wanted))
      .sort((a, b) => a.time.localeCompare(b.time) || a.appointmentId - b.appointmentId);
    answers.push({ clinic, localDate, items });
  }
  return answers;
}

export function resolveDay(date: string, zone: string, nowMs: number): string {
  const today = localDateOf(nowMs, zone);
  if (date === 'today') return today;
  if (date === 'yesterday') return addDays(today, -1);
  return date;
}

export type InvoiceState =
  | {
      state: 'linked';
      procedureTitle: string | null;
      byName: string | null;
      bySlackUserId: string | null;
      at: string;
    }
  | { state: 'voided'; status: string }
  | { state: 'not_attachable'; reason: string }
  | { state: 'open'; offer: AttachOffer };

export interface InvoiceAnswer {
  invoiceId: number;
  number: string;
  clinicId: number;
  clinicName: string;
  kindLabel: string;
  status: string;
  totalCents: number;
  localDate: string;
  chartNumber: string | null;
  appointmentId: number | null;
  detail: InvoiceState;
}

/**
 * An invoice of the caller's clinics by number, what class it is in and its candidates. Without
 * staff (the command line) every procedure is a candidate; a provider sees only their own.
 */
export async function invoiceAnswer(
  ctx: AppContext,
  staff: Staff | null,
  clinics: Clinic[],
  number: string,
): Promise<InvoiceAnswer | null> {
  const found = await invoiceByNumber(
    ctx.db,
    number,
    clinics.map((c) => c.id),
  );
  return found ? describeInvoice(ctx, staff, clinics, found) : null;
}

/** The same answer by invoice id, for refreshing a lookup after attach or undo. */
export async function invoiceAnswerById(
  ctx: AppContext,
  staff: Staff,
  clinics: Clinic[],
  invoiceId: number,
): Promise<InvoiceAnswer | null> {
  const found = await invoiceById(ctx.db, invoiceId);
  if (!found || !clinics.some((c) => c.id === found.invoice.clinic_id)) return null;
  return describeInvoice(ctx, staff, clinics, found);
}

async function describeInvoice(
  ctx: AppContext,
  staff: Staff | null,
  clinics: Clinic[],
  found: InvoiceWithZone,
): Promise<InvoiceAnswer> {
  const { invoice, zone } = found;
  const patient =
    invoice.patient_id === null
      ? undefined
      : await ctx.db
          .selectFrom('patients')
          .select('chart_number')
          .where('id', '=', invoice.patient_id)
          .executeTakeFirst();

  return {
    invoiceId: invoice.id,
    number: invoice.number,
    clinicId: invoice.clinic_id,
    clinicName: clinics.find((c) => c.id === invoice.clinic_id)?.name ?? '',
    kindLabel: kindRule(invoice.kind).label,
    status: invoice.status,
    totalCents: invoice.total_cents,
    localDate: localDateOfInstant(invoice.created_at, zone),
    chartNumber: patient?.chart_number ?? null,
    appointmentId: invoice.appointment_id,
    detail: await invoiceState(ctx, staff, found),
  };
}

async function invoiceState(
  ctx: AppContext,
  staff: Staff | null,
  found: InvoiceWithZone,
): Promise<InvoiceState> {
  const { invoice } = found;
  const [link] = await loadLinks(ctx.db, [], [invoice.id]);

  if (link) {
    const procedure = await ctx.db
      .selectFrom('procedures')
      .select('title')
      .where('id', '=', link.procedureId)
      .executeTakeFirst();
    return {
      state: 'linked',
      procedureTitle: procedure?.title ?? null,
      byName: link.linkedByName,
      bySlackUserId: link.linkedBySlackUserId,
      at: link.linkedAt,
    };
  }
  if (!isLiveStatus(invoice.status)) return { state: 'voided', status: invoice.status };
  if (!isAttachableKind(invoice.kind)) {
    return { state: 'not_attachable', reason: kindRule(invoice.kind).reason ?? '' };
  }

  return { state: 'open', offer: await offerFor(ctx, staff, found) };
}

/** Ranks the invoice's candidates as the digest does; a provider sees only their own. */
export async function offerFor(
  ctx: AppContext,
  staff: Staff | null,
  found: InvoiceWithZone,
): Promise<AttachOffer> {
  const procedures = await openProceduresFor(ctx.db, found, {
    limit: LIMITS.optionsPerSelect,
    ...(staff?.role === 'provider' ? { providerId: staff.employeeId } : {}),
  });
  const invoice = await invoiceFactOf(ctx.db, found.invoice);

  return rankOffer(ctx.matcher, invoice, found.zone, procedures, LIMITS.optionsPerSelect);
}

export interface PatientAnswer {
  chartNumber: string;
  /** Null unless the workspace may carry patient names. */
  name: string | null;
  procedures: {
    title: string | null;
    date: string;
    providerName: string;
    invoiceNumber: string | null;
  }[];
}

/** Patients by chart number or name, each with their procedures at the caller's clinics. */
export async function patientAnswer(
  ctx: AppContext,
  clinics: Clinic[],
  query: string,
): Promise<{ answers: PatientAnswer[]; more: boolean }> {
  const clinicIds = clinics.map((c) => c.id);
  // One more than shown tells whether the person should narrow the search.
  const found = await findPatients(ctx.db, query, clinicIds, MAX_PATIENTS + 1);
  const patients = found.slice(0, MAX_PATIENTS);
  const showNames = ctx.config.privacy === 'names';
  const answers: PatientAnswer[] = [];

  for (const patient of patients) {
    const procedures = await patientProcedures(
      ctx.db,
      patient.id,
      clinicIds,
      MAX_PATIENT_PROCEDURES,
    );
    answers.push({
      chartNumber: patient.chartNumber,
      name: showNames ? `${patient.firstName} ${patient.lastName}` : null,
      procedures: procedures.map((p) => ({
        title: p.title,
        date: localDateOfInstant(p.performedAt, p.zone),
        providerName: p.providerName,
        invoiceNumber: p.invoiceNumber,
      })),
    });
  }
  return { answers, more: found.length > MAX_PATIENTS };
}

export interface HomeClinic {
  clinic: Clinic;
  openByClass: Record<OpenClass, number>;
  /** Live figures up to today: money not tied, what is ageing. */
  summary: DigestSummary;
  /** A manager's oldest open items, or a provider's own open items, oldest first. */
  items: DigestItem[];
  /** The figures of the clinic's latest posted digest, if any. */
  latest: { localDate: string; summary: DigestFigures } | null;
}

/** What the nightly run stores as its summary; read loosely, it may come from an older copy. */
export type DigestFigures = Partial<{
  appointments: number;
  complete: number;
  untiedCents: number;
  untiedInvoices: number;
  carriedOver: number;
}>;

/** How many items App Home lists per clinic. */
export const HOME_ITEMS = 8;

/** App Home of a mapped person: per clinic, the open counts, their items and the last figures. */
export async function homeAnswer(
  ctx: AppContext,
  staff: Staff,
  clinics: Clinic[],
): Promise<HomeClinic[]> {
  const answers: HomeClinic[] = [];

  for (const clinic of clinics) {
    const { assembled } = await itemsUpToToday(ctx, clinic);
    const open = assembled.digest.items;
    const openByClass = countByClass(open);

    const items = open
      .filter((i) => staff.role !== 'provider' || i.providerId === staff.employeeId)
      .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.time.localeCompare(b.time))
      .slice(0, HOME_ITEMS);

    const latest = await latestFigures(ctx, clinic.id);
    answers.push({ clinic, openByClass, summary: assembled.digest.summary, items, latest });
  }
  return answers;
}

async function latestFigures(ctx: AppContext, clinicId: number): Promise<HomeClinic['latest']> {
  const run = await latestFinishedRun(ctx.db, DIGEST_JOB, clinicId);
  if (!run?.summary) return null;

  try {
    return { localDate: run.local_date, summary: JSON.parse(run.summary) as DigestFigures };
  } catch (err) {
    ctx.logger.warn({ err, clinicId, runId: run.run_id }, 'digest summary unreadable');
    return null;
  }
}
