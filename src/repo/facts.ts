import type { Db } from '../db/connect.js';
import type { Clinic } from '../db/schema.js';
import { UNRECONCILED_STATUSES } from '../domain/classify.js';
import { localDayBounds } from '../domain/time.js';
import { factRange } from '../domain/windows.js';
import { groupBy, uniqueById } from '../lib/collections.js';
import { inChunks } from './chunks.js';

/*
 * Everything a reconciliation of one clinic over a span of local days needs, read in a handful of
 * range queries (appointments by clinic and start time, the rest by patient and time or by id), so
 * a night's run never scans history.
 */

export interface AppointmentFact {
  id: number;
  patientId: number;
  providerId: number;
  providerName: string;
  chartNumber: string;
  patientFirstName: string;
  patientLastName: string;
  startsAt: string;
  endsAt: string;
  status: string;
  service: string | null;
}

export interface ProcedureFact {
  id: number;
  patientId: number;
  providerId: number;
  providerName: string;
  appointmentId: number | null;
  kind: 'health' | 'cosmetic';
  title: string | null;
  performedAt: string;
}

/** The columns of a ProcedureFact, from `procedures as pr` joined to `employees as e`. */
export const PROCEDURE_COLUMNS = [
  'pr.id',
  'pr.patient_id as patientId',
  'pr.provider_id as providerId',
  'e.display_name as providerName',
  'pr.appointment_id as appointmentId',
  'pr.kind',
  'pr.title',
  'pr.performed_at as performedAt',
] as const;

export interface InvoiceFact {
  id: number;
  number: string;
  patientId: number | null;
  appointmentId: number | null;
  kind: string;
  status: string;
  totalCents: number;
  mergedIntoId: number | null;
  createdAt: string;
  lines: { name: string; quantity: number; amountCents: number }[];
  employees: { id: number; name: string }[];
}

export interface LinkFact {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  procedureId: number;
  linkedByEmployeeId: number | null;
  linkedByName: string | null;
  linkedBySlackUserId: string | null;
  linkedAt: string;
}

export interface ClinicFacts {
  clinic: Clinic;
  appointments: AppointmentFact[];
  procedures: ProcedureFact[];
  invoices: InvoiceFact[];
  links: LinkFact[];
}

/** Reads the facts for appointments of local days [from, to] that had ended by `nowUtc`. */
export async function loadClinicFacts(
  db: Db,
  clinic: Clinic,
  from: string,
  to: string,
  nowUtc: string,
): Promise<ClinicFacts> {
  const appointments = await loadAppointments(db, clinic, from, to, nowUtc);
  const patientIds = appointments.map((a) => a.patientId);
  const range = factRange(from, to);

  const procedures = await loadProcedures(db, clinic, patientIds, range);
  const invoices = await loadInvoices(db, clinic, patientIds, appointments, range);
  const links = await loadLinks(
    db,
    procedures.map((p) => p.id),
    invoices.map((i) => i.id),
  );

  return { clinic, appointments, procedures, invoices, links };
}

async function loadAppointments(
  db: Db,
  clinic: Clinic,
  from: string,
  to: string,
  nowUtc: string,
): Promise<AppointmentFact[]> {
  const start = localDayBounds(from, clinic.time_zone).start;
  const end = localDayBounds(to, clinic.time_zone).end;

  return db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('employees as e', 'e.id', 'a.provider_id')
    .where('a.clinic_id', '=', clinic.id)
    .where('a.starts_at', '>=', start)
    .where('a.starts_at', '<', end)
    .where('a.ends_at', '<=', nowUtc)
    .where('a.status', 'not in', UNRECONCILED_STATUSES)
    .select([
      'a.id',
      'a.patient_id as patientId',
      'a.provider_id as providerId',
      'e.display_name as providerName',
      'p.chart_number as chartNumber',
      'p.first_name as patientFirstName',
      'p.last_name as patientLastName',
      'a.starts_at as startsAt',
      'a.ends_at as endsAt',
      'a.status',
      'a.service',
    ])
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
}

async function loadProcedures(
  db: Db,
  clinic: Clinic,
  patientIds: number[],
  range: ReturnType<typeof factRange>,
): Promise<ProcedureFact[]> {
  const start = localDayBounds(range.proceduresFrom, clinic.time_zone).start;
  const end = localDayBounds(range.proceduresTo, clinic.time_zone).end;

  return inChunks(patientIds, (ids) =>
    db
      .selectFrom('procedures as pr')
      .innerJoin('employees as e', 'e.id', 'pr.provider_id')
      .where('pr.patient_id', 'in', ids)
      .where('pr.performed_at', '>=', start)
      .where('pr.performed_at', '<', end)
      .where('pr.clinic_id', '=', clinic.id)
      .select(PROCEDURE_COLUMNS)
      .execute(),
  );
}

