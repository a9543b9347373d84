import type { AppointmentStatus, EmployeeRole, InvoiceStatus, LinkSource } from '../db/schema.js';
import { classifyAppointment, type OpenClass } from '../domain/classify.js';
import type { InvoiceKind } from '../domain/invoiceKinds.js';
import { addDays, daysBetween, localDateOf, localToUtcMs } from '../domain/time.js';
import {
  CLINICS,
  FIRST_NAMES,
  KIND_LINES,
  LAST_NAMES,
  PROVIDERS,
  RETAIL,
  STAFF,
  TREATMENTS,
  type LineChoice,
  type Treatment,
  type Variant,
} from './catalog.js';

/*
 * The demo practice built in memory before anything is written: plain objects that point at each
 * other, ids given only at the end (in time order) so SQLite and MySQL get the same ids. Every
 * random choice comes from one seeded generator, so the same `now` gives the same practice.
 *
 * Days are counted per clinic relative to its local today (-1 is yesterday). The reconciliation
 * sees, for an open appointment on day d, the patient's live unlinked invoices created on days
 * d-1 .. d+7 plus any invoice that names the appointment. The planner keeps a patient's open
 * appointments at least 9 days apart and places every unlinked invoice outside the windows of the
 * patient's other open appointments, so each open appointment lands in the class it was given.
 */

const SEED = 0x5eed_c4a7;
const HISTORY_DAYS = 90;
const WINDOW_BEFORE = 1;
const WINDOW_AFTER = 7;
const OPEN_GAP_DAYS = WINDOW_BEFORE + WINDOW_AFTER;
const MINUTE = 60_000;

export const DEMO_CHANNELS = ['CDEMO1', 'CDEMO2', 'CDEMO3'];
export const DEMO_MANAGER_SLACK_ID = 'UDEMOMANAGER';
export const DEMO_PROVIDER_SLACK_ID = 'UDEMOPROVIDER';

export type Outcome = 'complete' | 'not_reconciled' | OpenClass;

export interface ClinicPlan {
  id: number;
  name: string;
  zone: string;
  channel: string;
  /** The clinic's local date at `now`. */
  today: string;
  managerIds: number[];
}

export interface EmployeePlan {
  id: number;
  first: string;
  last: string;
  display: string;
  role: EmployeeRole;
  slack: string | null;
  clinicIds: number[];
  skills: string[];
  /** Weekday (0 = Sunday) to the clinic worked that day, for providers. */
  week: (number | null)[];
}

export interface PatientPlan {
  id: number;
  chart: string;
  first: string;
  last: string;
  clinic: ClinicPlan;
  treatment: Treatment;
  variant: number;
  /** Days of the patient's open appointments. */
  openDays: number[];
  invoices: InvoicePlan[];
}

export interface AppointmentPlan {
  id: number;
  seq: number;
  clinic: ClinicPlan;
  patient: PatientPlan;
  provider: EmployeePlan;
  day: number;
  startsMs: number;
  endsMs: number;
  status: AppointmentStatus;
  treatment: Treatment;
  variant: Variant;
  outcome: Outcome;
}

export interface ProcedurePlan {
  id: number;
  seq: number;
  clinic: ClinicPlan;
  patient: PatientPlan;
  providerId: number;
  appointment: AppointmentPlan | null;
  kind: Treatment['kind'];
  title: string | null;
  performedMs: number;
  /** The catalogue entry the title came from, so the invoice bills the same treatment. */
  variant: Variant;
}

export interface LinePlan {
  name: string;
  cents: number;
}

export interface InvoicePlan {
  id: number;
  seq: number;
  number: string;
  clinic: ClinicPlan;
  patient: PatientPlan | null;
  appointment: AppointmentPlan | null;
  kind: InvoiceKind;
  status: InvoiceStatus;
  lines: LinePlan[];
  tipCents: number;
  employees: { id: number; bp: number }[];
  mergedInto: InvoicePlan | null;
  createdMs: number;
  paidMs: number | null;
  linked: boolean;
}

export interface LinkPlan {
  id: number;
  invoice: InvoicePlan;
  procedure: ProcedurePlan;
  employeeId: number;
  slack: string | null;
  source: LinkSource;
  linkedMs: number;
}

