import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { connect, type Db } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Clinic } from '../../src/db/schema.js';
import { classifyAppointment, isReconcilable, OPEN_CLASSES } from '../../src/domain/classify.js';
import { INVOICE_KINDS } from '../../src/domain/invoiceKinds.js';
import { addDays, localDateOf, localDateOfInstant, toSqlInstant } from '../../src/domain/time.js';
import {
  DEMO_CHANNELS,
  DEMO_MANAGER_SLACK_ID,
  DEMO_PROVIDER_SLACK_ID,
  seedDemo,
  type SeedSummary,
} from '../../src/demo/seed.js';
import { createTestDatabase, type TestDb as SupportDb } from '../support/databases.js';

// Two days after the spring clock change, so the 90 days cross it.
const NOW = Date.parse('2025-03-11T15:20:00Z');
const NOW_SQL = toSqlInstant(NOW);

interface TempDb {
  db: Db;
  path: string;
}

async function freshDb(): Promise<TempDb> {
  const path = join(tmpdir(), `chartlink-seed-${randomUUID()}.sqlite`);
  const { db } = connect(path, undefined, { create: true });
  await migrateToLatest(db);
  return { db, path };
}

async function dropDb(temp: TempDb): Promise<void> {
  await temp.db.destroy();
  for (const suffix of ['', '-wal', '-shm']) rmSync(temp.path + suffix, { force: true });
}

/** Each reconcilable appointment with its class ('complete' or an open class) and local day. */
interface Classed {
  id: number;
  clinicId: number;
  providerId: number;
  day: string;
  state: string;
}

/** Classes appointments the way the product rules say, independently of the seeding code. */
async function classifyAll(db: Db): Promise<Classed[]> {
  const clinics = new Map(
    (await db.selectFrom('clinics').selectAll().execute()).map((c) => [c.id, c]),
  );
  const appointments = await db.selectFrom('appointments').selectAll().execute();
  const procedures = await db.selectFrom('procedures').selectAll().execute();
  const invoices = await db.selectFrom('invoices').selectAll().execute();
  const links = await db.selectFrom('invoice_procedure_links').selectAll().execute();

  const linkedProcedures = new Set(links.map((l) => l.procedure_id));
  const linkedInvoices = new Set(links.map((l) => l.invoice_id));
  const proceduresOf = group(procedures, (p) => p.appointment_id);
  const invoicesOfPatient = group(invoices, (i) => i.patient_id);
  const invoicesOfAppointment = group(invoices, (i) => i.appointment_id);

  return appointments
    .filter((a) => isReconcilable(a.status, a.ends_at, NOW_SQL))
    .map((a) => {
      const clinic = clinics.get(a.clinic_id) as Clinic;
      const day = localDateOfInstant(a.ends_at, clinic.time_zone);
      const from = addDays(day, -1);
      const to = addDays(day, 7);
      const window = (invoicesOfPatient.get(a.patient_id) ?? []).filter((i) => {
        const created = localDateOfInstant(i.created_at, clinic.time_zone);
        return i.clinic_id === a.clinic_id && created >= from && created <= to;
      });
      const candidates = new Map(
        [...window, ...(invoicesOfAppointment.get(a.id) ?? [])].map((i) => [i.id, i]),
      );
      const state = classifyAppointment(
        (proceduresOf.get(a.id) ?? []).map((p) => ({
          id: p.id,
          linked: linkedProcedures.has(p.id),
        })),
        [...candidates.values()].map((i) => ({
          id: i.id,
          kind: i.kind,
          status: i.status,
          linked: linkedInvoices.has(i.id),
        })),
      );

      return {
        id: a.id,
        clinicId: a.clinic_id,
        providerId: a.provider_id,
        day,
        state: state.state === 'complete' ? 'complete' : state.openClass,
      };
    });
}

function group<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

