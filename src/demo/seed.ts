import { ChartlinkError } from '../errors.js';
import type { Insertable, Transaction } from 'kysely';

import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { toSqlInstant } from '../domain/time.js';
import type { Logger } from '../logger.js';
import { buildPlan, type Plan } from './plan.js';

export { DEMO_CHANNELS, DEMO_MANAGER_SLACK_ID, DEMO_PROVIDER_SLACK_ID } from './plan.js';

/*
 * Writes the demo practice. Ids are given by the planner, not by the database, because MySQL has
 * no RETURNING and the two databases must end up with the same ids. Rows go in batches small
 * enough for MySQL's 65,535 placeholders a statement, all in one transaction.
 */

const BATCH = 500;

export interface SeedOptions {
  /** Multiplies the number of patients (2,000 at 1); the calendar stays 90 days of 12 providers. */
  scale?: number;
  /** The instant (ms) the demo is built around, default now; the same instant, the same data. */
  now?: number;
  logger?: Logger;
}

export interface SeedSummary {
  clinics: number;
  employees: number;
  patients: number;
  appointments: number;
  procedures: number;
  invoices: number;
  links: number;
}

/**
 * Fills a migrated, empty database with a made-up practice of three clinics: 90 days of
 * appointments up to yesterday (and a short book for today and tomorrow), charts, invoices of
 * every kind and links, with about one past appointment in ten left open, spread over the five
 * open classes. Yesterday of every clinic holds open items of every class.
 *
 * @example
 * const { db } = connect('data/demo.sqlite');
 * await migrateToLatest(db);
 * const summary = await seedDemo(db, { now: Date.parse('2025-03-14T15:00:00Z') });
 */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error(`seed-demo scale must be a positive number, got ${scale}`);

  await assertEmpty(db);

  const plan = buildPlan(scale, options.now ?? Date.now());
  const planned = Date.now();
  await db.transaction().execute((trx) => writePlan(trx, plan));

  const summary = summarize(plan);
  options.logger?.info(
    { ...summary, planMs: planned - started, writeMs: Date.now() - planned },
    'demo practice seeded',
  );
  return summary;
}

async function assertEmpty(db: Db): Promise<void> {
  const row = await db.selectFrom('clinics').select('id').limit(1).executeTakeFirst();
  if (row) {
    throw new ChartlinkError('CONFIG_INVALID', {
      message: 'The database already holds clinics; seed-demo needs an empty database.',
    });
  }
}

