import { closeness, daysAfterVisit, paymentPlausibility } from './dates.js';
import type { InvoiceProfile, WeightedLine } from './invoice-profile.js';
import { providerAgreement } from './people.js';
import type { Recognizer, TextProfile } from './recognize.js';
import type { MatchInvoice, MatchProcedure } from './types.js';
import type { CompiledVocabulary } from './vocabulary.js';

/** How the title relates to what the invoice charged. */
export type TextMatch = 'family' | 'generic' | 'text' | 'mismatch';

/** A candidate with the parts of its score kept apart for the verdict. */
export interface ScoredCandidate {
  procedure: MatchProcedure;
  score: number;
  /** Text evidence in [0, 1] before the date is taken into account. */
  evidence: number;
  /** Text evidence weighed by how plausible the date is. */
  support: number;
  plausibility: number;
  match: TextMatch;
  family: string | null;
  reasons: string[];
}

// Text decides the family; provider and date order candidates within it.
const WEIGHT = { text: 0.6, provider: 0.15, date: 0.15, detail: 0.03, kind: 0.03 };
const SAME_APPOINTMENT = 0.3;
const OTHER_APPOINTMENT = -0.1;
const GENERIC_EVIDENCE = 0.5;
const UNKNOWN_TITLE_EVIDENCE = 0.35;
const UNKNOWN_SERVICE_EVIDENCE = 0.25;

interface TextEvidence {
  evidence: number;
  match: TextMatch;
  detail: number;
  reason: string;
}

/** Scores one procedure against an invoice that has already been read. */
export function scoreCandidate(
  invoice: MatchInvoice,
  invoiceProfile: InvoiceProfile,
  procedure: MatchProcedure,
  recognizer: Recognizer,
  vocabulary: CompiledVocabulary,
): ScoredCandidate {
  const title = recognizer.profile(procedure.title);
  const text = textEvidence(invoiceProfile, title, procedure, vocabulary);

  const days = daysAfterVisit(invoice.date, procedure.date);
  const plausibility = paymentPlausibility(days);
  const provider = providerAgreement(procedure.provider, invoice.employees);
  const kindFits = kindAgrees(invoiceProfile, procedure);
  const appointment = appointmentBonus(invoice, procedure);

  const support = text.evidence * plausibility;
  const score =
    WEIGHT.text * support +
    WEIGHT.provider * provider +
    WEIGHT.date * closeness(days) +
    WEIGHT.detail * text.detail +
    (kindFits ? WEIGHT.kind : 0) +
    appointment;

  return {
    procedure,
    score: round(score),
    evidence: text.evidence,
    support,
    plausibility,
    match: text.match,
    family: strongestFamily(title),
    reasons: reasons(text.reason, days, provider, appointment),
  };
}

function textEvidence(
  invoice: InvoiceProfile,
  title: TextProfile,
  procedure: MatchProcedure,
  vocabulary: CompiledVocabulary,
): TextEvidence {
  if (invoice.class === 'not_treatment' || invoice.class === 'empty') {
    return { evidence: 0, match: 'mismatch', detail: 0, reason: 'invoice charges no treatment' };
  }
  if (title.role === 'treatment' && invoice.class === 'treatment') {
    return familyEvidence(invoice.treatmentLines, title, vocabulary);
  }
  if (title.role === 'generic' || title.role === 'empty') {
    const fits = kindAgrees(invoice, procedure);
    const reason = title.role === 'empty' ? 'untitled procedure' : 'title names no treatment';
    return { evidence: GENERIC_EVIDENCE * (fits ? 1 : 0.8), match: 'generic', detail: 0, reason };
  }
  return plainTextEvidence(invoice, title);
}

// Family agreement between the best invoice line and the title, plus area and product agreement.
function familyEvidence(
  lines: WeightedLine[],
  title: TextProfile,
  vocabulary: CompiledVocabulary,
): TextEvidence {
  let best: TextEvidence = {
    evidence: 0,
    match: 'mismatch',
    detail: 0,
    reason: 'different treatment',
  };

  for (const line of lines) {
    const affinity =
      line.weight * familyAffinity(line.profile.families, title.families, vocabulary);
    if (affinity <= best.evidence) continue;

    best = {
      evidence: affinity,
      match: 'family',
      detail: detailAgreement(line.profile, title),
      reason: `same treatment family: ${familyLabel(title, vocabulary)}`,
    };
  }
  return best;
}