export interface Plan {
  clinics: ClinicPlan[];
  employees: EmployeePlan[];
  patients: PatientPlan[];
  appointments: AppointmentPlan[];
  procedures: ProcedurePlan[];
  invoices: InvoicePlan[];
  links: LinkPlan[];
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: tiny, fast and good enough for fake data; the same seed gives the same sequence. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** A value of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Builds the whole demo practice in memory for a scale and an instant. */
export function buildPlan(scale: number, now: number): Plan {
  const rng = new Rng(SEED);
  const plan: Plan = {
    clinics: buildClinics(now),
    employees: [],
    patients: [],
    appointments: [],
    procedures: [],
    invoices: [],
    links: [],
  };

  plan.employees = buildEmployees(rng, plan.clinics);
  plan.patients = buildPatients(rng, plan.clinics, scale);
  plan.appointments = buildAppointments(rng, plan, now);

  decideOutcomes(rng, plan);
  new Charting(rng, plan, now).run();
  verifyClasses(plan, now);
  assignIds(plan);

  return plan;
}

// ---------------------------------------------------------------------------------------------
// Clinics, employees, patients

function buildClinics(now: number): ClinicPlan[] {
  return CLINICS.map((c, i) => ({
    id: i + 1,
    name: c.name,
    zone: c.zone,
    channel: DEMO_CHANNELS[i] ?? `CDEMO${i + 1}`,
    today: localDateOf(now, c.zone),
    managerIds: [],
  }));
}

function buildEmployees(rng: Rng, clinics: ClinicPlan[]): EmployeePlan[] {
  const providers = PROVIDERS.map((p, i): EmployeePlan => {
    const home = (i % clinics.length) + 1;
    const second = (home % clinics.length) + 1;
    // The demo provider works at two clinics; a few others float between two.
    const clinicIds = i === 0 || rng.chance(0.35) ? [home, second] : [home];

    return {
      id: i + 1,
      first: p.first,
      last: p.last,
      display: p.display,
      role: 'provider',
      slack: i === 0 ? DEMO_PROVIDER_SLACK_ID : `UDEMOPRV${String(i + 1).padStart(2, '0')}`,
      clinicIds,
      skills: p.skills,
      week: workWeek(rng, clinicIds),
    };
  });

  coverEveryDay(rng, providers, clinics);
  putDemoProviderOnYesterday(providers, clinics);
  staffYesterdayFully(providers, clinics);

  return [...providers, ...buildStaff(providers.length, clinics)];
}

/** Five working days a week, each at one of the provider's clinics. */
function workWeek(rng: Rng, clinicIds: number[]): (number | null)[] {
  const days = rng.shuffle([0, 1, 2, 3, 4, 5, 6]).slice(0, 5);

  return [0, 1, 2, 3, 4, 5, 6].map((d) => (days.includes(d) ? rng.pick(clinicIds) : null));
}

/** Med spas open seven days here, so every clinic needs at least two providers every weekday. */
function coverEveryDay(rng: Rng, providers: EmployeePlan[], clinics: ClinicPlan[]): void {
  for (const clinic of clinics) {
    for (let weekday = 0; weekday < 7; weekday++) {
      while (providers.filter((p) => p.week[weekday] === clinic.id).length < 2) {
        const free = providers.filter((p) => p.week[weekday] === null);
        const own = free.filter((p) => p.clinicIds.includes(clinic.id));
        const chosen = rng.pick(own.length > 0 ? own : free);

        if (!chosen.clinicIds.includes(clinic.id)) chosen.clinicIds.push(clinic.id);
        chosen.week[weekday] = clinic.id;
      }
    }
  }
}

/** The demo provider must have open items yesterday, so works at the first clinic that day. */
function putDemoProviderOnYesterday(providers: EmployeePlan[], clinics: ClinicPlan[]): void {
  const first = clinics[0]!;
  const demo = providers[0]!;
  const weekday = weekdayOf(addDays(first.today, -1));
  const replaced = demo.week[weekday];

  demo.week[weekday] = first.id;
  // Whoever covered the first clinic in the demo provider's place keeps the clinic staffed.
  if (replaced !== null && replaced !== undefined && replaced !== first.id) {
    const stand = providers.find((p) => p !== demo && p.week[weekday] === null);
    if (stand) {
      stand.week[weekday] = replaced;
      if (!stand.clinicIds.includes(replaced)) stand.clinicIds.push(replaced);
    }
  }
}

/**
 * Yesterday is a busy day at every clinic, so the digest everyone reads first shows a realistic
 * completion rate beside the open items forced into it. Providers off that weekday are called in.
 */
function staffYesterdayFully(providers: EmployeePlan[], clinics: ClinicPlan[]): void {
  for (const clinic of clinics) {
    const weekday = weekdayOf(addDays(clinic.today, -1));
    const working = () => providers.filter((p) => p.week[weekday] === clinic.id).length;

    for (const p of providers) {
      if (working() >= YESTERDAY_PROVIDERS) break;
      if (p.week[weekday] !== null || !p.clinicIds.includes(clinic.id)) continue;
      p.week[weekday] = clinic.id;
    }
  }
}

function buildStaff(offset: number, clinics: ClinicPlan[]): EmployeePlan[] {
  return STAFF.map((s, i): EmployeePlan => {
    const everywhere = i === 0 || s.role === 'admin';
    const clinicIds = everywhere ? clinics.map((c) => c.id) : [((i - 1) % clinics.length) + 1];
    const id = offset + i + 1;

    if (s.role === 'office_manager') {
      for (const c of clinics) if (clinicIds.includes(c.id)) c.managerIds.push(id);
    }

    return {
      id,
      first: s.first,
      last: s.last,
      display: s.display,
      role: s.role,
      slack: i === 0 ? DEMO_MANAGER_SLACK_ID : `UDEMOSTF${String(i + 1).padStart(2, '0')}`,
      clinicIds,
      skills: [],
      week: [],
    };
  });
}

function buildPatients(rng: Rng, clinics: ClinicPlan[], scale: number): PatientPlan[] {
  const count = Math.max(60, Math.round(2000 * scale));
  const patients: PatientPlan[] = [];
  let chart = 100_000 + rng.int(0, 500);

  for (let i = 0; i < count; i++) {
    chart += rng.int(1, 9);
    const treatment = rng.pick(TREATMENTS);

    patients.push({
      id: i + 1,
      chart: `CH-${chart}`,
      first: rng.pick(FIRST_NAMES),
      last: rng.pick(LAST_NAMES),
      // The first clinic is the busiest.
      clinic: clinics[Number(rng.weighted({ 0: 4, 1: 3, 2: 3 }))] ?? clinics[0]!,
      treatment,
      variant: rng.int(0, treatment.variants.length - 1),
      openDays: [],
      invoices: [],
    });
  }
  return patients;
}

// ---------------------------------------------------------------------------------------------
// The calendar

function buildAppointments(rng: Rng, plan: Plan, now: number): AppointmentPlan[] {
  const providers = plan.employees.filter((e) => e.role === 'provider');
  const appointments: AppointmentPlan[] = [];

  for (const clinic of plan.clinics) {
    const patients = plan.patients.filter((p) => p.clinic === clinic);

    for (let day = -HISTORY_DAYS; day <= 1; day++) {
      const date = addDays(clinic.today, day);
      const working = providers.filter((p) => p.week[weekdayOf(date)] === clinic.id);

      for (const provider of working) {
        const ctx = { rng, clinic, provider, patients, day, date, now };
        appointments.push(...providerDay(ctx, appointments.length));
      }
    }
  }
  return appointments;
}

interface DayContext {
  rng: Rng;
  clinic: ClinicPlan;
  provider: EmployeePlan;
  patients: PatientPlan[];
  day: number;
  date: string;
  now: number;
}

/** One provider's book for one day: back to back from the morning, until the count or 7 pm. */
function providerDay(ctx: DayContext, seq: number): AppointmentPlan[] {
  const { rng, day } = ctx;
  const target = day < 0 ? rng.int(8, 20) : rng.int(3, 6);
  // One conversion per day; adding minutes is exact because clocks change at night.
  const eight = localToUtcMs(ctx.date, '08:00', ctx.clinic.zone);
  const seen = new Set<PatientPlan>();
  const booked: AppointmentPlan[] = [];
  let minute = rng.pick([0, 30, 60, 90, 120]);

  while (booked.length < target) {
    const patient = freshPatient(rng, ctx.patients, seen);
    const treatment = treatmentFor(rng, patient, ctx.provider);
    const duration = rng.pick(treatment.minutes);
    if (minute + duration > 11 * 60) break;

    const startsMs = eight + minute * MINUTE;
    const endsMs = startsMs + duration * MINUTE;
    booked.push({
      id: 0,
      seq: seq + booked.length,
      clinic: ctx.clinic,
      patient,
      provider: ctx.provider,
      day,
      startsMs,
      endsMs,
      status: statusOf(rng, day, startsMs, endsMs, ctx.now),
      treatment,
      variant: variantFor(rng, patient, treatment),
      outcome: 'not_reconciled',
    });
    minute += duration + rng.pick([0, 0, 0, 15, 15, 30]);
  }
  return booked;
}

function freshPatient(rng: Rng, patients: PatientPlan[], seen: Set<PatientPlan>): PatientPlan {
  for (let tries = 0; tries < 20; tries++) {
    const patient = rng.pick(patients);
    if (!seen.has(patient)) {
      seen.add(patient);
      return patient;
    }
  }
  return rng.pick(patients);
}

/** Regulars come back for their usual treatment when the provider does it. */
function treatmentFor(rng: Rng, patient: PatientPlan, provider: EmployeePlan): Treatment {
  const usual = patient.treatment;
  if (provider.skills.includes(usual.skill) && rng.chance(0.7)) return usual;

  return rng.pick(TREATMENTS.filter((t) => provider.skills.includes(t.skill)));
}

function variantFor(rng: Rng, patient: PatientPlan, treatment: Treatment): Variant {
  const usual = treatment === patient.treatment && rng.chance(0.7);
  const index = usual ? patient.variant : rng.int(0, treatment.variants.length - 1);

  return treatment.variants[index] ?? treatment.variants[0]!;
}

function statusOf(
  rng: Rng,
  day: number,
  startsMs: number,
  endsMs: number,
  now: number,
): AppointmentStatus {
  if (day < 0) return rng.weighted({ completed: 89, cancelled: 6, no_show: 5 });

  // Today and tomorrow: the book as it stands right now.
  if (endsMs <= now) return rng.chance(0.06) ? 'cancelled' : 'completed';
  if (startsMs <= now) return 'checked_in';
  return rng.chance(0.05) ? 'cancelled' : 'booked';
}

// ---------------------------------------------------------------------------------------------
// Which past appointments stay open, and why

/** Titles that name no treatment, as typed in a hurry. */
const VAGUE_TITLES = [null, '', 'f/u', 'tx', 'touch up', 'see notes'];

/** How many providers work yesterday at each clinic, where enough are free. */
const YESTERDAY_PROVIDERS = 4;

/** What yesterday of every clinic must show: every class, several ready ones. */
const YESTERDAY_CLASSES: OpenClass[] = [
  'ready_to_attach',
  'ready_to_attach',
  'no_invoice',
  'ready_to_attach',
  'no_chart',
  'not_attachable',
  'nothing',
];

const CLASS_WEIGHTS: Record<OpenClass, number> = {
  ready_to_attach: 50,
  no_invoice: 15,
  no_chart: 12,
  not_attachable: 10,
  nothing: 13,
};

function decideOutcomes(rng: Rng, plan: Plan): void {
  const reconcilable = plan.appointments.filter((a) => a.status === 'completed');

  for (const a of reconcilable) a.outcome = 'complete';
  for (const clinic of plan.clinics) forceYesterday(rng, clinic, reconcilable);

  for (const a of reconcilable) {
    // Yesterday holds just the forced items, so its completion rate stays typical.
    if (a.outcome !== 'complete' || a.day >= -1) continue;
    // Recent days hold a little more: older ones have had time to be fixed by hand.
    const share = a.day >= -14 ? 0.12 : 0.1;
    if (rng.chance(share) && canOpen(a)) markOpen(a, rng.weighted(CLASS_WEIGHTS));
  }
}

function forceYesterday(rng: Rng, clinic: ClinicPlan, reconcilable: AppointmentPlan[]): void {
  const yesterday = rng.shuffle(reconcilable.filter((a) => a.clinic === clinic && a.day === -1));
  const demo = yesterday.filter((a) => a.provider.slack === DEMO_PROVIDER_SLACK_ID);
  // A few more of any class, so that the clinics' days do not all look alike.
  const extra = Array.from({ length: rng.int(0, 3) }, () => rng.weighted(CLASS_WEIGHTS));

  [...YESTERDAY_CLASSES, ...extra].forEach((openClass, i) => {
    // The demo provider's own appointments take the first few, so their open items are certain.
    const pool = i < 3 && demo.some(free) ? demo : yesterday;
    const a = pool.find(free);
    if (!a) throw new Error(`demo calendar has too few appointments yesterday at ${clinic.name}`);
    markOpen(a, openClass);
  });
}

function free(a: AppointmentPlan): boolean {
  return a.outcome === 'complete' && canOpen(a);
}

function canOpen(a: AppointmentPlan): boolean {
  return a.patient.openDays.every((d) => Math.abs(d - a.day) > OPEN_GAP_DAYS);
}

function markOpen(a: AppointmentPlan, openClass: OpenClass): void {
  a.outcome = openClass;
  a.patient.openDays.push(a.day);
}

// ---------------------------------------------------------------------------------------------
// Charts, invoices and links

const NOT_ATTACHABLE_WEIGHTS = {
  service_deposit: 3,
  online_package: 2,
  membership_monthly: 2,
  membership_yearly: 1,
  guest: 2,
  cancellation_fee: 1,
  treatment_plan: 1,
  egift_card: 1,
  master: 1,
} satisfies Partial<Record<InvoiceKind, number>>;

/** Kinds made from their own catalogue lines, for a patient. */
type PlainKind = Exclude<InvoiceKind, 'quickpay' | 'draft' | 'master' | 'guest'>;

/** Writes, in memory, what staff charted and charged around every appointment. */
class Charting {
  private readonly chronological: AppointmentPlan[];

