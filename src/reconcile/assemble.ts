import { classifyAppointment, countByClass, OPEN_CLASSES } from '../domain/classify.js';
import { kindRule } from '../domain/invoiceKinds.js';
import { daysBetween, localDateOfInstant, localTimeOf } from '../domain/time.js';
import { invoiceFitsVisit, procedureFitsInvoice } from '../domain/windows.js';
import { groupBy, uniqueById } from '../lib/collections.js';
import type { Matcher } from '../matching/index.js';
import type {
  AppointmentFact,
  ClinicFacts,
  InvoiceFact,
  LinkFact,
  ProcedureFact,
} from '../repo/facts.js';
import type { AttachOffer, Digest, DigestItem, DigestSummary, InvoiceNote } from './model.js';
import { rankOffer } from './offer.js';

/** The most candidates one select shows; the rest are reachable through the search select. */
export const MAX_SELECT_CANDIDATES = 10;

export interface AssembleOptions {
  localDate: string;
  /** First day of the lookback. */
  since: string;
  /** Open items before the lookback, counted apart. */
  older: { count: number; oldestDate: string | null };
  matcher: Matcher;
  showPatientNames: boolean;
}

export interface Assembled {
  digest: Digest;
  /** Every appointment of the span, open or not, for refreshing items of a posted digest. */
  itemsByAppointment: Map<number, DigestItem>;
}

/** Turns a clinic's facts into the digest of `localDate` (earlier days count as carried over). */
export function assembleDigest(facts: ClinicFacts, options: AssembleOptions): Assembled {
  const index = indexFacts(facts);
  const itemsByAppointment = new Map<number, DigestItem>();
  const usedInvoices = new Set<number>();

  for (const appointment of facts.appointments) {
    const item = buildItem(appointment, index, options, usedInvoices);
    itemsByAppointment.set(appointment.id, item);
  }

  const all = [...itemsByAppointment.values()];
  // An appointment is complete exactly when one of its procedures is attached.
  const open = all.filter((i) => i.attached === null);

  return {
    digest: {
      clinicId: facts.clinic.id,
      clinicName: facts.clinic.name,
      timeZone: facts.clinic.time_zone,
      channelId: facts.clinic.slack_channel_id,
      localDate: options.localDate,
      summary: summarize(all, open, options),
      items: orderItems(open),
    },
    itemsByAppointment,
  };
}

interface FactIndex {
  zone: string;
  proceduresByAppointment: Map<number, ProcedureFact[]>;
  proceduresByPatient: Map<number, ProcedureFact[]>;
  invoicesByPatient: Map<number, InvoiceFact[]>;
  invoicesByAppointment: Map<number, InvoiceFact[]>;
  invoicesById: Map<number, InvoiceFact>;
  proceduresById: Map<number, ProcedureFact>;
  linkByProcedure: Map<number, LinkFact>;
  linkByInvoice: Map<number, LinkFact>;
}

function indexFacts(facts: ClinicFacts): FactIndex {
  return {
    zone: facts.clinic.time_zone,
    proceduresByAppointment: groupBy(facts.procedures, (p) => p.appointmentId),
    proceduresByPatient: groupBy(facts.procedures, (p) => p.patientId),
    invoicesByPatient: groupBy(facts.invoices, (i) => i.patientId),
    invoicesByAppointment: groupBy(facts.invoices, (i) => i.appointmentId),
    invoicesById: new Map(facts.invoices.map((i) => [i.id, i])),
    proceduresById: new Map(facts.procedures.map((p) => [p.id, p])),
    linkByProcedure: new Map(facts.links.map((l) => [l.procedureId, l])),
    linkByInvoice: new Map(facts.links.map((l) => [l.invoiceId, l])),
  };
}

function buildItem(
  appointment: AppointmentFact,
  index: FactIndex,
  options: AssembleOptions,
  usedInvoices: Set<number>,
): DigestItem {
  const visitDate = localDateOfInstant(appointment.startsAt, index.zone);
  const procedures = index.proceduresByAppointment.get(appointment.id) ?? [];
  const invoices = invoicesAround(appointment, visitDate, index);

  const state = classifyAppointment(
    procedures.map((p) => ({ id: p.id, linked: index.linkByProcedure.has(p.id) })),
    invoices.map((i) => ({ ...i, linked: index.linkByInvoice.has(i.id) })),
  );

  const item = baseItem(appointment, visitDate, procedures, index.zone, options);
  if (state.state === 'complete') {
    return { ...item, attached: attachedNote(procedures, index) };
  }

  const attachable = state.attachableInvoiceIds.map((id) => index.invoicesById.get(id)!);
  const notes = state.notAttachable.map((n) => invoiceNote(index.invoicesById.get(n.id)!));

  if (state.openClass !== 'ready_to_attach') {
    return {
      ...item,
      openClass: state.openClass,
      paidInvoices: attachable.map(invoiceNote),
      notAttachable: notes,
    };
  }

  const invoice = chooseInvoice(attachable, appointment, visitDate, index.zone, usedInvoices);
  usedInvoices.add(invoice.id);

  return {
    ...item,
    openClass: 'ready_to_attach',
    offer: buildOffer(invoice, index, options.matcher),
    notAttachable: notes,
  };
}

