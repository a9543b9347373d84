/**
 * The matcher: ranks a patient's open procedures for an unattached invoice and says whether
 * the first one may be preselected. Knows neither Slack nor SQL.
 */
export type {
  MatchInvoice,
  MatchLine,
  MatchProcedure,
  Matcher,
  ProcedureKind,
  RankedCandidate,
  Suggestion,
  Verdict,
} from './types.js';
export { createMatcher } from './matcher.js';
export type { MatcherOptions } from './matcher.js';
export { evaluate, loadCases, predictCase } from './offline.js';
export type { EvalReport, OfflineCase, OfflinePrediction } from './offline.js';
export type { VocabularyData, FamilyData } from './vocabulary.js';