  constructor(
    private readonly rng: Rng,
    private readonly plan: Plan,
    private readonly now: number,
  ) {
    this.chronological = [...plan.appointments].sort((a, b) => a.startsMs - b.startsMs);
  }

  run(): void {
    for (const a of this.chronological) this.visit(a);

    this.memberships();
    this.oneOffs('egift_card', 0.02);
    this.oneOffs('online_package', 0.02);
    this.oneOffs('treatment_plan', 0.015);
    this.masters();
    this.refundedRetail();
  }

  private visit(a: AppointmentPlan): void {
    switch (a.outcome) {
      case 'complete':
        return this.complete(a);
      case 'ready_to_attach':
        return this.ready(a);
      case 'no_invoice':
        return void this.chart(a);
      case 'no_chart':
        return void this.serviceInvoice(a, this.attachableKind(), this.payDay(a));
      case 'not_attachable':
        return this.notAttachable(a);
      case 'nothing':
        return;
      case 'not_reconciled':
        return this.upcomingOrMissed(a);
    }
  }

  // -- complete and open visits

  private complete(a: AppointmentPlan): void {
    const procedure = this.chart(a);
    const kind = this.rng.chance(0.9) ? 'quickpay' : 'draft';
    this.link(this.serviceInvoice(a, kind, a.day, procedure), procedure);

    // Now and then a second treatment at the same visit, charted and charged apart.
    if (this.rng.chance(0.06)) {
      const second = this.chart(a, this.otherTreatment(a));
      this.link(this.serviceInvoice(a, 'quickpay', a.day, second), second);
    }
    if (this.rng.chance(0.03)) this.voidedCopy(a);
    if (a.day < 0 && this.rng.chance(0.08)) this.deposit(a);
  }

