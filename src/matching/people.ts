import { tokenize } from './normalize.js';

// Honorifics and credentials that name formats add or drop ("Dr. Ada Brooks", "Ada Brooks MD").
const CREDENTIALS = new Set([
  'dr',
  'doctor',
  'md',
  'do',
  'np',
  'rn',
  'pa',
  'c',
  'pac',
  'fnp',
  'aprn',
  'bsn',
  'msn',
  'dnp',
  'lpn',
  'lvn',
  'le',
  'lme',
  'ce',
  'crna',
  'ms',
  'mrs',
  'mr',
  'miss',
  'phd',
  'cns',
  'nd',
  'dds',
  'facs',
  'bc',
  'cmla',
  'lmt',
  'ma',
  'mba',
  'ii',
  'iii',
  'jr',
  'sr',
  'esthetician',
  'injector',
]);

const cache = new Map<string, string[]>();

/** The name words of a display name, without titles and credentials, lower case. */
export function nameTokens(displayName: string): string[] {
  const cached = cache.get(displayName);
  if (cached !== undefined) return cached;

  const tokens = tokenize(displayName).filter((token) => !CREDENTIALS.has(token));
  if (cache.size > 10_000) cache.clear();
  cache.set(displayName, tokens);
  return tokens;
}

/**
 * How likely two display names are the same person, from 0 to 1. Word order is ignored
 * ("Brooks, Ada"), and an initial agrees with a full name ("A. Brooks").
 */
export function samePerson(a: string, b: string): number {
  const left = nameTokens(a);
  const right = nameTokens(b);
  if (left.length === 0 || right.length === 0) return 0;

  const shared = fullWords(left).filter((word) => right.includes(word));
  if (shared.length >= 2) return 1;
  if (shared.length === 0) return 0;

  return oneSharedWord(without(left, shared), without(right, shared));
}

// One name word in common: the rest decides between "same person" and "a namesake".
function oneSharedWord(left: string[], right: string[]): number {
  if (left.length === 0 || right.length === 0) return 0.8;

  const agree = left.some((l) => right.some((r) => initialAgrees(l, r)));
  return agree ? 0.9 : 0.2;
}

// "A." agrees with "Ada"; a short form agrees with the name it starts ("Sam", "Samuel").
function initialAgrees(a: string, b: string): boolean {
  if (a.length === 1 || b.length === 1) return a[0] === b[0];

  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short);
}

function fullWords(tokens: string[]): string[] {
  return tokens.filter((token) => token.length > 1);
}

function without(tokens: string[], remove: string[]): string[] {
  return tokens.filter((token) => !remove.includes(token));
}

/** The best agreement between a provider and any of the invoice's employees. */
export function providerAgreement(provider: string, employees: readonly string[]): number {
  let best = 0;
  for (const employee of employees) best = Math.max(best, samePerson(provider, employee));
  return best;
}
