/**
 * Text normalisation shared by the vocabulary and the recogniser, so that a term and the
 * text it should match are always cut the same way.
 */

const DIACRITICS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’`]/g;
const SEPARATORS = /[^a-z0-9]+/g;

// Quantities, sizes and counts ("20u", "1.5cc", "x2", "3") say nothing about the treatment.
const QUANTITY = /^(x?\d+(\.\d+)?(u|ml|cc|mg|mcg|iu|g|units?|syr|x|%)?|x\d+)$/;

/** Lower-cases, strips accents and apostrophes, and splits on anything not a letter or digit. */
export function tokenize(text: string): string[] {
  const cleaned = text
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();

  return cleaned === '' ? [] : cleaned.split(' ');
}

/** The spacing-free key of a phrase: "Hydra Facial", "hydrafacial" and "HYDRA-FACIAL" agree. */
export function compactKey(tokens: readonly string[]): string {
  return tokens.join('');
}

/** True for tokens that only count or measure ("2", "20u", "1.5ml", "x3"). */
export function isQuantity(token: string): boolean {
  return QUANTITY.test(token);
}
