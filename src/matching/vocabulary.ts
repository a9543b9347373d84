import { readFileSync } from 'node:fs';

import { FuzzyLookup } from './fuzzy.js';
import { compactKey, tokenize } from './normalize.js';

/** What a family's words say about an invoice line or a title. */
export type FamilyRole = 'treatment' | 'generic' | 'retail' | 'fee';

/** Which kind of procedure a treatment family is charted as. */
export type FamilyKind = 'cosmetic' | 'health' | 'any';

/** One family as written in a vocabulary file. */
export interface FamilyData {
  label?: string;
  role?: FamilyRole;
  kind?: FamilyKind;
  /** Words that name the family outright. */
  terms: string[];
  /** Words that suggest the family only when nothing stronger is said (areas, generic words). */
  hints?: string[];
  /** Other families close enough to be a partial match, with a weight in (0, 1]. */
  related?: Record<string, number>;
  /** When true, these words make a line non-treatment even if a treatment is also named. */
  overrides?: boolean;
  /**
   * Distinct products or devices inside the family, each with the words that name it. Two
   * texts naming different subtypes of one family (CO2 against Fraxel) are a weaker match.
   * Subtype words count as terms of the family unless already listed as hints.
   */
  subtypes?: Record<string, string[]>;
}

/** The shape of `vocabulary.json` and of a clinic's extra file. */
export interface VocabularyData {
  version?: number;
  families: Record<string, FamilyData>;
  /** Deliberately ambiguous words, each with the families it may mean. */
  shared?: Record<string, string[]>;
  /** Body areas and the words (including product names) that imply them. */
  areas?: Record<string, string[]>;
  /** Words ignored when comparing leftover text. */
  noise?: string[];
}

/** How strongly one vocabulary key points at one family. */
export interface FamilyHit {
  family: string;
  weight: number;
  /** True for `terms`; false for hints and shared words. */
  strong: boolean;
}

/** Everything a vocabulary key stands for. */
export interface KeyEntry {
  families: FamilyHit[];
  areas: string[];
  /** Subtypes named, as `family/subtype`. */
  subtypes: string[];
}

/** A family after compilation. */
export interface CompiledFamily {
  id: string;
  label: string;
  role: FamilyRole;
  kind: FamilyKind;
  overrides: boolean;
  related: Map<string, number>;
}

/** The vocabulary ready for fast lookups: built once per matcher. */
export interface CompiledVocabulary {
  families: Map<string, CompiledFamily>;
  keys: Map<string, KeyEntry>;
  noise: Set<string>;
  /** The longest phrase, in tokens, so scanning knows how far to look ahead. */
  maxPhraseTokens: number;
  fuzzy: FuzzyLookup;
}

const HINT_WEIGHT = 0.6;
const SHARED_WEIGHT = 0.5;
const ROLES: readonly string[] = ['treatment', 'generic', 'retail', 'fee'];
const KINDS: readonly string[] = ['cosmetic', 'health', 'any'];

/** Reads the vocabulary shipped next to this module. */
export function loadBuiltInVocabulary(): VocabularyData {
  return loadVocabularyFile(new URL('./vocabulary.json', import.meta.url));
}

/**
 * Reads and checks a vocabulary file.
 * @throws Error naming the file and what is wrong with it.
 */
