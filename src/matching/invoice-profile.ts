import type { Recognizer, TextProfile } from './recognize.js';
import type { MatchInvoice } from './types.js';

/** What the invoice as a whole charged for. */
export type InvoiceClass = 'treatment' | 'unknown' | 'not_treatment' | 'empty';

/** One treatment (or unrecognised) line with its share of the invoice's weight. */
export interface WeightedLine {
  profile: TextProfile;
  /** 1 for the most expensive line, a little less for cheaper ones. */
  weight: number;
}

/** The invoice read once, before any candidate is scored. */
export interface InvoiceProfile {
  class: InvoiceClass;
  treatmentLines: WeightedLine[];
  unknownLines: WeightedLine[];
  /** The kinds (health, cosmetic) of the treatment families charged. */
  kinds: Set<string>;
}

/** Reads every line of the invoice and sorts them into treatment, unknown and other lines. */
export function profileInvoice(
  invoice: MatchInvoice,
  recognizer: Recognizer,
  kindOf: (family: string) => string,
): InvoiceProfile {
  const maxAmount = Math.max(1, ...invoice.items.map((item) => Math.abs(item.amountCents)));
  const lines = invoice.items.map((item) => ({
    profile: recognizer.profile(item.name),
    // A cheaper line on a mixed invoice is a slightly weaker pointer to the charted procedure.
    weight: 0.9 + 0.1 * (Math.abs(item.amountCents) / maxAmount),
  }));

  const treatmentLines = lines.filter((line) => line.profile.role === 'treatment');
  const unknownLines = lines.filter((line) => line.profile.role === 'unknown');
  const kinds = new Set(
    treatmentLines.flatMap((line) => [...line.profile.families.keys()].map(kindOf)),
  );

  return {
    class: classify(lines, treatmentLines, unknownLines),
    treatmentLines,
    unknownLines,
    kinds,
  };
}

function classify(
  lines: WeightedLine[],
  treatmentLines: WeightedLine[],
  unknownLines: WeightedLine[],
): InvoiceClass {
  if (treatmentLines.length > 0) return 'treatment';
  if (unknownLines.length > 0) return 'unknown';

  // Generic service words alone ("Service", "Visit") say a visit was paid, not which one.
  if (lines.some((line) => line.profile.role === 'generic')) return 'unknown';
  return lines.length > 0 ? 'not_treatment' : 'empty';
}
