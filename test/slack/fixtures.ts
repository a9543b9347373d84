import type { Insertable } from 'kysely';

import { loadConfig } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import type { Db, DialectName } from '../../src/db/connect.js';
import type { Database } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { recordDigestMessage } from '../../src/repo/digestMessages.js';
import { createLogSink, type LogSink } from '../support/logs.js';

/*
 * A small practice for the Slack and attach suites: two clinics, managers, an admin, two
 * providers, two patients with names distinctive enough to search the logs for, and invoices of
 * several kinds around one past day.
 */

/** The instant the fixtures are built around: Fri Mar 14 2025, 11:00 in New York. */
export const NOW = Date.parse('2025-03-14T15:00:00Z');
export const YESTERDAY = '2025-03-13';

export const SIGNING_SECRET = 'fixture-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-fixture-bot-token-0123456789';

export const CLINIC = { one: 1, two: 2 } as const;
export const CHANNEL = { one: 'CONE', two: 'CTWO' } as const;

export const USER = {
  manager: 'UMANAGER',
  manager2: 'UMANAGER2',
  admin: 'UADMIN',
  provider: 'UPROVIDER',
  provider2: 'UPROVIDER2',
  otherManager: 'UOTHERCLINIC',
  unmapped: 'UNOBODY',
} as const;

export const EMPLOYEE = {
  manager: 1,
  manager2: 2,
  admin: 3,
  provider: 4,
  provider2: 5,
  otherManager: 6,
} as const;

/** Patient names the logs must never carry. */
export const PATIENT_NAMES = ['Zelda', 'Quixote', 'Yorick', 'Marblethorpe'];

export const PROCEDURE = {
  /** Patient 1's visit yesterday, by the provider: the one invoice 1 paid for. */
  botox: 1,
  /** Patient 1, three days ago, by the second provider, no appointment. */
  lips: 2,
  /** Patient 2's visit yesterday. */
  microneedling: 3,
  /** Patient 1, 60 days before: outside every window. */
  old: 4,
  /** Patient 1 at the other clinic. */
  elsewhere: 5,
} as const;

export const INVOICE = {
  /** Quick Pay of patient 1 for yesterday's visit. */
  quickpay: 1,
  /** eGift card of patient 1: cannot take a procedure. */
  egift: 2,
  /** Quick Pay of patient 1 at the other clinic. */
  elsewhere: 3,
  /** Draft of patient 2 for yesterday's visit. */
  draft: 4,
  /** Voided Quick Pay of patient 1. */
  voided: 5,
  /** Guest checkout: no patient. */
  guest: 6,
} as const;

export const INVOICE_NUMBER = { quickpay: 'INV-1001', egift: 'INV-1002', draft: 'INV-1004' };
export const CHART = { zelda: 'C-1001', yorick: 'C-1002' };

/** The digest message of clinic one for yesterday, as the nightly job would have recorded it. */
export const DIGEST_TS = '1741900000.000100';

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

/** Writes the practice into a fresh migrated database. */
export async function seedFixtures(db: Db): Promise<void> {
  await db.insertInto('clinics').values(clinics()).execute();
  await db.insertInto('employees').values(employees()).execute();
  await db.insertInto('employee_clinics').values(employeeClinics()).execute();
  await db.insertInto('patients').values(patients()).execute();
  await db.insertInto('appointments').values(appointments()).execute();
  await db.insertInto('procedures').values(procedures()).execute();
  await db.insertInto('invoices').values(invoices()).execute();
  await db.insertInto('invoice_lines').values(lines()).execute();
  await db
    .insertInto('invoice_employees')
    .values([{ invoice_id: INVOICE.quickpay, employee_id: EMPLOYEE.provider, tip_share_bp: 10000 }])
    .execute();
}

function clinics(): Rows<'clinics'> {
  return [
    {
      id: CLINIC.one,
      name: 'Clinic One',
      time_zone: 'America/New_York',
      slack_channel_id: CHANNEL.one,
    },
    {
      id: CLINIC.two,
      name: 'Clinic Two',
      time_zone: 'America/Chicago',
      slack_channel_id: CHANNEL.two,
    },
  ];
}

function employees(): Rows<'employees'> {
  const e = (
    id: number,
    first: string,
    role: 'provider' | 'office_manager' | 'admin',
    slack: string,
  ) => ({
    id,
    first_name: first,
    last_name: 'Staff',
    display_name: `${first} S.`,
    role,
    slack_user_id: slack,
  });
  return [
    e(EMPLOYEE.manager, 'Maria', 'office_manager', USER.manager),
    e(EMPLOYEE.manager2, 'Mona', 'office_manager', USER.manager2),
    e(EMPLOYEE.admin, 'Ada', 'admin', USER.admin),
    e(EMPLOYEE.provider, 'Priya', 'provider', USER.provider),
    e(EMPLOYEE.provider2, 'Paul', 'provider', USER.provider2),
    e(EMPLOYEE.otherManager, 'Omar', 'office_manager', USER.otherManager),
  ];
}

