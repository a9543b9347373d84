import type { MatchInvoice, MatchProcedure, Matcher, ProcedureKind } from './types.js';

/** One labelled case of the offline format: an invoice, its candidates and the right answer. */
export interface OfflineCase {
  id: string;
  invoice: MatchInvoice & { kind: string };
  procedures: MatchProcedure[];
  /** The id of the procedure the invoice belongs to, or null when none of them is right. */
  answer: string | null;
}

/** The matcher's offline output for one case. */
export interface OfflinePrediction {
  id: string;
  /** Every candidate id, best first. */
  ranked: string[];
  confident: boolean;
}

/** Figures of {@link evaluate}; rates are in [0, 1] and NaN when their denominator is zero. */
export interface EvalReport {
  /** Share of answerable cases whose answer is ranked first. */
  top1: number;
  /** Share of answerable cases whose answer is among the first three. */
  top3: number;
  /** Share of confident predictions whose first candidate is the answer. */
  confidentPrecision: number;
  /** Share of answerable cases predicted confidently. */
  confidentCoverage: number;
  /** Share of cases without an answer that were still predicted confidently. */
  nullConfidentRate: number;
  counts: {
    cases: number;
    answerable: number;
    nullAnswer: number;
    confident: number;
    confidentCorrect: number;
    missingPredictions: number;
  };
}

/**
 * Parses the JSON-lines case format (one case per line, `amount_cents` on invoice items).
 * @throws Error naming the line number when a line is not a valid case.
 */
export function loadCases(text: string): OfflineCase[] {
  const cases: OfflineCase[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    cases.push(parseCase(line, index + 1));
  });
  return cases;
}

function parseCase(line: string, lineNumber: number): OfflineCase {
  try {
    const raw = JSON.parse(line) as RawCase;
    return {
      id: requireString(raw.id, 'id'),
      invoice: parseInvoice(raw.invoice),
      procedures: (raw.procedures ?? []).map(parseProcedure),
      answer: raw.answer ?? null,
    };
  } catch (err) {
    throw new Error(`Case line ${lineNumber}: ${(err as Error).message}`);
  }
}

interface RawCase {
  id?: unknown;
  invoice?: RawInvoice;
  procedures?: RawProcedure[];
  answer?: string | null;
}

interface RawInvoice {
  number?: unknown;
  date?: unknown;
  kind?: unknown;
  employees?: unknown;
  items?: { name?: unknown; quantity?: unknown; amount_cents?: unknown }[];
  appointment_id?: string | null;
  appointmentId?: string | null;
}

interface RawProcedure {
  id?: unknown;
  title?: string | null;
  kind?: unknown;
  date?: unknown;
  provider?: unknown;
  appointment_id?: string | null;
  appointmentId?: string | null;
}

function parseInvoice(raw: RawInvoice | undefined): OfflineCase['invoice'] {
  if (raw === undefined) throw new Error('invoice is missing');

  return {
    number: requireString(raw.number, 'invoice.number'),
    date: requireString(raw.date, 'invoice.date'),
    kind: typeof raw.kind === 'string' ? raw.kind : 'quickpay',
    employees: Array.isArray(raw.employees) ? raw.employees.map(String) : [],
    items: (raw.items ?? []).map((item) => ({
      name: requireString(item.name, 'invoice.items[].name'),
      quantity: Number(item.quantity ?? 1),
      amountCents: Number(item.amount_cents ?? 0),
    })),
    appointmentId: raw.appointmentId ?? raw.appointment_id ?? null,
  };
}

function parseProcedure(raw: RawProcedure): MatchProcedure {
  return {
    id: requireString(raw.id, 'procedures[].id'),
    title: raw.title ?? null,
    kind: raw.kind === 'health' ? 'health' : ('cosmetic' as ProcedureKind),
    date: requireString(raw.date, 'procedures[].date'),
    provider: typeof raw.provider === 'string' ? raw.provider : '',
    appointmentId: raw.appointmentId ?? raw.appointment_id ?? null,
  };
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new Error(`${field} must be a string`);
  return value;
}

/** Runs the matcher on one case and returns its offline output line. */
export function predictCase(matcher: Matcher, c: OfflineCase): OfflinePrediction {
  const suggestion = matcher.rank(c.invoice, c.procedures);
  return {
    id: c.id,
    ranked: suggestion.ranked.map((candidate) => candidate.id),
    confident: suggestion.confident,
  };
}

/**
 * Scores predictions against labelled cases. A case without a prediction counts as ranked
 * wrong and not confident.
 */
export function evaluate(cases: OfflineCase[], predictions: OfflinePrediction[]): EvalReport {
  const byId = new Map(predictions.map((p) => [p.id, p]));
  const tally = { answerable: 0, top1: 0, top3: 0, nullAnswer: 0, nullConfident: 0 };
  const counts = { confident: 0, confidentCorrect: 0, confidentAnswerable: 0, missing: 0 };

  for (const c of cases) {
    const prediction = byId.get(c.id);
    if (prediction === undefined) counts.missing += 1;
    const ranked = prediction?.ranked ?? [];
    const confident = prediction?.confident ?? false;
    const right = c.answer !== null && ranked[0] === c.answer;

    if (confident) counts.confident += 1;
    if (confident && right) counts.confidentCorrect += 1;

    if (c.answer === null) {
      tally.nullAnswer += 1;
      if (confident) tally.nullConfident += 1;
      continue;
    }
    tally.answerable += 1;
    if (right) tally.top1 += 1;
    if (ranked.slice(0, 3).includes(c.answer)) tally.top3 += 1;
    if (confident) counts.confidentAnswerable += 1;
  }

  return {
    top1: tally.top1 / tally.answerable,
    top3: tally.top3 / tally.answerable,
    confidentPrecision: counts.confidentCorrect / counts.confident,
    confidentCoverage: counts.confidentAnswerable / tally.answerable,
    nullConfidentRate: tally.nullConfident / tally.nullAnswer,
    counts: {
      cases: cases.length,
      answerable: tally.answerable,
      nullAnswer: tally.nullAnswer,
      confident: counts.confident,
      confidentCorrect: counts.confidentCorrect,
      missingPredictions: counts.missing,
    },
  };
}
