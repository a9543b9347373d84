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
  /** Days from the procedure to the invoice (see `daysAfterVisit`). */
  days: number;
  /** Agreement between the provider and the invoice's employees, in [0, 1]. */
  provider: number;
  /** Both the invoice and the title write out body areas, and none of them agree. */
  areaConflict: boolean;
  match: TextMatch;
  family: string | null;
  reasons: string[];
}

// Text decides the family; provider, date, product and area order candidates within it.
const WEIGHT = { text: 0.6, provider: 0.15, date: 0.15, detail: 0.06, kind: 0.03 };
// A subtype named on both sides (hangover drip, CO2) outweighs two days of date difference.
const SUBTYPE_WEIGHT = 1.5;
// Another body area outweighs the same brand word and a few days of date difference.
const AREA_CONFLICT_PENALTY = 2;
const SAME_APPOINTMENT = 0.3;
const OTHER_APPOINTMENT = -0.1;
const GENERIC_EVIDENCE = 0.5;
const UNKNOWN_TITLE_EVIDENCE = 0.35;
const UNKNOWN_SERVICE_EVIDENCE = 0.25;
// The very same product word on both sides is good evidence even when the word is ambiguous.
const SAME_TERM_EVIDENCE = 0.8;

interface TextEvidence {
  evidence: number;
  match: TextMatch;
  detail: number;
  areaConflict: boolean;
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
  const title = recognizer.profile(procedure.title, 'title');
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
    days,
    provider,
    areaConflict: text.areaConflict,
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
    return {
      evidence: 0,
      match: 'mismatch',
      detail: 0,
      areaConflict: false,
      reason: 'invoice charges no treatment',
    };
  }
  if (title.role === 'treatment' && invoice.class === 'treatment') {
    return familyEvidence(invoice.treatmentLines, title, vocabulary);
  }
  if (title.role === 'generic' || title.role === 'empty') {
    const fits = kindAgrees(invoice, procedure);
    const reason = title.role === 'empty' ? 'untitled procedure' : 'title names no treatment';
    const evidence = GENERIC_EVIDENCE * (fits ? 1 : 0.8);
    return { evidence, match: 'generic', detail: 0, areaConflict: false, reason };
  }
  return plainTextEvidence(invoice, title);
}

// Family agreement between the best invoice line and the title, plus area and product agreement.
function familyEvidence(
  lines: WeightedLine[],
  title: TextProfile,
  vocabulary: CompiledVocabulary,
): TextEvidence {
  let best: TextEvidence = MISMATCH;

  for (const line of lines) {
    const affinity = line.weight * lineAffinity(line.profile, title, vocabulary);
    if (affinity <= best.evidence) continue;

    const detail = detailAgreement(line.profile, title);
    best = {
      evidence: affinity,
      match: 'family',
      detail: detail.score,
      areaConflict: detail.areaConflict,
      reason: `same treatment family: ${familyLabel(title, vocabulary)}`,
    };
  }
  return best;
}

const MISMATCH: TextEvidence = {
  evidence: 0,
  match: 'mismatch',
  detail: 0,
  areaConflict: false,
  reason: 'different treatment',
};

function lineAffinity(line: TextProfile, title: TextProfile, vocabulary: CompiledVocabulary) {
  const affinity = familyAffinity(line.families, title.families, vocabulary);
  const sameTerm = [...line.terms].some((term) => title.terms.has(term));
  return sameTerm ? Math.max(affinity, SAME_TERM_EVIDENCE) : affinity;
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

/**
 * Same product, subtype or area is a plus. Another subtype of the family (Fraxel for a CO2
 * invoice) is a minus: staff chart loosely, so it only orders candidates. Body areas written
 * out on both sides that disagree (legs against back) are a minus and a conflict; an area only
 * implied by a product never conflicts, because fillers are used off-label.
 */
function detailAgreement(
  line: TextProfile,
  title: TextProfile,
): { score: number; areaConflict: boolean } {
  let score = SUBTYPE_WEIGHT * subtypeAgreement(line.subtypes, title.subtypes);
  if ([...line.terms].some((term) => title.terms.has(term))) score += 0.5;

  if ([...line.areas].some((area) => title.areas.has(area)))
    return { score: score + 1, areaConflict: false };

  const areaConflict = line.explicitAreas.size > 0 && title.explicitAreas.size > 0;
  return { score: areaConflict ? score - AREA_CONFLICT_PENALTY : score, areaConflict };
}

// +1 when a subtype is shared, -1 when both name subtypes of one family and none agrees.
function subtypeAgreement(line: Set<string>, title: Set<string>): number {
  if (line.size === 0 || title.size === 0) return 0;
  if ([...line].some((subtype) => title.has(subtype))) return 1;

  const familyOf = (subtype: string): string => subtype.split('/')[0] ?? subtype;
  const titleFamilies = new Set([...title].map(familyOf));
  return [...line].some((subtype) => titleFamilies.has(familyOf(subtype))) ? -1 : 0;
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
      areaConflict: false,
      reason: 'same words as the invoice',
    };
  }
  // A title or a service we cannot read may still be the one: weak, never confident.
  if (title.role === 'unknown') {
    return {
      evidence: UNKNOWN_TITLE_EVIDENCE,
      match: 'generic',
      detail: 0,
      areaConflict: false,
      reason: 'title not recognised',
    };
  }
  if (invoice.class === 'unknown') {
    return {
      evidence: UNKNOWN_SERVICE_EVIDENCE,
      match: 'generic',
      detail: 0,
      areaConflict: false,
      reason: 'invoice service not recognised',
    };
  }
  return MISMATCH;
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