  private ready(a: AppointmentPlan): void {
    const procedure = this.chart(a);
    this.serviceInvoice(a, this.attachableKind(), this.payDay(a), procedure);
    // A hurried chart says next to nothing, and the digest cannot be sure which one it is.
    if (this.rng.chance(0.15)) procedure.title = this.rng.pick(VAGUE_TITLES);

    const twice = this.rng.chance(0.12);
    if (twice) {
      const second = this.chart(a, this.otherTreatment(a));
      this.serviceInvoice(a, 'quickpay', a.day, second);
    }
    // An older unlinked chart of the same treatment makes the choice harder, as it does in AR.
    if (!twice && this.rng.chance(0.25)) this.orphanChart(a);
  }

  private notAttachable(a: AppointmentPlan): void {
    if (this.rng.chance(0.5)) this.chart(a);

    const kind = this.rng.weighted(NOT_ATTACHABLE_WEIGHTS);
    if (kind === 'guest') return this.guest(a);
    if (kind === 'service_deposit' && this.deposit(a)) return;
    if (kind === 'master' && this.masterAt(a)) return;

    // A deposit or master that found no room becomes a package bought at the visit.
    const other = kind === 'master' || kind === 'service_deposit' ? 'online_package' : kind;
    // Charged at the visit but for something else (a fee, a plan), so it names no appointment.
    this.kindInvoice(a.patient, other, this.atDay(a.clinic, a.day, 11 * 60, 18 * 60), null);
  }

