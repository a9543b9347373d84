import Fuse from 'fuse.js';

/**
 * Spelling-tolerant lookup of one word or joined phrase among the vocabulary keys.
 * Fuse proposes candidates; an edit-distance check then decides, because Fuse's score alone
 * lets short words drift onto unrelated terms ("lips" towards "lipo").
 */
export class FuzzyLookup {
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, string | null>();

  constructor(keys: Iterable<string>) {
    const usable = [...keys].filter((key) => key.length >= MIN_FUZZY_LENGTH);
    this.fuse = new Fuse(usable, { includeScore: true, threshold: 0.4, ignoreLocation: true });
  }

  /** The vocabulary key that `word` is a misspelling of, or null. Results are cached. */
  find(word: string): string | null {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;

    const found = this.search(word);
    if (this.cache.size > CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  private search(word: string): string | null {
    if (word.length < MIN_FUZZY_LENGTH || /^\d/.test(word)) return null;

    let best: string | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const result of this.fuse.search(word, { limit: 8 })) {
      const distance = editDistance(word, result.item);
      if (distance < bestDistance && acceptable(word, result.item, distance)) {
        best = result.item;
        bestDistance = distance;
      }
    }

    return best;
  }
}

const MIN_FUZZY_LENGTH = 4;
const CACHE_LIMIT = 50_000;

/**
 * Misspellings keep the first letter and stay within a length-dependent number of edits. A short
 * word may only have lost or swapped a letter: one changed letter in five too often makes another
 * real word ("suelo" is not "suero", "lips" is not "lipo").
 */
function acceptable(word: string, key: string, distance: number): boolean {
  if (word[0] !== key[0]) return false;
  if (word.length <= 5 && word.length === key.length && !isSwap(word, key)) return false;

  const allowed = word.length <= 5 ? 1 : word.length <= 9 ? 2 : 3;
  return distance <= allowed;
}

/** Whether b is a with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    a[diff[0]!] === b[diff[1]!] &&
    a[diff[1]!] === b[diff[0]!]
  );
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;

  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      rows[i]![j] = cellCost(rows, a, b, i, j);
    }
  }

  return rows[a.length]![b.length]!;
}

function cellCost(rows: number[][], a: string, b: string, i: number, j: number): number {
  const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
  let cost = Math.min(
    rows[i - 1]![j]! + 1,
    rows[i]![j - 1]! + 1,
    rows[i - 1]![j - 1]! + substitution,
  );

  const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
  if (swapped) cost = Math.min(cost, rows[i - 2]![j - 2]! + 1);
  return cost;
}