describe('seedDemo', () => {
  let first: TempDb;
  let second: TempDb;
  let summary: SeedSummary;
  let classed: Classed[];
  let clinics: Clinic[];

  beforeAll(async () => {
    first = await freshDb();
    second = await freshDb();
    summary = await seedDemo(first.db, { now: NOW });
    await seedDemo(second.db, { now: NOW });
    classed = await classifyAll(first.db);
    clinics = await first.db.selectFrom('clinics').selectAll().orderBy('id').execute();
  }, 30_000);

  afterAll(async () => {
    await dropDb(first);
    await dropDb(second);
  });

  it('should build the same practice twice from the same now', async () => {
    const again = await second.db.selectFrom('clinics').select('id').execute();
    expect(again).toHaveLength(summary.clinics);

    for (const query of [
      (db: Db) => db.selectFrom('patients').select(['id', 'chart_number']).orderBy('id').execute(),
      (db: Db) =>
        db.selectFrom('procedures').select(['id', 'title', 'performed_at']).orderBy('id').execute(),
      (db: Db) =>
        db.selectFrom('invoices').select(['id', 'number', 'total_cents']).orderBy('id').execute(),
      (db: Db) => db.selectFrom('invoice_procedure_links').selectAll().orderBy('id').execute(),
    ]) {
      expect(await query(second.db)).toEqual(await query(first.db));
    }
  });

  it('should report the rows it wrote', async () => {
    const count = async (table: 'appointments' | 'procedures' | 'invoices' | 'patients') =>
      Number(
        (
          await first.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    expect(await count('appointments')).toBe(summary.appointments);
    expect(await count('procedures')).toBe(summary.procedures);
    expect(await count('invoices')).toBe(summary.invoices);
    expect(await count('patients')).toBe(2000);
    expect(summary.employees).toBeGreaterThanOrEqual(15);
  });

  it('should refuse a database that already holds clinics', async () => {
    await expect(seedDemo(first.db, { now: NOW })).rejects.toThrow(/already holds clinics/);
  });

  it('should open three clinics in three zones with the demo channels in order', () => {
    expect(clinics.map((c) => c.slack_channel_id)).toEqual(DEMO_CHANNELS);
    expect(new Set(clinics.map((c) => c.time_zone)).size).toBe(3);
  });

  it('should make invoices of every kind, plus voided and refunded ones', async () => {
    const rows = await first.db
      .selectFrom('invoices')
      .select(['kind', 'status'])
      .distinct()
      .execute();
    const kinds = new Set(rows.map((r) => r.kind));
    const statuses = new Set(rows.map((r) => r.status));

    for (const kind of INVOICE_KINDS) expect(kinds, kind).toContain(kind);
    expect(statuses).toContain('voided');
    expect(statuses).toContain('refunded');
    expect(rows.filter((r) => r.kind === 'draft').map((r) => r.status)).toEqual(['draft']);
  });

  it('should merge children into masters and give guests no patient', async () => {
    const children = await first.db
      .selectFrom('invoices as child')
      .innerJoin('invoices as master', 'master.id', 'child.merged_into_id')
      .select([
        'master.kind',
        'child.patient_id as childPatient',
        'master.patient_id as masterPatient',
      ])
      .execute();
    const guests = await first.db
      .selectFrom('invoices')
      .selectAll()
      .where('kind', '=', 'guest')
      .execute();

    expect(children.length).toBeGreaterThanOrEqual(2);
    for (const c of children) {
      expect(c.kind).toBe('master');
      expect(c.childPatient).toBe(c.masterPatient);
    }
    for (const g of guests) {
      expect(g.patient_id).toBeNull();
      expect(g.appointment_id).not.toBeNull();
    }
  });

  it('should total every invoice as the sum of its lines', async () => {
    const mismatched = await first.db
      .selectFrom('invoices as i')
      .leftJoin('invoice_lines as l', 'l.invoice_id', 'i.id')
      .select(['i.id', 'i.total_cents', (eb) => eb.fn.sum<number>('l.amount_cents').as('sum')])
      .groupBy(['i.id', 'i.total_cents'])
      .execute();

    expect(mismatched.filter((r) => Number(r.sum) !== r.total_cents)).toEqual([]);
  });

  it('should map the demo manager to all clinics and the demo provider to open items', async () => {
    const manager = await first.db
      .selectFrom('employees')
      .selectAll()
      .where('slack_user_id', '=', DEMO_MANAGER_SLACK_ID)
      .executeTakeFirstOrThrow();
    const provider = await first.db
      .selectFrom('employees')
      .selectAll()
      .where('slack_user_id', '=', DEMO_PROVIDER_SLACK_ID)
      .executeTakeFirstOrThrow();
    const managerClinics = await first.db
      .selectFrom('employee_clinics')
      .select('clinic_id')
      .where('employee_id', '=', manager.id)
      .execute();

    expect(manager.role).toBe('office_manager');
    expect(managerClinics.map((c) => c.clinic_id).sort()).toEqual(clinics.map((c) => c.id));
    expect(provider.role).toBe('provider');
    expect(
      classed.filter((a) => a.providerId === provider.id && a.state !== 'complete').length,
    ).toBeGreaterThan(0);
  });

  it('should leave open appointments of every class yesterday in every clinic', () => {
    for (const clinic of clinics) {
      const yesterday = addDays(localDateOf(NOW, clinic.time_zone), -1);
      const open = classed.filter((a) => a.clinicId === clinic.id && a.day === yesterday);
      const classes = open.map((a) => a.state);

      for (const openClass of OPEN_CLASSES)
        expect(classes, `${clinic.name} ${openClass}`).toContain(openClass);
      expect(classes.filter((c) => c === 'ready_to_attach').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('should keep about one past appointment in ten open, spread over the last two weeks', () => {
    const open = classed.filter((a) => a.state !== 'complete');
    const share = open.length / classed.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);

    for (const clinic of clinics) {
      const today = localDateOf(NOW, clinic.time_zone);
      const recentDays = new Set(
        open
          .filter((a) => a.clinicId === clinic.id && a.day >= addDays(today, -14))
          .map((a) => a.day),
      );
      expect(recentDays.size).toBeGreaterThanOrEqual(12);
    }
  });

  it('should keep appointments that have not ended out of the completed status', async () => {
    const notEnded = await first.db
      .selectFrom('appointments')
      .select('status')
      .distinct()
      .where('ends_at', '>', NOW_SQL)
      .execute();
    const completedLate = await first.db
      .selectFrom('appointments')
      .select('id')
      .where('status', '=', 'completed')
      .where('ends_at', '>', NOW_SQL)
      .execute();

    expect(notEnded.map((r) => r.status).sort()).toEqual(expect.arrayContaining(['booked']));
    for (const r of notEnded) expect(['booked', 'checked_in', 'cancelled']).toContain(r.status);
    expect(completedLate).toEqual([]);
  });

  it('should write no instant after now', async () => {
    const late = await Promise.all([
      first.db.selectFrom('invoices').select('id').where('created_at', '>', NOW_SQL).execute(),
      first.db.selectFrom('procedures').select('id').where('performed_at', '>', NOW_SQL).execute(),
      first.db
        .selectFrom('invoice_procedure_links')
        .select('id')
        .where('linked_at', '>', NOW_SQL)
        .execute(),
    ]);

    expect(late.flat()).toEqual([]);
  });
});

/** The rows whose ids must agree across databases, in id order. */
async function snapshot(db: Db): Promise<unknown[]> {
  return Promise.all([
    db
      .selectFrom('employee_clinics')
      .selectAll()
      .orderBy('employee_id')
      .orderBy('clinic_id')
      .execute(),
    db.selectFrom('appointments').selectAll().orderBy('id').execute(),
    db.selectFrom('procedures').selectAll().orderBy('id').execute(),
    db.selectFrom('invoices').selectAll().orderBy('id').execute(),
    db.selectFrom('invoice_lines').selectAll().orderBy('id').execute(),
    db.selectFrom('invoice_procedure_links').selectAll().orderBy('id').execute(),
  ]);
}

// Outside CI a run without MariaDB skips this copy, as the shared database helper does.
describe.skipIf(!inject('mysqlUrl') && process.env.CI !== 'true')('seedDemo on mysql', () => {
  let sqlite: SupportDb;
  let mysql: SupportDb;

  beforeAll(async () => {
    sqlite = await createTestDatabase('sqlite');
    mysql = await createTestDatabase('mysql');
  });

  afterAll(async () => {
    await sqlite?.destroy();
    await mysql?.destroy();
  });

  it('should write the same rows with the same ids as on sqlite', async () => {
    const options = { now: NOW, scale: 0.25 };
    const summary = await seedDemo(mysql.db, options);

    expect(await seedDemo(sqlite.db, options)).toEqual(summary);
    expect(await snapshot(mysql.db)).toEqual(await snapshot(sqlite.db));
  });
});
