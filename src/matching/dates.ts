import { daysBetween } from '../domain/time.js';

/**
 * Days from the procedure to the invoice: positive when payment came after the visit,
 * negative when the invoice is dated before it. NaN when either date is not YYYY-MM-DD.
 */
export function daysAfterVisit(invoiceDate: string, procedureDate: string): number {
  return daysBetween(procedureDate, invoiceDate);
}

/**
 * How plausible it is that an invoice dated `days` after a procedure paid for it.
 * Payment is usually the same day, sometimes a few days later, rarely before the visit; an
 * older visit of the same treatment is usually an earlier, different procedure.
 */
export function paymentPlausibility(days: number): number {
  if (Number.isNaN(days)) return 0.3;
  // An invoice drawn up the day before the visit (a prepared draft) is still likely.
  if (days < 0) return days === -1 ? 0.9 : days === -2 ? 0.5 : 0.15;
  if (days <= 3) return 1;
  if (days <= 7) return 0.9;
  if (days <= 10) return 0.6;
  if (days <= 14) return 0.45;
  if (days <= 21) return 0.3;
  return days <= 45 ? 0.2 : 0.1;
}

/** A smooth preference for the nearest date, stricter for dates after the invoice. */
export function closeness(days: number): number {
  if (Number.isNaN(days)) return 0;
  return days >= 0 ? Math.exp(-days / 5) : Math.exp(days / 2.5);
}