export function loadVocabularyFile(file: string | URL): VocabularyData {
  const name = file instanceof URL ? file.pathname : file;

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Vocabulary file ${name} cannot be read: ${(err as Error).message}`);
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`Vocabulary file ${name} is not valid JSON: ${(err as Error).message}`);
  }

  return validateVocabulary(raw, `file ${name}`);
}

/**
 * Checks that `raw` has the vocabulary shape.
 * @param source names the origin in error messages, e.g. "file /etc/clinic.json".
 * @throws Error whose message names the source, the field and the problem.
 */
export function validateVocabulary(raw: unknown, source: string): VocabularyData {
  const fail = (where: string, problem: string): never => {
    throw new Error(`Vocabulary ${source}: ${where} ${problem}`);
  };

  if (!isRecord(raw)) fail('the top level', 'must be a JSON object');
  const root = raw as Record<string, unknown>;
  if (!isRecord(root.families)) fail('"families"', 'must be an object of family id to family');

  for (const [id, family] of Object.entries(root.families as Record<string, unknown>)) {
    checkFamily(family, `families.${id}`, fail);
  }

  checkStringListMap(root.shared, 'shared', fail);
  checkStringListMap(root.areas, 'areas', fail);
  if (root.noise !== undefined) checkStringList(root.noise, 'noise', fail);

  return root as unknown as VocabularyData;
}

type Fail = (where: string, problem: string) => never;

function checkFamily(family: unknown, where: string, fail: Fail): void {
  if (!isRecord(family)) fail(where, 'must be an object with a "terms" list');
  const f = family as Record<string, unknown>;

  checkStringList(f.terms, `${where}.terms`, fail);
  if (f.hints !== undefined) checkStringList(f.hints, `${where}.hints`, fail);
  if (f.label !== undefined && typeof f.label !== 'string')
    fail(`${where}.label`, 'must be a string');
  if (f.role !== undefined && !ROLES.includes(f.role as string)) {
    fail(`${where}.role`, `must be one of ${ROLES.join(', ')}`);
  }
  if (f.kind !== undefined && !KINDS.includes(f.kind as string)) {
    fail(`${where}.kind`, `must be one of ${KINDS.join(', ')}`);
  }
  if (f.overrides !== undefined && typeof f.overrides !== 'boolean') {
    fail(`${where}.overrides`, 'must be true or false');
  }
  checkRelated(f.related, `${where}.related`, fail);
  checkStringListMap(f.subtypes, `${where}.subtypes`, fail);
}

function checkRelated(related: unknown, where: string, fail: Fail): void {
  if (related === undefined) return;
  if (!isRecord(related)) fail(where, 'must be an object of family id to weight');

  for (const [id, weight] of Object.entries(related as Record<string, unknown>)) {
    if (typeof weight !== 'number' || !(weight > 0 && weight <= 1)) {
      fail(`${where}.${id}`, 'must be a number above 0 and at most 1');
    }
  }
}

function checkStringListMap(value: unknown, where: string, fail: Fail): void {
  if (value === undefined) return;
  if (!isRecord(value)) fail(`"${where}"`, 'must be an object of name to list of words');

  for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
    checkStringList(list, `${where}.${key}`, fail);
  }
}

function checkStringList(value: unknown, where: string, fail: Fail): void {
  if (!Array.isArray(value)) fail(where, 'must be a list of words');

  (value as unknown[]).forEach((item, index) => {
    if (typeof item !== 'string' || tokenize(item).length === 0) {
      fail(`${where}[${index}]`, 'must be a non-empty string with at least one letter or digit');
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lays a clinic's extra vocabulary over the base one. Terms are added to families of the same
 * id; a new id creates a family. A word the clinic gives to a family is taken away from every
 * other family, because the clinic knows what it means in its own house.
 */
export function mergeVocabularies(base: VocabularyData, extra: VocabularyData): VocabularyData {
  const claimed = claimedKeys(extra);
  const families: Record<string, FamilyData> = {};

  for (const [id, family] of Object.entries(base.families)) {
    families[id] = withoutClaimed(family, claimed, id);
  }
  for (const [id, family] of Object.entries(extra.families)) {
    families[id] = mergeFamily(families[id], family);
  }

  return {
    ...base,
    families,
    shared: { ...withoutClaimedShared(base.shared ?? {}, claimed), ...extra.shared },
    areas: mergeLists(base.areas ?? {}, extra.areas ?? {}),
    noise: [...(base.noise ?? []), ...(extra.noise ?? [])],
  };
}

function claimedKeys(extra: VocabularyData): Map<string, string> {
  const claimed = new Map<string, string>();
  for (const [id, family] of Object.entries(extra.families)) {
    for (const word of familyWords(family)) claimed.set(compactKey(tokenize(word)), id);
  }
  return claimed;
}

function withoutClaimed(family: FamilyData, claimed: Map<string, string>, id: string): FamilyData {
  const keep = (word: string): boolean => {
    const owner = claimed.get(compactKey(tokenize(word)));
    return owner === undefined || owner === id;
  };
  const subtypes = Object.entries(family.subtypes ?? {}).map(([name, words]) => [
    name,
    words.filter(keep),
  ]);
  return {
    ...family,
    terms: family.terms.filter(keep),
    hints: family.hints?.filter(keep),
    subtypes: Object.fromEntries(subtypes) as Record<string, string[]>,
  };
}

function familyWords(family: FamilyData): string[] {
  return [...family.terms, ...(family.hints ?? []), ...Object.values(family.subtypes ?? {}).flat()];
}

function withoutClaimedShared(
  shared: Record<string, string[]>,
  claimed: Map<string, string>,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(shared).filter(([word]) => !claimed.has(compactKey(tokenize(word)))),
  );
}

function mergeFamily(base: FamilyData | undefined, extra: FamilyData): FamilyData {
  if (base === undefined) return extra;

  return {
    ...base,
    ...extra,
    terms: [...base.terms, ...extra.terms],
    hints: [...(base.hints ?? []), ...(extra.hints ?? [])],
    related: { ...base.related, ...extra.related },
    subtypes: mergeLists(base.subtypes ?? {}, extra.subtypes ?? {}),
  };
}

function mergeLists(
  base: Record<string, string[]>,
  extra: Record<string, string[]>,
): Record<string, string[]> {
  const merged: Record<string, string[]> = { ...base };
  for (const [key, list] of Object.entries(extra)) merged[key] = [...(merged[key] ?? []), ...list];
  return merged;
}

/**
 * Turns vocabulary data into lookup tables and a fuzzy index.
 * @throws Error when a family refers to a family that does not exist.
 */
export function compileVocabulary(data: VocabularyData): CompiledVocabulary {
  const families = compileFamilies(data);
  const keys = new Map<string, KeyEntry>();
  let maxPhraseTokens = 1;

  const addWord = (word: string, update: (entry: KeyEntry) => void): void => {
    const tokens = tokenize(word);
    maxPhraseTokens = Math.max(maxPhraseTokens, tokens.length);
    const key = compactKey(tokens);
    const entry = keys.get(key) ?? { families: [], areas: [], subtypes: [] };
    update(entry);
    keys.set(key, entry);
  };

  addFamilyWords(data, addWord);
  addSubtypeWords(data, addWord);
  addSharedWords(data, families, addWord);
  addAreaWords(data, addWord);

  const noise = new Set((data.noise ?? []).map((word) => compactKey(tokenize(word))));
  return { families, keys, noise, maxPhraseTokens, fuzzy: new FuzzyLookup(keys.keys()) };
}

type AddWord = (word: string, update: (entry: KeyEntry) => void) => void;

function compileFamilies(data: VocabularyData): Map<string, CompiledFamily> {
  const families = new Map<string, CompiledFamily>();
  for (const [id, family] of Object.entries(data.families)) {
    families.set(id, {
      id,
      label: family.label ?? id,
      role: family.role ?? 'treatment',
      kind: family.kind ?? 'any',
      overrides: family.overrides ?? false,
      related: new Map(Object.entries(family.related ?? {})),
    });
  }

  for (const family of families.values()) {
    for (const other of family.related.keys()) {
      if (!families.has(other)) {
        throw new Error(`Vocabulary: family ${family.id} is related to unknown family ${other}`);
      }
    }
  }
  return families;
}

function addFamilyWords(data: VocabularyData, addWord: AddWord): void {
  for (const [id, family] of Object.entries(data.families)) {
    for (const term of family.terms) {
      addWord(term, (entry) => addHit(entry, { family: id, weight: 1, strong: true }));
    }
    for (const hint of family.hints ?? []) {
      addWord(hint, (entry) => addHit(entry, { family: id, weight: HINT_WEIGHT, strong: false }));
    }
  }
}

// Runs after terms and hints, so a subtype word already listed as a hint stays a hint.
function addSubtypeWords(data: VocabularyData, addWord: AddWord): void {
  for (const [id, family] of Object.entries(data.families)) {
    for (const [name, words] of Object.entries(family.subtypes ?? {})) {
      for (const word of words) {
        addWord(word, (entry) => {
          if (!entry.families.some((hit) => hit.family === id)) {
            entry.families.push({ family: id, weight: 1, strong: true });
          }
          if (!entry.subtypes.includes(`${id}/${name}`)) entry.subtypes.push(`${id}/${name}`);
        });
      }
    }
  }
}

function addSharedWords(
  data: VocabularyData,
  families: Map<string, CompiledFamily>,
  addWord: AddWord,
): void {
  for (const [word, ids] of Object.entries(data.shared ?? {})) {
    for (const id of ids) {
      if (!families.has(id)) {
        throw new Error(`Vocabulary: shared word "${word}" names unknown family ${id}`);
      }
      addWord(word, (entry) => addHit(entry, { family: id, weight: SHARED_WEIGHT, strong: false }));
    }
  }
}

function addAreaWords(data: VocabularyData, addWord: AddWord): void {
  for (const [area, words] of Object.entries(data.areas ?? {})) {
    for (const word of words) {
      addWord(word, (entry) => {
        if (!entry.areas.includes(area)) entry.areas.push(area);
      });
    }
  }
}

// A word listed twice for one family keeps its strongest reading.
function addHit(entry: KeyEntry, hit: FamilyHit): void {
  const existing = entry.families.find((h) => h.family === hit.family);
  if (existing === undefined) {
    entry.families.push(hit);
  } else if (hit.weight > existing.weight) {
    existing.weight = hit.weight;
    existing.strong = hit.strong;
  }
}