  /** Cancelled and missed visits, and the book of today and tomorrow. */
  private upcomingOrMissed(a: AppointmentPlan): void {
    const missed = a.status === 'cancelled' || a.status === 'no_show';
    if (missed && this.rng.chance(0.4)) {
      const at = a.startsMs + this.rng.int(30, 240) * MINUTE;
      if (at <= this.now && this.fits(a.patient, a.clinic, at)) {
        this.kindInvoice(a.patient, 'cancellation_fee', at, a);
      }
    }
    if (!missed && a.status !== 'completed' && this.rng.chance(0.5)) this.deposit(a);
  }

  // -- procedures

  private chart(a: AppointmentPlan, treatment = a.treatment): ProcedurePlan {
    const variant = treatment === a.treatment ? a.variant : this.rng.pick(treatment.variants);
    const procedure: ProcedurePlan = {
      id: 0,
      seq: this.plan.procedures.length,
      clinic: a.clinic,
      patient: a.patient,
      providerId: a.provider.id,
      appointment: a,
      kind: treatment.kind,
      title: this.title(variant),
      performedMs: a.startsMs + this.rng.int(5, 15) * MINUTE,
      variant,
    };
    this.plan.procedures.push(procedure);
    return procedure;
  }

  /** A chart from a walk-in touch-up some weeks before, never tied to an appointment. */
  private orphanChart(a: AppointmentPlan): void {
    const day = a.day - this.rng.int(10, 30);

    this.plan.procedures.push({
      id: 0,
      seq: this.plan.procedures.length,
      clinic: a.clinic,
      patient: a.patient,
      providerId: a.provider.id,
      appointment: null,
      kind: a.treatment.kind,
      title: this.title(a.variant),
      performedMs: this.atDay(a.clinic, day, 10 * 60, 17 * 60),
      variant: a.variant,
    });
  }

  private title(variant: Variant): string | null {
    // Some providers save the chart without a title at all.
    if (this.rng.chance(0.015)) return this.rng.chance(0.5) ? null : '';

    const titles = variant.titles;
    return this.rng.chance(0.5) ? titles[0]! : this.rng.pick(titles);
  }

  private otherTreatment(a: AppointmentPlan): Treatment {
    const options = TREATMENTS.filter(
      (t) => t !== a.treatment && a.provider.skills.includes(t.skill),
    );
    return options.length > 0 ? this.rng.pick(options) : a.treatment;
  }

  // -- invoices

  private attachableKind(): 'quickpay' | 'draft' {
    return this.rng.chance(0.8) ? 'quickpay' : 'draft';
  }

  /** Mostly paid at checkout; sometimes days later, never after yesterday. */
  private payDay(a: AppointmentPlan): number {
    if (a.day >= -1 || this.rng.chance(0.75)) return a.day;
    return a.day + this.rng.int(1, Math.min(5, -a.day - 1));
  }

