import type { MatchInvoice, MatchLine, MatchProcedure } from '../../src/matching/index.js';

/** Builds an invoice; every field can be overridden. */
export function anInvoice(overrides: Partial<MatchInvoice> = {}): MatchInvoice {
  return {
    number: 'QP-1',
    date: '2027-05-10',
    employees: ['Nora Vance NP'],
    items: [aLine('Botox Cosmetic', 40_000)],
    ...overrides,
  };
}

/** Builds one invoice line. */
export function aLine(name: string, amountCents = 30_000, quantity = 1): MatchLine {
  return { name, quantity, amountCents };
}

let nextId = 1;

/** Builds a procedure charted on the invoice date by the invoice's employee, unless overridden. */
export function aProcedure(overrides: Partial<MatchProcedure> = {}): MatchProcedure {
  return {
    id: `proc-${nextId++}`,
    title: 'Botox forehead',
    kind: 'cosmetic',
    date: '2027-05-10',
    provider: 'Nora Vance NP',
    ...overrides,
  };
}
