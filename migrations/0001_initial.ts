import { MysqlAdapter, sql, type Kysely } from 'kysely';

/*
 * The whole first schema. The same file runs on MySQL/MariaDB and SQLite, so it sticks to types
 * both understand: integer ids, varchar for anything indexed, datetime for UTC instants and date
 * for clinic-local days (both read back as strings), integer cents for money. The column-level
 * references are enforced by SQLite; MySQL parses that form without enforcing it. Nothing relies
 * on them: the application checks every rule itself.
 */

export async function up(db: Kysely<any>): Promise<void> {
  // Titles and names carry accents and emoji; MySQL's own default may be latin1 or 3-byte utf8.
  if (db.getExecutor().adapter instanceof MysqlAdapter) {
    await sql`ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`.execute(db);
  }

  await db.schema
    .createTable('clinics')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('slack_channel_id', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('employees')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('first_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('slack_user_id', 'varchar(32)', (c) => c.unique())
    .execute();

  await db.schema
    .createTable('employee_clinics')
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id'))
    .addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
    .addPrimaryKeyConstraint('employee_clinics_pk', ['employee_id', 'clinic_id'])
    .execute();

  await db.schema
    .createTable('patients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('chart_number', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('first_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('home_clinic_id', 'integer', (c) => c.references('clinics.id'))
    .execute();
  await db.schema.createIndex('patients_last_name').on('patients').column('last_name').execute();

  await createAppointments(db);
  await createProcedures(db);
  await createInvoices(db);
  await createLinks(db);
  await createJobTables(db);
}

async function createAppointments(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('employees.id'))
    .addColumn('starts_at', 'datetime', (c) => c.notNull())
    .addColumn('ends_at', 'datetime', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('service', 'varchar(120)')
    .execute();

  // The nightly query reads one clinic's days by start time; providers read their own.
  await db.schema
    .createIndex('appointments_clinic_starts')
    .on('appointments')
    .columns(['clinic_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('appointments_provider_starts')
    .on('appointments')
    .columns(['provider_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('appointments_patient_starts')
    .on('appointments')
    .columns(['patient_id', 'starts_at'])
    .execute();
}

async function createProcedures(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('employees.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(255)')
    .addColumn('performed_at', 'datetime', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('procedures_patient_performed')
    .on('procedures')
    .columns(['patient_id', 'performed_at'])
    .execute();
  await db.schema
    .createIndex('procedures_appointment')
    .on('procedures')
    .column('appointment_id')
    .execute();
  await db.schema
    .createIndex('procedures_provider_performed')
    .on('procedures')
    .columns(['provider_id', 'performed_at'])
    .execute();
}

async function createInvoices(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invoices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
    // Null for guest checkout: there is no patient profile.
    .addColumn('patient_id', 'integer', (c) => c.references('patients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('tip_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', 'integer', (c) => c.references('invoices.id'))
    .addColumn('created_at', 'datetime', (c) => c.notNull())
    .addColumn('paid_at', 'datetime')
    .execute();

  await db.schema
    .createIndex('invoices_patient_created')
    .on('invoices')
    .columns(['patient_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('invoices_clinic_created')
    .on('invoices')
    .columns(['clinic_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('invoices_merged_into')
    .on('invoices')
    .column('merged_into_id')
    .execute();
  // Guest checkouts are found through the appointment they paid for.
  await db.schema
    .createIndex('invoices_appointment')
    .on('invoices')
    .column('appointment_id')
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invoice_lines_invoice')
    .on('invoice_lines')
    .column('invoice_id')
    .execute();

  await db.schema
    .createTable('invoice_employees')
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id'))
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id'))
    // Share of the tip in basis points (10000 = all of it).
    .addColumn('tip_share_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('invoice_employees_pk', ['invoice_id', 'employee_id'])
    .execute();
}

async function createLinks(db: Kysely<any>): Promise<void> {
  // Unique on both sides: an invoice holds one procedure and a procedure one invoice.
  await db.schema
    .createTable('invoice_procedure_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invoice_id', 'integer', (c) => c.notNull().unique().references('invoices.id'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().unique().references('procedures.id'))
    .addColumn('linked_by_employee_id', 'integer', (c) => c.references('employees.id'))
    .addColumn('linked_by_slack_user_id', 'varchar(32)')
    .addColumn('source', 'varchar(24)', (c) => c.notNull())
    .addColumn('linked_at', 'datetime', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('link_audit')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('action', 'varchar(12)', (c) => c.notNull())
    .addColumn('invoice_id', 'integer', (c) => c.notNull())
    .addColumn('procedure_id', 'integer', (c) => c.notNull())
    .addColumn('employee_id', 'integer')
    .addColumn('slack_user_id', 'varchar(32)')
    .addColumn('source', 'varchar(24)', (c) => c.notNull())
    .addColumn('at', 'datetime', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('link_audit_invoice').on('link_audit').column('invoice_id').execute();
}

async function createJobTables(db: Kysely<any>): Promise<void> {
  // One row per job, clinic and local day: inserting it is how a copy claims the run.
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job', 'varchar(24)', (c) => c.notNull())
    .addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('run_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('claimed_at', 'datetime', (c) => c.notNull())
    .addColumn('lease_until', 'datetime', (c) => c.notNull())
    .addColumn('finished_at', 'datetime')
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addUniqueConstraint('job_runs_once', ['job', 'clinic_id', 'local_date'])
    .execute();

  await db.schema
    .createTable('digest_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('ts', 'varchar(32)', (c) => c.notNull())
    .addColumn('thread_ts', 'varchar(32)')
    // The invoice and appointment ids the message shows, as JSON, to find it again on attach.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'datetime', (c) => c.notNull())
    .addColumn('updated_at', 'datetime', (c) => c.notNull())
    .addUniqueConstraint('digest_messages_seq', ['clinic_id', 'local_date', 'seq'])
    .addUniqueConstraint('digest_messages_ts', ['channel_id', 'ts'])
    .execute();

  await db.schema
    .createTable('digest_message_items')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('digest_messages.id'))
    .addColumn('invoice_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_message_items_pk', ['message_id', 'invoice_id'])
    .execute();
  await db.schema
    .createIndex('digest_message_items_invoice')
    .on('digest_message_items')
    .column('invoice_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'digest_message_items',
    'digest_messages',
    'job_runs',
    'link_audit',
    'invoice_procedure_links',
    'invoice_employees',
    'invoice_lines',
    'invoices',
    'procedures',
    'appointments',
    'patients',
    'employee_clinics',
    'employees',
    'clinics',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
