import { compactKey, isQuantity, tokenize } from './normalize.js';
import type { CompiledVocabulary, FamilyHit, KeyEntry } from './vocabulary.js';

/** What a piece of text (an invoice line or a procedure title) is about. */
export type TextRole = 'treatment' | 'retail' | 'fee' | 'generic' | 'unknown' | 'empty';

/** The vocabulary's reading of one text. */
export interface TextProfile {
  role: TextRole;
  /** Treatment families named, each with evidence in (0, 1]. */
  families: Map<string, number>;
  /** Vocabulary keys found (product names and the like), for product-level agreement. */
  terms: Set<string>;
  /** Subtypes named (`family/subtype`), such as one device among the laser resurfacing ones. */
  subtypes: Set<string>;
  /** Every body area named or implied by a product (Volux implies chin and jawline). */
  areas: Set<string>;
  /** Areas written out as areas, not implied by a product; only these can contradict. */
  explicitAreas: Set<string>;
  /** Words the vocabulary does not know and that are not noise, for plain text comparison. */
  residual: string[];
}

// A misspelt word is a little less certain than one spelt right.
const FUZZY_FACTOR = 0.9;
const CACHE_LIMIT = 50_000;

interface Found {
  entry: KeyEntry;
  key: string;
  fuzzy: boolean;
}

interface Match {
  found: Found;
  length: number;
}

interface ScanResult {
  found: Found[];
  unmatched: string[];
  matchedTokens: Set<string>;
}

/**
 * How a text is read. An invoice `line` that names a product form ("serum") sold a product; a
 * procedure `title` is always a procedure, so there a named treatment wins ("DiamondGlow with
 * serum" is a facial).
 */
export type TextSource = 'line' | 'title';

/** Reads texts against one compiled vocabulary, remembering every text it has read. */
export class Recognizer {
  private readonly cache = { line: new Map<string, TextProfile>(), title: new Map() };

  constructor(private readonly vocabulary: CompiledVocabulary) {}

  /** The profile of `text`; null and blank text give an empty profile. */
  profile(text: string | null, source: TextSource = 'line'): TextProfile {
    const key = text ?? '';
    const cache: Map<string, TextProfile> = this.cache[source];
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    const profile = this.read(key, source);
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(key, profile);
    return profile;
  }

  private read(text: string, source: TextSource): TextProfile {
    const tokens = tokenize(text);
    const families = this.scan(tokens, (entry) => entry.families.length > 0);
    const areas = this.scan(tokens, (entry) => entry.areas.length > 0);

    const residual = families.unmatched.filter(
      (token) =>
        !this.vocabulary.noise.has(token) && !isQuantity(token) && !areas.matchedTokens.has(token),
    );
    return buildProfile(families.found, areas.found, residual, this.vocabulary, source);
  }

  // Families and areas are scanned apart, so an area phrase never hides a treatment word.
  private scan(tokens: string[], wanted: (entry: KeyEntry) => boolean): ScanResult {
    const result: ScanResult = { found: [], unmatched: [], matchedTokens: new Set() };

    let i = 0;
    while (i < tokens.length) {
      const match = this.exactAt(tokens, i, wanted) ?? this.fuzzyAt(tokens, i, wanted);
      if (match === null) {
        result.unmatched.push(tokens[i] as string);
        i += 1;
        continue;
      }
      result.found.push(match.found);
      for (const token of tokens.slice(i, i + match.length)) result.matchedTokens.add(token);
      i += match.length;
    }
    return result;
  }

  // Longest phrase first, so "laser hair removal" wins over "laser" and "hair".
  private exactAt(
    tokens: string[],
    start: number,
    wanted: (entry: KeyEntry) => boolean,
  ): Match | null {
    const longest = Math.min(this.vocabulary.maxPhraseTokens, tokens.length - start);
    for (let length = longest; length >= 1; length--) {
      const key = compactKey(tokens.slice(start, start + length));
      const entry = this.vocabulary.keys.get(key);
      if (entry !== undefined && wanted(entry))
        return { found: { entry, key, fuzzy: false }, length };
    }
    return null;
  }

