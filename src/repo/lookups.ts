import type { Db } from '../db/connect.js';
import type { Invoice } from '../db/schema.js';
import { addDays, fromSqlInstant, localDateOfInstant, localDayBounds } from '../domain/time.js';
import { CANDIDATE_DAYS_AFTER_INVOICE, CANDIDATE_DAYS_BEFORE_INVOICE } from '../domain/windows.js';
import {
  attachInvoiceDetails,
  PROCEDURE_COLUMNS,
  type InvoiceFact,
  type ProcedureFact,
} from './facts.js';

/*
 * Reads for the lookups around attaching: the open procedures an invoice could take, an invoice
 * by number, a patient's procedures. Each is limited to the clinics the caller passes.
 */

export interface InvoiceWithZone {
  invoice: Invoice;
  zone: string;
}

/** An invoice by id with its clinic's time zone. */
export async function invoiceById(db: Db, invoiceId: number): Promise<InvoiceWithZone | undefined> {
  const row = await db
    .selectFrom('invoices as i')
    .innerJoin('clinics as c', 'c.id', 'i.clinic_id')
    .selectAll('i')
    .select('c.time_zone as zone')
    .where('i.id', '=', invoiceId)
    .executeTakeFirst();
  if (!row) return undefined;

  const { zone, ...invoice } = row;
  return { invoice, zone };
}

/**
 * An invoice by its number, only when it belongs to one of the given clinics. The number is also
 * tried in capitals, so `inv-104233` finds INV-104233 on SQLite as it does on MySQL.
 */
export async function invoiceByNumber(
  db: Db,
  number: string,
  clinicIds: number[],
): Promise<InvoiceWithZone | undefined> {
  if (clinicIds.length === 0) return undefined;

  const row = await db
    .selectFrom('invoices')
    .select('id')
    .where('number', 'in', [...new Set([number, number.toUpperCase()])])
    .where('clinic_id', 'in', clinicIds)
    .executeTakeFirst();
  return row ? invoiceById(db, row.id) : undefined;
}

/** An invoice row with its lines and employees, as the ranking reads it. */
export async function invoiceFactOf(db: Db, invoice: Invoice): Promise<InvoiceFact> {
  const [fact] = await attachInvoiceDetails(db, [
    {
      id: invoice.id,
      number: invoice.number,
      patientId: invoice.patient_id,
      appointmentId: invoice.appointment_id,
      kind: invoice.kind,
      status: invoice.status,
      totalCents: invoice.total_cents,
      mergedIntoId: invoice.merged_into_id,
      createdAt: invoice.created_at,
    },
  ]);
  return fact!;
}

export interface OpenProcedureFilter {
  /** Kept when the title contains it, ignoring case. */
  text?: string;
  /** Only this provider's procedures (a provider searching). */
  providerId?: number;
  limit: number;
}

/**
 * The unlinked procedures of the invoice's patient at the invoice's clinic charted within the
 * candidate window of the invoice date, nearest the invoice first. A guest invoice has none.
 */
export async function openProceduresFor(
  db: Db,
  { invoice, zone }: InvoiceWithZone,
  filter: OpenProcedureFilter,
): Promise<ProcedureFact[]> {
  if (invoice.patient_id === null) return [];

  const invoiceDate = localDateOfInstant(invoice.created_at, zone);
  const start = localDayBounds(addDays(invoiceDate, -CANDIDATE_DAYS_BEFORE_INVOICE), zone).start;
  const end = localDayBounds(addDays(invoiceDate, CANDIDATE_DAYS_AFTER_INVOICE), zone).end;

  const rows = await db
    .selectFrom('procedures as pr')
    .innerJoin('employees as e', 'e.id', 'pr.provider_id')
    .leftJoin('invoice_procedure_links as l', 'l.procedure_id', 'pr.id')
    .where('pr.patient_id', '=', invoice.patient_id)
    .where('pr.clinic_id', '=', invoice.clinic_id)
    .where('pr.performed_at', '>=', start)
    .where('pr.performed_at', '<', end)
    .where('l.id', 'is', null)
    .$if(filter.providerId !== undefined, (q) => q.where('pr.provider_id', '=', filter.providerId!))
    .select(PROCEDURE_COLUMNS)
    .execute();

  const needle = filter.text?.trim().toLowerCase() ?? '';
  const invoiceMs = fromSqlInstant(invoice.created_at);
  const distance = (p: ProcedureFact) => Math.abs(fromSqlInstant(p.performedAt) - invoiceMs);

  return rows
    .filter((p) => !needle || (p.title ?? '').toLowerCase().includes(needle))
    .sort((a, b) => distance(a) - distance(b) || a.id - b.id)
    .slice(0, filter.limit);
}

