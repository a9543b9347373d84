import { addDays, daysBetween } from './time.js';

/*
 * How far apart in time an invoice and a procedure may lie and still belong together. Payment
 * usually happens at checkout, sometimes days later (a draft finished on Monday); a deposit or a
 * Quick Pay can come a day early.
 */
export const INVOICE_DAYS_BEFORE_VISIT = 1;
export const INVOICE_DAYS_AFTER_VISIT = 7;

/** Candidate procedures for an invoice: charted up to this many days before it… */
export const CANDIDATE_DAYS_BEFORE_INVOICE = 45;
/** …or this many days after it (an invoice drafted before the chart was written). */
export const CANDIDATE_DAYS_AFTER_INVOICE = 2;

/** Whether an invoice of this local date may pay for a visit on that local date. */
export function invoiceFitsVisit(invoiceDate: string, visitDate: string): boolean {
  const days = daysBetween(visitDate, invoiceDate);
  return days >= -INVOICE_DAYS_BEFORE_VISIT && days <= INVOICE_DAYS_AFTER_VISIT;
}

/** Whether a procedure of this local date is a candidate for an invoice of that date. */
export function procedureFitsInvoice(procedureDate: string, invoiceDate: string): boolean {
  const days = daysBetween(procedureDate, invoiceDate);
  return days >= -CANDIDATE_DAYS_AFTER_INVOICE && days <= CANDIDATE_DAYS_BEFORE_INVOICE;
}

/**
 * How far back open items older than the digest's lookback are still counted (not listed), so
 * the digest can say what is ageing without reading all of history.
 */
export const OLDER_OPEN_HORIZON_DAYS = 180;

/** The local days whose facts a reconciliation of [from, to] needs to read. */
export function factRange(from: string, to: string) {
  return {
    invoicesFrom: addDays(from, -INVOICE_DAYS_BEFORE_VISIT),
    invoicesTo: addDays(to, INVOICE_DAYS_AFTER_VISIT),
    proceduresFrom: addDays(from, -INVOICE_DAYS_BEFORE_VISIT - CANDIDATE_DAYS_BEFORE_INVOICE),
    proceduresTo: addDays(to, INVOICE_DAYS_AFTER_VISIT + CANDIDATE_DAYS_AFTER_INVOICE),
  };
}