  /** The invoice for a visit's treatment, with its lines, employees and tip. */
  private serviceInvoice(
    a: AppointmentPlan,
    kind: 'quickpay' | 'draft',
    day: number,
    procedure?: ProcedurePlan,
  ): InvoicePlan {
    const created =
      day === a.day
        ? Math.min(a.endsMs + this.rng.int(2, 20) * MINUTE, this.now)
        : this.atDay(a.clinic, day, 9 * 60, 18 * 60);
    const lines = this.serviceLines(procedure?.variant ?? a.variant);
    const invoice = this.invoice(a.patient, kind, created, lines, a.clinic);

    invoice.appointment = this.rng.chance(0.5) ? a : null;
    invoice.employees = this.splitFor(a);
    invoice.tipCents = this.tip(a.treatment, lines);
    if (kind !== 'draft' && this.rng.chance(0.03)) invoice.status = 'partially_paid';
    return invoice;
  }

  private serviceLines(variant: Variant): LinePlan[] {
    const lines = variant.lines.map((c) => this.line(c));

    for (const extra of variant.extras ?? [])
      if (this.rng.chance(0.5)) lines.push(this.line(extra));
    if (this.rng.chance(0.12)) lines.push(this.line(this.rng.pick(RETAIL)));
    return lines;
  }

  private line(choice: LineChoice): LinePlan {
    const steps = Math.floor((choice.max - choice.min) / 500);
    return { name: this.rng.pick(choice.names), cents: choice.min + this.rng.int(0, steps) * 500 };
  }

  /** Usually the provider alone; sometimes a shared tip, sometimes a split that forgets them. */
  private splitFor(a: AppointmentPlan): { id: number; bp: number }[] {
    const provider = a.provider.id;
    const manager = this.rng.pick(a.clinic.managerIds);
    const roll = this.rng.next();

    if (roll < 0.78) return [{ id: provider, bp: 10_000 }];
    if (roll < 0.88)
      return [
        { id: provider, bp: 7_000 },
        { id: manager, bp: 3_000 },
      ];
    if (roll < 0.93) return [{ id: manager, bp: 10_000 }];
    if (roll < 0.97) return [{ id: this.colleagueOf(a), bp: 10_000 }];
    return [];
  }

  private colleagueOf(a: AppointmentPlan): number {
    const others = this.plan.employees.filter(
      (e) => e.role === 'provider' && e !== a.provider && e.clinicIds.includes(a.clinic.id),
    );
    return (others.length > 0 ? this.rng.pick(others) : a.provider).id;
  }

  private tip(treatment: Treatment, lines: LinePlan[]): number {
    const p = treatment.kind === 'cosmetic' ? 0.4 : 0.1;
    if (!this.rng.chance(p)) return 0;

    const total = lines.reduce((sum, l) => sum + l.cents, 0);
    return Math.round((total * this.rng.int(10, 20)) / 100 / 100) * 100;
  }

  /** An invoice of a kind that cannot take a procedure, made for the patient at an instant. */
  private kindInvoice(
    patient: PatientPlan,
    kind: PlainKind,
    createdMs: number,
    appointment: AppointmentPlan | null,
  ): InvoicePlan {
    const lines = (KIND_LINES[kind] ?? []).map((c) => this.line(c));
    const invoice = this.invoice(patient, kind, createdMs, lines, patient.clinic);

    invoice.appointment =
      kind === 'service_deposit' || kind === 'cancellation_fee' ? appointment : null;
    invoice.employees = [{ id: this.rng.pick(patient.clinic.managerIds), bp: 10_000 }];
    return invoice;
  }

  private invoice(
    patient: PatientPlan | null,
    kind: InvoiceKind,
    createdMs: number,
    lines: LinePlan[],
    clinic: ClinicPlan,
  ): InvoicePlan {
    const invoice: InvoicePlan = {
      id: 0,
      seq: this.plan.invoices.length,
      number: '',
      clinic,
      patient,
      appointment: null,
      kind,
      status: kind === 'draft' ? 'draft' : 'paid',
      lines,
      tipCents: 0,
      employees: [],
      mergedInto: null,
      createdMs,
      paidMs: kind === 'draft' ? null : createdMs,
      linked: false,
    };
    this.plan.invoices.push(invoice);
    patient?.invoices.push(invoice);
    return invoice;
  }

