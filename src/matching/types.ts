/** Whether a charted procedure is a health (medical) or a cosmetic encounter. */
export type ProcedureKind = 'health' | 'cosmetic';

/** One line of an invoice, as the matcher sees it. */
export interface MatchLine {
  name: string;
  quantity: number;
  amountCents: number;
}

/** An unattached Quick Pay or draft invoice. */
export interface MatchInvoice {
  number: string;
  /** YYYY-MM-DD, the clinic's local date of the invoice. */
  date: string;
  /** Display names of the invoice's employees. */
  employees: string[];
  items: MatchLine[];
  appointmentId?: string | null;
}

/** An open procedure of the invoice's patient. */
export interface MatchProcedure {
  id: string;
  title: string | null;
  kind: ProcedureKind;
  /** YYYY-MM-DD, the clinic's local date of the procedure. */
  date: string;
  /** Display name of the provider who charted it. */
  provider: string;
  appointmentId?: string | null;
}

/** One procedure in the ranking, with the evidence behind its place. */
export interface RankedCandidate {
  id: string;
  score: number;
  /** The treatment family the procedure's title belongs to, or null when the title names none. */
  family: string | null;
  /** Short plain-English reasons, safe to show staff (no patient data). */
  reasons: string[];
}

/**
 * - `confident`: the first candidate may be preselected.
 * - `uncertain`: a ranking is offered but a person must choose.
 * - `no_fit`: no candidate looks like what the invoice charged for.
 */
export type Verdict = 'confident' | 'uncertain' | 'no_fit';

/** The matcher's answer for one invoice. */
export interface Suggestion {
  /** Every candidate, best first. */
  ranked: RankedCandidate[];
  /** True only when `verdict` is `confident`. */
  confident: boolean;
  verdict: Verdict;
}

/** Ranks the open procedures of a patient for one invoice. */
export interface Matcher {
  rank(invoice: MatchInvoice, procedures: MatchProcedure[]): Suggestion;
}