function baseItem(
  appointment: AppointmentFact,
  visitDate: string,
  procedures: ProcedureFact[],
  zone: string,
  options: AssembleOptions,
): DigestItem {
  return {
    appointmentId: appointment.id,
    localDate: visitDate,
    time: localTimeOf(appointment.startsAt, zone),
    carriedOver: visitDate < options.localDate,
    providerId: appointment.providerId,
    providerName: appointment.providerName,
    chartNumber: appointment.chartNumber,
    patientName: options.showPatientNames
      ? `${appointment.patientFirstName} ${appointment.patientLastName}`
      : null,
    service: appointment.service,
    openClass: 'nothing',
    procedures: procedures.map((p) => ({ id: p.id, title: p.title, providerName: p.providerName })),
    offer: null,
    paidInvoices: [],
    notAttachable: [],
    attached: null,
  };
}

/** The patient's invoices that may pay for this visit, and any checkout made from it. */
function invoicesAround(
  appointment: AppointmentFact,
  visitDate: string,
  index: FactIndex,
): InvoiceFact[] {
  const ofPatient = (index.invoicesByPatient.get(appointment.patientId) ?? []).filter((i) =>
    invoiceFitsVisit(localDateOfInstant(i.createdAt, index.zone), visitDate),
  );
  const ofVisit = index.invoicesByAppointment.get(appointment.id) ?? [];

  return uniqueById([...ofPatient, ...ofVisit]);
}

/**
 * The invoice an item offers: the one made from this visit's checkout, else the nearest in time,
 * preferring one no other item of the digest offers already.
 */
function chooseInvoice(
  invoices: InvoiceFact[],
  appointment: AppointmentFact,
  visitDate: string,
  zone: string,
  used: Set<number>,
): InvoiceFact {
  const distance = (i: InvoiceFact) =>
    i.appointmentId === appointment.id
      ? -1
      : Math.abs(daysBetween(visitDate, localDateOfInstant(i.createdAt, zone)));
  const sorted = [...invoices].sort((a, b) => distance(a) - distance(b) || a.id - b.id);

  return sorted.find((i) => !used.has(i.id)) ?? sorted[0]!;
}

function buildOffer(invoice: InvoiceFact, index: FactIndex, matcher: Matcher): AttachOffer {
  const invoiceDate = localDateOfInstant(invoice.createdAt, index.zone);
  const pool = openProceduresFor(invoice, invoiceDate, index);

  return rankOffer(matcher, invoice, index.zone, pool, MAX_SELECT_CANDIDATES);
}

/** The patient's unlinked procedures charted near the invoice date, at this clinic. */
function openProceduresFor(
  invoice: InvoiceFact,
  invoiceDate: string,
  index: FactIndex,
): ProcedureFact[] {
  const own =
    invoice.patientId === null ? [] : (index.proceduresByPatient.get(invoice.patientId) ?? []);

  return own.filter(
    (p) =>
      !index.linkByProcedure.has(p.id) &&
      procedureFitsInvoice(localDateOfInstant(p.performedAt, index.zone), invoiceDate),
  );
}

function invoiceNote(invoice: InvoiceFact): InvoiceNote {
  const rule = kindRule(invoice.kind);
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    kindLabel: rule.label,
    totalCents: invoice.totalCents,
    reason: rule.reason,
  };
}

function attachedNote(procedures: ProcedureFact[], index: FactIndex): DigestItem['attached'] {
  const procedure = procedures.find((p) => index.linkByProcedure.has(p.id))!;
  const link = index.linkByProcedure.get(procedure.id)!;

  return {
    invoiceId: link.invoiceId,
    invoiceNumber: link.invoiceNumber,
    procedureTitle: procedure.title,
    byName: link.linkedByName,
    bySlackUserId: link.linkedBySlackUserId,
    at: link.linkedAt,
  };
}

function summarize(all: DigestItem[], open: DigestItem[], options: AssembleOptions): DigestSummary {
  const ofDay = all.filter((i) => i.localDate === options.localDate);
  const counts = countByClass(open.filter((i) => !i.carriedOver));

  const untied = new Map<number, number>();
  for (const item of open) {
    if (item.offer) untied.set(item.offer.invoiceId, item.offer.totalCents);
    for (const paid of item.paidInvoices) untied.set(paid.invoiceId, paid.totalCents);
  }

  return {
    appointments: ofDay.length,
    complete: ofDay.filter((i) => i.attached !== null).length,
    open: counts,
    carriedOver: open.filter((i) => i.carriedOver).length,
    since: options.since,
    olderOpen: options.older.count,
    untiedCents: [...untied.values()].reduce((sum, cents) => sum + cents, 0),
    untiedInvoices: untied.size,
    oldestOpenDate: open.reduce<string | null>(
      (min, i) => (min === null || i.localDate < min ? i.localDate : min),
      options.older.oldestDate,
    ),
  };
}

const CLASS_ORDER = new Map(OPEN_CLASSES.map((c, i) => [c, i]));

/** The day's items by class, then time; those carried over oldest first. */
function orderItems(open: DigestItem[]): DigestItem[] {
  const byClass = (a: DigestItem, b: DigestItem) =>
    CLASS_ORDER.get(a.openClass)! - CLASS_ORDER.get(b.openClass)!;
  const byTime = (a: DigestItem, b: DigestItem) =>
    a.localDate.localeCompare(b.localDate) ||
    a.time.localeCompare(b.time) ||
    a.appointmentId - b.appointmentId;

  return [...open].sort(
    (a, b) =>
      Number(a.carriedOver) - Number(b.carriedOver) ||
      (a.carriedOver ? 0 : byClass(a, b)) ||
      byTime(a, b),
  );
}
