import type { InvoiceClass } from './invoice-profile.js';
import type { ScoredCandidate } from './score.js';
import type { Verdict } from './types.js';

// A preselection must be right about 99 times in 100, so every condition is required.
const CONFIDENT_EVIDENCE = 0.75;
const CONFIDENT_PLAUSIBILITY = 0.9;
const CONFIDENT_MARGIN = 0.1;
const CONFIDENT_TEXT_SIMILARITY = 0.8;

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
  return isConfident(first, margin) ? 'confident' : 'uncertain';
}

function isConfident(first: ScoredCandidate, margin: number): boolean {
  if (first.plausibility < CONFIDENT_PLAUSIBILITY || margin < CONFIDENT_MARGIN) return false;

  if (first.match === 'family') return first.evidence >= CONFIDENT_EVIDENCE;
  if (first.match === 'text') return first.evidence >= CONFIDENT_TEXT_SIMILARITY;
  return false;
}