export interface PatientMatch {
  id: number;
  chartNumber: string;
  firstName: string;
  lastName: string;
}

/**
 * Patients by exact chart number, else by name (every word must start the first or last name).
 * Only patients with a procedure or an appointment at one of the clinics are found.
 */
export async function findPatients(
  db: Db,
  query: string,
  clinicIds: number[],
  limit: number,
): Promise<PatientMatch[]> {
  if (clinicIds.length === 0) return [];

  const base = db
    .selectFrom('patients as p')
    .select([
      'p.id',
      'p.chart_number as chartNumber',
      'p.first_name as firstName',
      'p.last_name as lastName',
    ])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('procedures as pr')
            .select('pr.id')
            .whereRef('pr.patient_id', '=', 'p.id')
            .where('pr.clinic_id', 'in', clinicIds),
        ),
        eb.exists(
          eb
            .selectFrom('appointments as a')
            .select('a.id')
            .whereRef('a.patient_id', '=', 'p.id')
            .where('a.clinic_id', 'in', clinicIds),
        ),
      ]),
    )
    .orderBy('p.last_name')
    .orderBy('p.id')
    .limit(limit);

  // MySQL compares case-insensitively, SQLite does not: ask for both spellings on both.
  const spellings = [...new Set([query, query.toUpperCase()])];
  const byChart = await base.where('p.chart_number', 'in', spellings).execute();
  if (byChart.length > 0) return byChart;

  // LIKE escapes differ between the databases, so its wildcards are dropped from typed words.
  const words = query
    .split(/\s+/)
    .map((w) => w.replace(/[\\%_]/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 4);
  if (words.length === 0) return [];

  let named = base;
  for (const word of words) {
    const pattern = `${word}%`;
    named = named.where((eb) =>
      eb.or([eb('p.first_name', 'like', pattern), eb('p.last_name', 'like', pattern)]),
    );
  }
  return named.execute();
}

export interface PatientProcedure {
  id: number;
  clinicId: number;
  title: string | null;
  performedAt: string;
  providerName: string;
  zone: string;
  invoiceNumber: string | null;
}

/** A patient's latest procedures at the given clinics, with the invoice each is attached to. */
export async function patientProcedures(
  db: Db,
  patientId: number,
  clinicIds: number[],
  limit: number,
): Promise<PatientProcedure[]> {
  if (clinicIds.length === 0) return [];

  return db
    .selectFrom('procedures as pr')
    .innerJoin('employees as e', 'e.id', 'pr.provider_id')
    .innerJoin('clinics as c', 'c.id', 'pr.clinic_id')
    .leftJoin('invoice_procedure_links as l', 'l.procedure_id', 'pr.id')
    .leftJoin('invoices as i', 'i.id', 'l.invoice_id')
    .where('pr.patient_id', '=', patientId)
    .where('pr.clinic_id', 'in', clinicIds)
    .select([
      'pr.id',
      'pr.clinic_id as clinicId',
      'pr.title',
      'pr.performed_at as performedAt',
      'e.display_name as providerName',
      'c.time_zone as zone',
      'i.number as invoiceNumber',
    ])
    .orderBy('pr.performed_at', 'desc')
    .orderBy('pr.id', 'desc')
    .limit(limit)
    .execute();
}
