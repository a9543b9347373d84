import { isAttachableKind, isLiveStatus, kindRule } from './invoiceKinds.js';

/** The five reasons a past appointment is still open (red on the calendar). */
export const OPEN_CLASSES = [
  'ready_to_attach',
  'no_invoice',
  'no_chart',
  'not_attachable',
  'nothing',
] as const;

export type OpenClass = (typeof OPEN_CLASSES)[number];

export const OPEN_CLASS_LABELS: Record<OpenClass, string> = {
  ready_to_attach: 'Ready to attach',
  no_invoice: 'No invoice (missed charge?)',
  no_chart: 'No chart (paid, not charted)',
  not_attachable: 'Only invoices that cannot take a procedure',
  nothing: 'No chart and no invoice',
};

/** How many of the items fall in each open class. */
export function countByClass(
  items: readonly { openClass: OpenClass }[],
): Record<OpenClass, number> {
  const counts = Object.fromEntries(OPEN_CLASSES.map((c) => [c, 0])) as Record<OpenClass, number>;
  for (const item of items) counts[item.openClass] += 1;
  return counts;
}

/** The number of open items, all classes together. */
export function totalOpen(counts: Record<OpenClass, number>): number {
  return OPEN_CLASSES.reduce((n, c) => n + counts[c], 0);
}

export interface ClassProcedure {
  id: number;
  linked: boolean;
}

export interface ClassInvoice {
  id: number;
  kind: string;
  status: string;
  linked: boolean;
}

export interface NotAttachableInvoice {
  id: number;
  kind: string;
  reason: string;
}

export type AppointmentState =
  | { state: 'complete' }
  | {
      state: 'open';
      openClass: OpenClass;
      /** Unlinked procedures of the appointment. */
      procedureIds: number[];
      /** Live, unlinked invoices that can take a procedure. */
      attachableInvoiceIds: number[];
      notAttachable: NotAttachableInvoice[];
    };

/**
 * Classes one past appointment (ended, not cancelled, not a no-show) from its own procedures and
 * the invoices of its patient that lie in the payment window around it.
 */
export function classifyAppointment(
  procedures: ClassProcedure[],
  invoices: ClassInvoice[],
): AppointmentState {
  if (procedures.some((p) => p.linked)) return { state: 'complete' };

  const live = invoices.filter((i) => isLiveStatus(i.status) && !i.linked);
  const attachable = live.filter((i) => isAttachableKind(i.kind));
  const notAttachable = live
    .filter((i) => !isAttachableKind(i.kind))
    .map((i) => ({ id: i.id, kind: i.kind, reason: kindRule(i.kind).reason ?? '' }));
  const charted = procedures.length > 0;

  return {
    state: 'open',
    openClass: openClassOf(charted, attachable.length > 0, notAttachable.length > 0),
    procedureIds: procedures.map((p) => p.id),
    attachableInvoiceIds: attachable.map((i) => i.id),
    notAttachable,
  };
}

function openClassOf(charted: boolean, attachable: boolean, otherInvoices: boolean): OpenClass {
  if (attachable) return charted ? 'ready_to_attach' : 'no_chart';

  // With only invoices that cannot take a procedure, the fix is on the invoice side whether or
  // not the visit was charted, so that is what the item says.
  if (otherInvoices) return 'not_attachable';

  return charted ? 'no_invoice' : 'nothing';
}

/** Appointments in these states are never reconciled: nothing was meant to be charted. */
export const UNRECONCILED_STATUSES = ['cancelled', 'no_show'] as const;

/** A past appointment counts only once it has ended and was not cancelled or missed. */
export function isReconcilable(status: string, endsAt: string, nowUtc: string): boolean {
  return !(UNRECONCILED_STATUSES as readonly string[]).includes(status) && endsAt <= nowUtc;
}
