import type { OpenClass } from '../domain/classify.js';

/*
 * The digest as data: what the nightly job found for one clinic and day, before it becomes Block
 * Kit or plain text. Builders and renderers read this; nothing here knows Slack or SQL.
 */

export type Verdict = 'confident' | 'uncertain' | 'no_fit';

export interface Candidate {
  procedureId: number;
  title: string | null;
  date: string;
  providerName: string;
  /** Set when the procedure's provider is not among the invoice's employees. */
  warning: string | null;
}

export interface AttachOffer {
  invoiceId: number;
  invoiceNumber: string;
  kindLabel: string;
  invoiceDate: string;
  totalCents: number;
  /** Best first; at most what one select can show. */
  candidates: Candidate[];
  /** How many candidates there were before the list was cut for the select. */
  candidateCount: number;
  verdict: Verdict;
  /** The first candidate when, and only when, the ranking is confident. */
  preselectedId: number | null;
}

export interface InvoiceNote {
  invoiceId: number;
  number: string;
  kindLabel: string;
  totalCents: number;
  /** Why it cannot take a procedure; null for attachable invoices. */
  reason: string | null;
}

export interface AttachedNote {
  invoiceId: number;
  invoiceNumber: string;
  procedureTitle: string | null;
  byName: string | null;
  bySlackUserId: string | null;
  at: string;
}

export interface DigestItem {
  appointmentId: number;
  localDate: string;
  time: string;
  carriedOver: boolean;
  providerId: number;
  providerName: string;
  chartNumber: string;
  /** Only filled when the workspace may carry patient names. */
  patientName: string | null;
  service: string | null;
  openClass: OpenClass;
  procedures: { id: number; title: string | null; providerName: string }[];
  offer: AttachOffer | null;
  /** Attachable invoices of a visit that has no chart yet. */
  paidInvoices: InvoiceNote[];
  notAttachable: InvoiceNote[];
  /** Set once the item has been resolved since the digest was posted. */
  attached: AttachedNote | null;
}

export interface DigestSummary {
  appointments: number;
  complete: number;
  open: Record<OpenClass, number>;
  /** Open items of the lookback before the day, listed in the digest. */
  carriedOver: number;
  /** First day of the lookback: the carried-over items and the money are counted from it. */
  since: string;
  /** Open items older than the lookback: counted, not listed. */
  olderOpen: number;
  untiedCents: number;
  untiedInvoices: number;
  oldestOpenDate: string | null;
}

export interface Digest {
  clinicId: number;
  clinicName: string;
  timeZone: string;
  channelId: string | null;
  localDate: string;
  summary: DigestSummary;
  /** The day's open items first, then those carried over, oldest first. */
  items: DigestItem[];
}
