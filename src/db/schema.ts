import type { Generated, Insertable, Selectable } from 'kysely';

/*
 * Row types of every table. Instants are UTC strings 'YYYY-MM-DD HH:MM:SS' and local days
 * 'YYYY-MM-DD' on both databases (mysql2 is opened with dateStrings), so code never meets a Date
 * whose time zone depends on the driver.
 */

export type EmployeeRole = 'provider' | 'office_manager' | 'admin';
export type AppointmentStatus = 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
export type ProcedureKind = 'health' | 'cosmetic';
export type InvoiceStatus = 'draft' | 'paid' | 'partially_paid' | 'voided' | 'refunded';
export type LinkSource = 'slack_digest' | 'slack_command' | 'slack_home' | 'cli';

export interface ClinicTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  slack_channel_id: string | null;
}

export interface EmployeeTable {
  id: Generated<number>;
  first_name: string;
  last_name: string;
  display_name: string;
  role: EmployeeRole;
  slack_user_id: string | null;
}

export interface EmployeeClinicTable {
  employee_id: number;
  clinic_id: number;
}

export interface PatientTable {
  id: Generated<number>;
  chart_number: string;
  first_name: string;
  last_name: string;
  home_clinic_id: number | null;
}

export interface AppointmentTable {
  id: Generated<number>;
  clinic_id: number;
  patient_id: number;
  provider_id: number;
  starts_at: string;
  ends_at: string;
  status: AppointmentStatus;
  service: string | null;
}

export interface ProcedureTable {
  id: Generated<number>;
  clinic_id: number;
  patient_id: number;
  provider_id: number;
  appointment_id: number | null;
  kind: ProcedureKind;
  title: string | null;
  performed_at: string;
}

export interface InvoiceTable {
  id: Generated<number>;
  number: string;
  clinic_id: number;
  patient_id: number | null;
  appointment_id: number | null;
  kind: string;
  status: InvoiceStatus;
  total_cents: number;
  tip_cents: Generated<number>;
  merged_into_id: number | null;
  created_at: string;
  paid_at: string | null;
}

export interface InvoiceLineTable {
  id: Generated<number>;
  invoice_id: number;
  name: string;
  quantity: number;
  amount_cents: number;
}

export interface InvoiceEmployeeTable {
  invoice_id: number;
  employee_id: number;
  tip_share_bp: number;
}

export interface LinkTable {
  id: Generated<number>;
  invoice_id: number;
  procedure_id: number;
  linked_by_employee_id: number | null;
  linked_by_slack_user_id: string | null;
  source: LinkSource;
  linked_at: string;
}

export interface LinkAuditTable {
  id: Generated<number>;
  action: 'attach' | 'undo';
  invoice_id: number;
  procedure_id: number;
  employee_id: number | null;
  slack_user_id: string | null;
  source: LinkSource;
  at: string;
}

export interface JobRunTable {
  id: Generated<number>;
  job: string;
  clinic_id: number;
  local_date: string;
  run_id: string;
  status: 'running' | 'done' | 'failed';
  attempts: number;
  claimed_at: string;
  lease_until: string;
  finished_at: string | null;
  summary: string | null;
  error: string | null;
}

export interface DigestMessageTable {
  id: Generated<number>;
  clinic_id: number;
  local_date: string;
  seq: number;
  channel_id: string;
  ts: string;
  thread_ts: string | null;
  content: string;
  posted_at: string;
  updated_at: string;
}

export interface DigestMessageItemTable {
  message_id: number;
  invoice_id: number;
}

export interface Database {
  clinics: ClinicTable;
  employees: EmployeeTable;
  employee_clinics: EmployeeClinicTable;
  patients: PatientTable;
  appointments: AppointmentTable;
  procedures: ProcedureTable;
  invoices: InvoiceTable;
  invoice_lines: InvoiceLineTable;
  invoice_employees: InvoiceEmployeeTable;
  invoice_procedure_links: LinkTable;
  link_audit: LinkAuditTable;
  job_runs: JobRunTable;
  digest_messages: DigestMessageTable;
  digest_message_items: DigestMessageItemTable;
}

export type Clinic = Selectable<ClinicTable>;
export type Employee = Selectable<EmployeeTable>;
export type Patient = Selectable<PatientTable>;
export type Appointment = Selectable<AppointmentTable>;
export type Procedure = Selectable<ProcedureTable>;
export type Invoice = Selectable<InvoiceTable>;
export type InvoiceLine = Selectable<InvoiceLineTable>;
export type Link = Selectable<LinkTable>;
export type JobRun = Selectable<JobRunTable>;
export type DigestMessage = Selectable<DigestMessageTable>;
export type NewInvoice = Insertable<InvoiceTable>;
