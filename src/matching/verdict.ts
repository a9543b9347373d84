import type { InvoiceClass } from './invoice-profile.js';
import type { ScoredCandidate } from './score.js';
import type { Verdict } from './types.js';

// A preselection must be right about 99 times in 100, so every condition is required.
const CONFIDENT_EVIDENCE = 0.75;
const CONFIDENT_PLAUSIBILITY = 0.9;
const CONFIDENT_MARGIN = 0.1;
const CONFIDENT_TEXT_SIMILARITY = 0.8;

// A title that only hints at the family ("lips 1 syr" for a Kysse invoice) is enough when it
// is the only candidate of that family, charted by someone on the invoice within a few days.
const HINTED_EVIDENCE = 0.45;
const HINTED_MAX_DAYS = 3;
const SAME_PERSON = 0.8;
// Another candidate of the family this plausible (within about two weeks) leaves the choice open.
const RIVAL_PLAUSIBILITY = 0.45;

// Below this, even the best candidate does not look like what the invoice charged for.
const FIT_SUPPORT = 0.25;

/**
 * Decides whether the first of `ranked` (sorted best first) may be preselected.
 * Untitled and generic procedures are never confident: the title is the only evidence of
 * what was done.
 */
export function decideVerdict(invoiceClass: InvoiceClass, ranked: ScoredCandidate[]): Verdict {
  const [first, second] = ranked;
  if (first === undefined) return 'no_fit';
  if (invoiceClass === 'not_treatment' || invoiceClass === 'empty') return 'no_fit';
  if (first.support < FIT_SUPPORT) return 'no_fit';

  const margin = first.score - (second?.score ?? 0);
  return isConfident(first, margin, ranked.slice(1)) ? 'confident' : 'uncertain';
}

function isConfident(first: ScoredCandidate, margin: number, others: ScoredCandidate[]): boolean {
  if (first.plausibility < CONFIDENT_PLAUSIBILITY || margin < CONFIDENT_MARGIN) return false;
  // Another body area than the invoice's: the visit that was paid for may not be charted yet.
  if (first.areaConflict) return false;

  if (first.match === 'family') {
    return first.evidence >= CONFIDENT_EVIDENCE || isSoleHintedMatch(first, others);
  }
  if (first.match === 'text') return first.evidence >= CONFIDENT_TEXT_SIMILARITY;
  return false;
}

function isSoleHintedMatch(first: ScoredCandidate, others: ScoredCandidate[]): boolean {
  if (first.evidence < HINTED_EVIDENCE || first.provider < SAME_PERSON) return false;
  if (!(first.days >= 0 && first.days <= HINTED_MAX_DAYS)) return false;

  return !others.some(
    (other) => other.match === 'family' && other.plausibility >= RIVAL_PLAUSIBILITY,
  );
}