  // Misspellings: a word on its own, or two unknown words written apart ("micro needeling").
  private fuzzyAt(
    tokens: string[],
    start: number,
    wanted: (entry: KeyEntry) => boolean,
  ): Match | null {
    for (let length = Math.min(2, tokens.length - start); length >= 1; length--) {
      const words = tokens.slice(start, start + length);
      if (length > 1 && words.some((word) => this.isKnown(word))) continue;
      if (length === 1 && this.isKnown(words[0] as string)) return null;

      const key = this.vocabulary.fuzzy.find(compactKey(words));
      const entry = key === null ? undefined : this.vocabulary.keys.get(key);
      if (key !== null && entry !== undefined && wanted(entry)) {
        return { found: { entry, key, fuzzy: true }, length };
      }
    }
    return null;
  }

  private isKnown(word: string): boolean {
    return this.vocabulary.keys.has(word) || this.vocabulary.noise.has(word) || isQuantity(word);
  }
}

function buildProfile(
  found: Found[],
  areaFound: Found[],
  residual: string[],
  vocabulary: CompiledVocabulary,
  source: TextSource,
): TextProfile {
  const areas = new Set(areaFound.flatMap((f) => f.entry.areas));
  const explicit = areaFound.filter((f) => !f.entry.families.some((hit) => hit.strong));
  const explicitAreas = new Set(explicit.flatMap((f) => f.entry.areas));
  const terms = new Set(found.filter((f) => f.entry.families.length > 0).map((f) => f.key));
  const subtypes = new Set(found.flatMap((f) => f.entry.subtypes));
  const hits = found.flatMap((f) => f.entry.families.map((hit) => scaled(hit, f.fuzzy)));

  const role = roleOf(hits, residual, vocabulary, source);
  const families = role === 'treatment' ? treatmentEvidence(hits, vocabulary) : new Map();
  return { role, families, terms, subtypes, areas, explicitAreas, residual };
}

function scaled(hit: FamilyHit, fuzzy: boolean): FamilyHit {
  return fuzzy ? { ...hit, weight: hit.weight * FUZZY_FACTOR } : hit;
}

/**
 * Fees and product forms ("serum", "gift card") win over everything: a gift card for Botox is
 * still a gift card. A named treatment wins over a skincare brand, which wins over hints.
 */
function roleOf(
  hits: FamilyHit[],
  residual: string[],
  vocabulary: CompiledVocabulary,
  source: TextSource,
): TextRole {
  const roleOfHit = (hit: FamilyHit) => vocabulary.families.get(hit.family);
  const treatment = hits.filter((hit) => roleOfHit(hit)?.role === 'treatment');
  const namesTreatment = treatment.some((hit) => hit.strong);
  if (source === 'title' && namesTreatment) return 'treatment';

  const overriding = hits.map(roleOfHit).find((family) => family?.overrides === true);
  if (overriding !== undefined) return overriding.role === 'fee' ? 'fee' : 'retail';

  if (namesTreatment) return 'treatment';
  if (hits.some((hit) => roleOfHit(hit)?.role === 'retail')) return 'retail';
  if (hits.some((hit) => roleOfHit(hit)?.role === 'fee')) return 'fee';
  if (treatment.length > 0) return 'treatment';
  if (hits.some((hit) => roleOfHit(hit)?.role === 'generic')) return 'generic';

  return residual.length > 0 ? 'unknown' : 'empty';
}

// Two weak words for one family ("laser" and "bozo") back each other up, but stay below a name.
const CORROBORATED_LIMIT = 0.7;

/**
 * When a treatment is named outright, hints (an area, an ambiguous word) add nothing. Without
 * a name, the hints of one family add up, as independent pointers do.
 */
function treatmentEvidence(hits: FamilyHit[], vocabulary: CompiledVocabulary): Map<string, number> {
  const treatment = hits.filter((hit) => vocabulary.families.get(hit.family)?.role === 'treatment');
  const strong = treatment.filter((hit) => hit.strong);
  if (strong.length > 0) return strongest(strong);

  const doubt = new Map<string, number>();
  for (const hit of treatment)
    doubt.set(hit.family, (doubt.get(hit.family) ?? 1) * (1 - hit.weight));

  const evidence = new Map<string, number>();
  for (const [family, left] of doubt) {
    const single = strongest(treatment.filter((hit) => hit.family === family)).get(family) ?? 0;
    evidence.set(family, Math.max(single, Math.min(CORROBORATED_LIMIT, 1 - left)));
  }
  return evidence;
}

function strongest(hits: FamilyHit[]): Map<string, number> {
  const evidence = new Map<string, number>();
  for (const hit of hits)
    evidence.set(hit.family, Math.max(evidence.get(hit.family) ?? 0, hit.weight));
  return evidence;
}
