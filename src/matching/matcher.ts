import { profileInvoice } from './invoice-profile.js';
import { Recognizer } from './recognize.js';
import { scoreCandidate } from './score.js';
import type { ScoredCandidate } from './score.js';
import type {
  MatchInvoice,
  MatchProcedure,
  Matcher,
  RankedCandidate,
  Suggestion,
} from './types.js';
import { decideVerdict } from './verdict.js';
import {
  compileVocabulary,
  loadBuiltInVocabulary,
  loadVocabularyFile,
  mergeVocabularies,
  validateVocabulary,
} from './vocabulary.js';
import type { CompiledVocabulary, VocabularyData } from './vocabulary.js';

/** Options of {@link createMatcher}. */
export interface MatcherOptions {
  /** Path of a clinic's own vocabulary file, in the shape of `vocabulary.json`. */
  extraVocabularyFile?: string;
  /** A clinic's own vocabulary as data, in the same shape; applied after the file. */
  extraVocabulary?: unknown;
}

// The shipped vocabulary is read and checked once per process.
let builtIn: VocabularyData | undefined;

/**
 * Builds a matcher. The vocabulary is compiled once here, so ranking does no set-up work.
 * @throws Error naming the file (or option) and the problem when an extra vocabulary is invalid.
 * @example
 * const matcher = createMatcher({ extraVocabularyFile: process.env.CHARTLINK_VOCABULARY });
 * const { ranked, confident } = matcher.rank(invoice, procedures);
 */
export function createMatcher(options: MatcherOptions = {}): Matcher {
  builtIn ??= loadBuiltInVocabulary();
  let data = builtIn;

  if (options.extraVocabularyFile) {
    data = mergeVocabularies(data, loadVocabularyFile(options.extraVocabularyFile));
  }
  if (options.extraVocabulary !== undefined) {
    data = mergeVocabularies(
      data,
      validateVocabulary(options.extraVocabulary, 'option extraVocabulary'),
    );
  }

  return new VocabularyMatcher(compileVocabulary(data));
}

class VocabularyMatcher implements Matcher {
  private readonly recognizer: Recognizer;

  constructor(private readonly vocabulary: CompiledVocabulary) {
    this.recognizer = new Recognizer(vocabulary);
  }

  rank(invoice: MatchInvoice, procedures: MatchProcedure[]): Suggestion {
    const kindOf = (family: string): string => this.vocabulary.families.get(family)?.kind ?? 'any';
    const invoiceProfile = profileInvoice(invoice, this.recognizer, kindOf);

    const scored = procedures
      .map((procedure) =>
        scoreCandidate(invoice, invoiceProfile, procedure, this.recognizer, this.vocabulary),
      )
      .sort(byScoreThenDate);

    const verdict = decideVerdict(invoiceProfile.class, scored);
    return { ranked: scored.map(toRanked), confident: verdict === 'confident', verdict };
  }
}

// Ties go to the more recent procedure, then to the id, so the order never depends on input order.
function byScoreThenDate(a: ScoredCandidate, b: ScoredCandidate): number {
  if (b.score !== a.score) return b.score - a.score;
  if (a.procedure.date !== b.procedure.date) return a.procedure.date < b.procedure.date ? 1 : -1;
  return a.procedure.id < b.procedure.id ? -1 : a.procedure.id > b.procedure.id ? 1 : 0;
}

function toRanked(candidate: ScoredCandidate): RankedCandidate {
  return {
    id: candidate.procedure.id,
    score: candidate.score,
    family: candidate.family,
    reasons: candidate.reasons,
  };
}