function employeeClinics(): Rows<'employee_clinics'> {
  return [
    { employee_id: EMPLOYEE.manager, clinic_id: CLINIC.one },
    { employee_id: EMPLOYEE.manager2, clinic_id: CLINIC.one },
    { employee_id: EMPLOYEE.admin, clinic_id: CLINIC.one },
    { employee_id: EMPLOYEE.provider, clinic_id: CLINIC.one },
    { employee_id: EMPLOYEE.provider2, clinic_id: CLINIC.one },
    { employee_id: EMPLOYEE.otherManager, clinic_id: CLINIC.two },
  ];
}

function patients(): Rows<'patients'> {
  return [
    {
      id: 1,
      chart_number: CHART.zelda,
      first_name: 'Zelda',
      last_name: 'Quixote',
      home_clinic_id: 1,
    },
    {
      id: 2,
      chart_number: CHART.yorick,
      first_name: 'Yorick',
      last_name: 'Marblethorpe',
      home_clinic_id: 1,
    },
  ];
}

function appointments(): Rows<'appointments'> {
  const a = (id: number, patient: number, starts: string, ends: string) => ({
    id,
    clinic_id: CLINIC.one,
    patient_id: patient,
    provider_id: EMPLOYEE.provider,
    starts_at: starts,
    ends_at: ends,
    status: 'completed' as const,
    service: 'Neurotoxin',
  });
  return [
    a(1, 1, '2025-03-13 15:00:00', '2025-03-13 16:00:00'),
    a(2, 2, '2025-03-13 17:00:00', '2025-03-13 18:00:00'),
  ];
}

function procedures(): Rows<'procedures'> {
  const p = (
    id: number,
    patient: number,
    provider: number,
    appointment: number | null,
    title: string,
    at: string,
    clinic: number = CLINIC.one,
  ) => ({
    id,
    clinic_id: clinic,
    patient_id: patient,
    provider_id: provider,
    appointment_id: appointment,
    kind: 'cosmetic' as const,
    title,
    performed_at: at,
  });
  return [
    p(PROCEDURE.botox, 1, EMPLOYEE.provider, 1, 'BTX 3 areas', '2025-03-13 15:10:00'),
    p(PROCEDURE.lips, 1, EMPLOYEE.provider2, null, 'Lips 1 syr Juvi', '2025-03-10 18:00:00'),
    p(PROCEDURE.microneedling, 2, EMPLOYEE.provider, 2, 'MN + PRP', '2025-03-13 17:10:00'),
    p(PROCEDURE.old, 1, EMPLOYEE.provider, null, 'Old filler', '2025-01-10 18:00:00'),
    p(
      PROCEDURE.elsewhere,
      1,
      EMPLOYEE.provider,
      null,
      'IV drip',
      '2025-03-12 18:00:00',
      CLINIC.two,
    ),
  ];
}

function invoices(): Rows<'invoices'> {
  const i = (
    id: number,
    number: string,
    patient: number | null,
    kind: string,
    status: 'paid' | 'draft' | 'voided',
    appointment: number | null,
    clinic: number = CLINIC.one,
  ) => ({
    id,
    number,
    clinic_id: clinic,
    patient_id: patient,
    appointment_id: appointment,
    kind,
    status,
    total_cents: 35000 + id,
    merged_into_id: null,
    created_at: '2025-03-13 16:05:00',
    paid_at: status === 'paid' ? '2025-03-13 16:05:00' : null,
  });
  return [
    i(INVOICE.quickpay, INVOICE_NUMBER.quickpay, 1, 'quickpay', 'paid', 1),
    i(INVOICE.egift, INVOICE_NUMBER.egift, 1, 'egift_card', 'paid', null),
    i(INVOICE.elsewhere, 'INV-1003', 1, 'quickpay', 'paid', null, CLINIC.two),
    i(INVOICE.draft, INVOICE_NUMBER.draft, 2, 'draft', 'draft', 2),
    i(INVOICE.voided, 'INV-1005', 1, 'quickpay', 'voided', null),
    i(INVOICE.guest, 'INV-1006', null, 'guest', 'paid', null),
  ];
}

function lines(): Rows<'invoice_lines'> {
  return [
    { invoice_id: INVOICE.quickpay, name: 'Botox Cosmetic', quantity: 40, amount_cents: 35000 },
    { invoice_id: INVOICE.draft, name: 'SkinPen Microneedling', quantity: 1, amount_cents: 35004 },
  ];
}

/** Records clinic one's digest of yesterday as one posted message showing both visits. */
export async function recordFixtureDigest(db: Db): Promise<void> {
  await recordDigestMessage(db, {
    clinicId: CLINIC.one,
    localDate: YESTERDAY,
    seq: 0,
    channelId: CHANNEL.one,
    ts: DIGEST_TS,
    threadTs: null,
    content: { appointmentIds: [1, 2], invoiceIds: [INVOICE.quickpay, INVOICE.draft] },
    nowMs: NOW,
  });
}

export interface FixtureContext {
  ctx: AppContext;
  sink: LogSink;
  clock: { now: number };
}

/** A context on the given database with a settable clock and a log sink. */
export function fixtureContext(
  db: Db,
  dialect: DialectName,
  env: Record<string, string> = {},
): FixtureContext {
  const sink = createLogSink();
  const clock = { now: NOW };
  const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'debug', ...env });
  const ctx = createContext(config, createLogger('debug', sink.stream), {
    db,
    dialect,
    now: () => clock.now,
  });
  return { ctx, sink, clock };
}