async function loadInvoices(
  db: Db,
  clinic: Clinic,
  patientIds: number[],
  appointments: AppointmentFact[],
  range: ReturnType<typeof factRange>,
): Promise<InvoiceFact[]> {
  const start = localDayBounds(range.invoicesFrom, clinic.time_zone).start;
  const end = localDayBounds(range.invoicesTo, clinic.time_zone).end;
  const base = db
    .selectFrom('invoices')
    .where('clinic_id', '=', clinic.id)
    .select([
      'id',
      'number',
      'patient_id as patientId',
      'appointment_id as appointmentId',
      'kind',
      'status',
      'total_cents as totalCents',
      'merged_into_id as mergedIntoId',
      'created_at as createdAt',
    ]);

  const byPatient = await inChunks(patientIds, (ids) =>
    base
      .where('patient_id', 'in', ids)
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .execute(),
  );
  // Guest checkouts carry no patient, only the appointment they paid for.
  const byAppointment = await inChunks(
    appointments.map((a) => a.id),
    (ids) => base.where('appointment_id', 'in', ids).execute(),
  );

  return attachInvoiceDetails(db, uniqueById([...byPatient, ...byAppointment]));
}

type InvoiceRow = Omit<InvoiceFact, 'lines' | 'employees'>;

/** Adds lines and employees to invoice rows, two queries for all of them. */
export async function attachInvoiceDetails(db: Db, rows: InvoiceRow[]): Promise<InvoiceFact[]> {
  const ids = rows.map((r) => r.id);
  const lines = await inChunks(ids, (chunk) =>
    db
      .selectFrom('invoice_lines')
      .where('invoice_id', 'in', chunk)
      .select(['invoice_id as invoiceId', 'name', 'quantity', 'amount_cents as amountCents'])
      .orderBy('id')
      .execute(),
  );
  const employees = await inChunks(ids, (chunk) =>
    db
      .selectFrom('invoice_employees as ie')
      .innerJoin('employees as e', 'e.id', 'ie.employee_id')
      .where('ie.invoice_id', 'in', chunk)
      .select(['ie.invoice_id as invoiceId', 'e.id', 'e.display_name as name'])
      .execute(),
  );

  const linesOf = groupBy(lines, (l) => l.invoiceId);
  const employeesOf = groupBy(employees, (e) => e.invoiceId);

  return rows.map((row) => ({
    ...row,
    lines: (linesOf.get(row.id) ?? []).map(({ name, quantity, amountCents }) => ({
      name,
      quantity,
      amountCents,
    })),
    employees: (employeesOf.get(row.id) ?? []).map(({ id, name }) => ({ id, name })),
  }));
}

export interface OlderOpen {
  count: number;
  oldestStartsAt: string | null;
}

/**
 * Past appointments of a clinic that ended in [from, before) local days and are still open (no
 * procedure of theirs is attached), counted in one range query by clinic and start time.
 */
export async function countOpenBetween(
  db: Db,
  clinic: Clinic,
  from: string,
  before: string,
): Promise<OlderOpen> {
  const row = await db
    .selectFrom('appointments as a')
    .where('a.clinic_id', '=', clinic.id)
    .where('a.starts_at', '>=', localDayBounds(from, clinic.time_zone).start)
    .where('a.starts_at', '<', localDayBounds(before, clinic.time_zone).start)
    .where('a.status', 'not in', UNRECONCILED_STATUSES)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('procedures as p')
            .innerJoin('invoice_procedure_links as l', 'l.procedure_id', 'p.id')
            .whereRef('p.appointment_id', '=', 'a.id')
            .select('p.id'),
        ),
      ),
    )
    .select(({ fn }) => [fn.countAll<number>().as('count'), fn.min('a.starts_at').as('oldest')])
    .executeTakeFirst();

  return { count: Number(row?.count ?? 0), oldestStartsAt: (row?.oldest as string | null) ?? null };
}

/** The links touching any of the given procedures or invoices, with who made them. */
export async function loadLinks(
  db: Db,
  procedureIds: number[],
  invoiceIds: number[],
): Promise<LinkFact[]> {
  const base = db
    .selectFrom('invoice_procedure_links as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .leftJoin('employees as e', 'e.id', 'l.linked_by_employee_id')
    .select([
      'l.id',
      'l.invoice_id as invoiceId',
      'i.number as invoiceNumber',
      'l.procedure_id as procedureId',
      'l.linked_by_employee_id as linkedByEmployeeId',
      'e.display_name as linkedByName',
      'l.linked_by_slack_user_id as linkedBySlackUserId',
      'l.linked_at as linkedAt',
    ]);

  const byProcedure = await inChunks(procedureIds, (ids) =>
    base.where('l.procedure_id', 'in', ids).execute(),
  );
  const byInvoice = await inChunks(invoiceIds, (ids) =>
    base.where('l.invoice_id', 'in', ids).execute(),
  );

  return uniqueById([...byProcedure, ...byInvoice]);
}