  private link(invoice: InvoicePlan, procedure: ProcedurePlan): void {
    const clinic = invoice.clinic;
    const employeeId = this.rng.pick(clinic.managerIds);
    const employee = this.plan.employees.find((e) => e.id === employeeId);
    // Slack links come off the next morning's digest, so only once that morning has come;
    // the others were made from the command line at checkout.
    const morning = this.dayOf(clinic, invoice.createdMs) + 1;
    const digestMs =
      localToUtcMs(addDays(clinic.today, morning), '08:00', clinic.zone) +
      this.rng.int(0, 180) * MINUTE;
    const viaSlack = this.rng.chance(0.6) && digestMs <= this.now;
    const wanted = viaSlack ? digestMs : invoice.createdMs + this.rng.int(1, 90) * MINUTE;

    invoice.linked = true;
    this.plan.links.push({
      id: 0,
      invoice,
      procedure,
      employeeId,
      slack: viaSlack ? (employee?.slack ?? null) : null,
      source: viaSlack ? 'slack_digest' : 'cli',
      linkedMs: Math.max(invoice.createdMs, Math.min(wanted, this.now)),
    });
  }

  private voidedCopy(a: AppointmentPlan): void {
    const lines = this.serviceLines(a.variant);
    const rung = this.invoice(a.patient, 'quickpay', a.endsMs, lines, a.clinic);
    rung.status = 'voided';
    rung.employees = [{ id: a.provider.id, bp: 10_000 }];
  }

  /** A guest checkout of the visit: no patient on the invoice, only the appointment. */
  private guest(a: AppointmentPlan): void {
    const invoice = this.invoice(
      null,
      'guest',
      a.endsMs + 5 * MINUTE,
      this.serviceLines(a.variant),
      a.clinic,
    );
    invoice.appointment = a;
    invoice.employees = this.splitFor(a);
  }

  /** A booking deposit taken online some days before the visit, naming the appointment. */
  private deposit(a: AppointmentPlan): boolean {
    for (let tries = 0; tries < 4; tries++) {
      const at = this.atDay(a.clinic, a.day - this.rng.int(1, 14), 7 * 60, 22 * 60);
      if (at > this.now || !this.fits(a.patient, a.clinic, at, a)) continue;

      this.kindInvoice(a.patient, 'service_deposit', at, a);
      return true;
    }
    return false;
  }

  // -- invoices that have nothing to do with one visit

  /** Monthly members are charged on the same day each month; a few pay a year up front. */
  private memberships(): void {
    for (const patient of this.plan.patients) {
      const roll = this.rng.next();
      if (roll < 0.04) this.monthly(patient);
      else if (roll < 0.05) this.placeKindInvoice(patient, 'membership_yearly');
    }
  }

  private monthly(patient: PatientPlan): void {
    const clinic = patient.clinic;
    const first = -this.rng.int(1, 30);

    for (let day = first; day > -HISTORY_DAYS; day -= 30) {
      const at = this.atDay(clinic, day, 6 * 60, 6 * 60 + 30);
      if (this.fits(patient, clinic, at)) this.kindInvoice(patient, 'membership_monthly', at, null);
    }
  }

  private oneOffs(kind: 'egift_card' | 'online_package' | 'treatment_plan', share: number): void {
    for (const patient of this.plan.patients) {
      if (this.rng.chance(share)) this.placeKindInvoice(patient, kind);
    }
  }

  private placeKindInvoice(
    patient: PatientPlan,
    kind: 'egift_card' | 'online_package' | 'treatment_plan' | 'membership_yearly',
  ): void {
    const at = this.atDay(patient.clinic, -this.rng.int(1, HISTORY_DAYS - 1), 9 * 60, 21 * 60);
    if (this.fits(patient, patient.clinic, at)) this.kindInvoice(patient, kind, at, null);
  }

  /**
   * Merges a patient's linked invoices of recent complete visits into a master invoice made at
   * this open visit, so the visit's only invoice is one that cannot take a procedure.
   */
  private masterAt(a: AppointmentPlan): boolean {
    const children = this.mergeable(a.patient, a.day - 30, a.day - 1).slice(-3);
    if (children.length < 2) return false;

    this.master(children, this.atDay(a.clinic, a.day, 12 * 60, 18 * 60));
    return true;
  }

  /** A few masters elsewhere: patients who settled several visits at once. */
  private masters(): void {
    for (const patient of this.rng.shuffle([...this.plan.patients]).slice(0, 120)) {
      const start = -this.rng.int(20, HISTORY_DAYS);
      const children = this.mergeable(patient, start, Math.min(start + 14, -2)).slice(0, 3);
      const last = children[children.length - 1];
      if (children.length < 2 || !last) continue;

      const at = last.createdMs + this.rng.int(10, 60) * MINUTE;
      if (this.fits(patient, patient.clinic, at)) this.master(children, at);
    }
  }

  private mergeable(patient: PatientPlan, from: number, to: number): InvoicePlan[] {
    return patient.invoices.filter((i) => {
      const day = this.dayOf(i.clinic, i.createdMs);
      return (
        i.kind === 'quickpay' &&
        i.linked &&
        i.status === 'paid' &&
        !i.mergedInto &&
        day >= from &&
        day <= to
      );
    });
  }

  private master(children: InvoicePlan[], createdMs: number): void {
    const first = children[0]!;
    const lines = children.flatMap((c) => c.lines.map((l) => ({ ...l })));
    const master = this.invoice(first.patient, 'master', createdMs, lines, first.clinic);

    master.employees = [{ id: this.rng.pick(first.clinic.managerIds), bp: 10_000 }];
    for (const child of children) child.mergedInto = master;
  }