function summarize(plan: Plan): SeedSummary {
  return {
    clinics: plan.clinics.length,
    employees: plan.employees.length,
    patients: plan.patients.length,
    appointments: plan.appointments.length,
    procedures: plan.procedures.length,
    invoices: plan.invoices.length,
    links: plan.links.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Rows, table by table, parents first

type Trx = Transaction<Database>;

async function writePlan(trx: Trx, plan: Plan): Promise<void> {
  await insertRows(trx, 'clinics', clinicRows(plan));
  await insertRows(trx, 'employees', employeeRows(plan));
  await insertRows(trx, 'employee_clinics', employeeClinicRows(plan));
  await insertRows(trx, 'patients', patientRows(plan));
  await insertRows(trx, 'appointments', appointmentRows(plan));
  await insertRows(trx, 'procedures', procedureRows(plan));

  await insertRows(trx, 'invoices', invoiceRows(plan));
  await insertRows(trx, 'invoice_lines', lineRows(plan));
  await insertRows(trx, 'invoice_employees', invoiceEmployeeRows(plan));
  await mergeChildren(trx, plan);

  await insertRows(trx, 'invoice_procedure_links', linkRows(plan));
  await insertRows(trx, 'link_audit', auditRows(plan));
}

async function insertRows<T extends keyof Database>(
  trx: Trx,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    // kysely cannot type a values() call over a table chosen at run time; the rows are typed above.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}

function clinicRows(plan: Plan): Insertable<Database['clinics']>[] {
  return plan.clinics.map((c) => ({
    id: c.id,
    name: c.name,
    time_zone: c.zone,
    slack_channel_id: c.channel,
  }));
}

function employeeRows(plan: Plan): Insertable<Database['employees']>[] {
  return plan.employees.map((e) => ({
    id: e.id,
    first_name: e.first,
    last_name: e.last,
    display_name: e.display,
    role: e.role,
    slack_user_id: e.slack,
  }));
}

function employeeClinicRows(plan: Plan): Insertable<Database['employee_clinics']>[] {
  return plan.employees.flatMap((e) =>
    [...e.clinicIds]
      .sort((a, b) => a - b)
      .map((clinicId) => ({ employee_id: e.id, clinic_id: clinicId })),
  );
}

function patientRows(plan: Plan): Insertable<Database['patients']>[] {
  return plan.patients.map((p) => ({
    id: p.id,
    chart_number: p.chart,
    first_name: p.first,
    last_name: p.last,
    home_clinic_id: p.clinic.id,
  }));
}

function appointmentRows(plan: Plan): Insertable<Database['appointments']>[] {
  return plan.appointments.map((a) => ({
    id: a.id,
    clinic_id: a.clinic.id,
    patient_id: a.patient.id,
    provider_id: a.provider.id,
    starts_at: toSqlInstant(a.startsMs),
    ends_at: toSqlInstant(a.endsMs),
    status: a.status,
    service: a.treatment.service,
  }));
}

function procedureRows(plan: Plan): Insertable<Database['procedures']>[] {
  return plan.procedures.map((p) => ({
    id: p.id,
    clinic_id: p.clinic.id,
    patient_id: p.patient.id,
    provider_id: p.providerId,
    appointment_id: p.appointment?.id ?? null,
    kind: p.kind,
    title: p.title,
    performed_at: toSqlInstant(p.performedMs),
  }));
}

/** Without merged_into_id: a master gets a later id than the invoices inside it. */
function invoiceRows(plan: Plan): Insertable<Database['invoices']>[] {
  return plan.invoices.map((i) => ({
    id: i.id,
    number: i.number,
    clinic_id: i.clinic.id,
    patient_id: i.patient?.id ?? null,
    appointment_id: i.appointment?.id ?? null,
    kind: i.kind,
    status: i.status,
    total_cents: i.lines.reduce((sum, l) => sum + l.cents, 0),
    tip_cents: i.tipCents,
    merged_into_id: null,
    created_at: toSqlInstant(i.createdMs),
    paid_at: i.paidMs === null ? null : toSqlInstant(i.paidMs),
  }));
}

/** Quantity is always 1, so a line's amount is the line's total and the invoice sums its lines. */
function lineRows(plan: Plan): Insertable<Database['invoice_lines']>[] {
  let id = 0;
  return plan.invoices.flatMap((i) =>
    i.lines.map((l) => ({
      id: ++id,
      invoice_id: i.id,
      name: l.name,
      quantity: 1,
      amount_cents: l.cents,
    })),
  );
}

function invoiceEmployeeRows(plan: Plan): Insertable<Database['invoice_employees']>[] {
  return plan.invoices.flatMap((i) =>
    i.employees.map((e) => ({ invoice_id: i.id, employee_id: e.id, tip_share_bp: e.bp })),
  );
}

/** Points the merged invoices at their master, once every invoice exists. */
async function mergeChildren(trx: Trx, plan: Plan): Promise<void> {
  const masters = plan.invoices.filter((i) => i.kind === 'master');

  for (const master of masters) {
    const children = plan.invoices.filter((i) => i.mergedInto === master).map((i) => i.id);
    if (children.length === 0) continue;

    await trx
      .updateTable('invoices')
      .set({ merged_into_id: master.id })
      .where('id', 'in', children)
      .execute();
  }
}

function linkRows(plan: Plan): Insertable<Database['invoice_procedure_links']>[] {
  return plan.links.map((l) => ({
    id: l.id,
    invoice_id: l.invoice.id,
    procedure_id: l.procedure.id,
    linked_by_employee_id: l.employeeId,
    linked_by_slack_user_id: l.slack,
    source: l.source,
    linked_at: toSqlInstant(l.linkedMs),
  }));
}

/** Every link was made through chartlink, so each has its attach entry in the audit trail. */
function auditRows(plan: Plan): Insertable<Database['link_audit']>[] {
  return plan.links.map((l) => ({
    id: l.id,
    action: 'attach' as const,
    invoice_id: l.invoice.id,
    procedure_id: l.procedure.id,
    employee_id: l.employeeId,
    slack_user_id: l.slack,
    source: l.source,
    at: toSqlInstant(l.linkedMs),
  }));
}