/** The best agreement between two sets of family evidence, counting related families. */
export function familyAffinity(
  a: Map<string, number>,
  b: Map<string, number>,
  vocabulary: CompiledVocabulary,
): number {
  let best = 0;
  for (const [familyA, weightA] of a) {
    for (const [familyB, weightB] of b) {
      const relation =
        familyA === familyB ? 1 : (vocabulary.families.get(familyA)?.related.get(familyB) ?? 0);
      best = Math.max(best, weightA * weightB * relation);
    }
  }
  return best;
}

// Same product or same area is a small plus; two different areas a small minus.
function detailAgreement(line: TextProfile, title: TextProfile): number {
  let detail = 0;
  if ([...line.terms].some((term) => title.terms.has(term))) detail += 1;

  if (line.areas.size > 0 && title.areas.size > 0) {
    detail += [...line.areas].some((area) => title.areas.has(area)) ? 1 : -0.7;
  }
  return detail;
}

// Neither side names a known treatment: fall back to the words themselves.
function plainTextEvidence(invoice: InvoiceProfile, title: TextProfile): TextEvidence {
  const lines = [...invoice.treatmentLines, ...invoice.unknownLines];
  const similarity = Math.max(
    0,
    ...lines.map((line) => wordOverlap(line.profile.residual, title.residual)),
  );

  if (similarity >= 0.5) {
    return {
      evidence: 0.9 * similarity,
      match: 'text',
      detail: 0,
      reason: 'same words as the invoice',
    };
  }
  // A title or a service we cannot read may still be the one: weak, never confident.
  if (title.role === 'unknown') {
    return {
      evidence: UNKNOWN_TITLE_EVIDENCE,
      match: 'generic',
      detail: 0,
      reason: 'title not recognised',
    };
  }
  if (invoice.class === 'unknown') {
    return {
      evidence: UNKNOWN_SERVICE_EVIDENCE,
      match: 'generic',
      detail: 0,
      reason: 'invoice service not recognised',
    };
  }
  return { evidence: 0, match: 'mismatch', detail: 0, reason: 'different treatment' };
}

/** Dice overlap of two word lists. */
export function wordOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;

  const common = a.filter((word) => b.includes(word)).length;
  return (2 * common) / (a.length + b.length);
}

function kindAgrees(invoice: InvoiceProfile, procedure: MatchProcedure): boolean {
  return invoice.kinds.has(procedure.kind) || invoice.kinds.has('any');
}

function appointmentBonus(invoice: MatchInvoice, procedure: MatchProcedure): number {
  if (!invoice.appointmentId || !procedure.appointmentId) return 0;
  return invoice.appointmentId === procedure.appointmentId ? SAME_APPOINTMENT : OTHER_APPOINTMENT;
}

function strongestFamily(title: TextProfile): string | null {
  let best: string | null = null;
  let bestWeight = 0;
  for (const [family, weight] of title.families) {
    if (weight > bestWeight) [best, bestWeight] = [family, weight];
  }
  return best;
}

function familyLabel(title: TextProfile, vocabulary: CompiledVocabulary): string {
  const id = strongestFamily(title);
  return id === null ? 'unknown' : (vocabulary.families.get(id)?.label ?? id);
}

function reasons(text: string, days: number, provider: number, appointment: number): string[] {
  const list = [text, dateReason(days)];

  if (provider >= 0.8) list.push('provider is on the invoice');
  else list.push("provider is not among the invoice's employees");

  if (appointment > 0) list.push('same appointment');
  if (appointment < 0) list.push('different appointment');
  return list;
}

function dateReason(days: number): string {
  if (Number.isNaN(days)) return 'date unreadable';
  if (days === 0) return 'same day';
  if (days > 0) return `paid ${days} day${days === 1 ? '' : 's'} after the visit`;
  return `invoice dated ${-days} day${days === -1 ? '' : 's'} before the visit`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