  /** Refunds never count, so they may land anywhere. */
  private refundedRetail(): void {
    for (const patient of this.plan.patients) {
      if (!this.rng.chance(0.015)) continue;

      const at = this.atDay(patient.clinic, -this.rng.int(1, HISTORY_DAYS - 1), 10 * 60, 19 * 60);
      const refund = this.invoice(
        patient,
        'quickpay',
        at,
        [this.line(this.rng.pick(RETAIL))],
        patient.clinic,
      );
      refund.status = 'refunded';
      refund.employees = [{ id: this.rng.pick(patient.clinic.managerIds), bp: 10_000 }];
    }
  }

  // -- days and instants

  /** True when an unlinked invoice at this instant leaves the patient's open visits as planned. */
  private fits(
    patient: PatientPlan,
    clinic: ClinicPlan,
    at: number,
    own?: AppointmentPlan,
  ): boolean {
    const day = this.dayOf(clinic, at);
    const ownDay = own && own.outcome !== 'complete' ? own.day : null;

    return patient.openDays.every(
      (d) => d === ownDay || day < d - WINDOW_BEFORE || day > d + WINDOW_AFTER,
    );
  }

  private dayOf(clinic: ClinicPlan, ms: number): number {
    return daysBetween(clinic.today, localDateOf(ms, clinic.zone));
  }

  /** A random instant between two local times (minutes after midnight) of a clinic day. */
  private atDay(clinic: ClinicPlan, day: number, fromMinute: number, toMinute: number): number {
    const midnight = localToUtcMs(addDays(clinic.today, day), '00:00', clinic.zone);
    const minute = this.rng.int(fromMinute, toMinute);
    return Math.min(midnight + minute * MINUTE, this.now - MINUTE);
  }
}

// ---------------------------------------------------------------------------------------------
// Checking the plan against the real rule, then numbering

/**
 * Classes every reconcilable appointment the way the reconciliation will and compares it with the
 * outcome the planner chose: a mismatch is a bug in this file, and a demo that lies about its own
 * numbers is worse than none.
 */
function verifyClasses(plan: Plan, now: number): void {
  const proceduresOf = groupBy(plan.procedures, (p) => p.appointment);
  const linkedProcedures = new Set(plan.links.map((l) => l.procedure));
  const byAppointment = groupBy(plan.invoices, (i) => i.appointment);
  const dates = new Map(plan.invoices.map((i) => [i, localDateOf(i.createdMs, i.clinic.zone)]));

  for (const a of plan.appointments) {
    if (a.status === 'cancelled' || a.status === 'no_show' || a.endsMs > now) continue;

    const procedures = (proceduresOf.get(a) ?? []).map((p) => ({
      id: p.seq,
      linked: linkedProcedures.has(p),
    }));
    const invoices = windowInvoices(a, byAppointment.get(a) ?? [], dates);
    const state = classifyAppointment(procedures, invoices);
    const actual = state.state === 'complete' ? 'complete' : state.openClass;

    if (actual !== a.outcome) {
      throw new Error(
        `demo plan broke its own rule: appointment ${a.seq} is ${actual}, meant ${a.outcome}`,
      );
    }
  }
}

function windowInvoices(a: AppointmentPlan, own: InvoicePlan[], dates: Map<InvoicePlan, string>) {
  const from = addDays(a.clinic.today, a.day - WINDOW_BEFORE);
  const to = addDays(a.clinic.today, a.day + WINDOW_AFTER);
  const inWindow = a.patient.invoices.filter((i) => {
    const date = dates.get(i) ?? '';
    return i.clinic === a.clinic && date >= from && date <= to;
  });

  return [...new Set([...inWindow, ...own])].map((i) => ({
    id: i.seq,
    kind: i.kind,
    status: i.status,
    linked: i.linked,
  }));
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Ids in time order, as a live system would have handed them out; invoice numbers likewise. */
function assignIds(plan: Plan): void {
  const appointments = [...plan.appointments].sort(
    (a, b) => a.startsMs - b.startsMs || a.seq - b.seq,
  );
  appointments.forEach((a, i) => (a.id = i + 1));
  plan.appointments = appointments;

  plan.procedures.sort((a, b) => a.performedMs - b.performedMs || a.seq - b.seq);
  plan.procedures.forEach((p, i) => (p.id = i + 1));

  plan.invoices.sort((a, b) => a.createdMs - b.createdMs || a.seq - b.seq);
  let number = 104_000;
  plan.invoices.forEach((invoice, i) => {
    invoice.id = i + 1;
    number += 1 + (invoice.seq % 3);
    invoice.number = `INV-${number}`;
  });

  plan.links.sort((a, b) => a.linkedMs - b.linkedMs || a.invoice.id - b.invoice.id);
  plan.links.forEach((l, i) => (l.id = i + 1));
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
