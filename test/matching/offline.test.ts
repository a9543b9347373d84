import { describe, expect, it } from 'vitest';

import { createMatcher, evaluate, loadCases, predictCase } from '../../src/matching/index.js';

const line = (
  answer: string | null,
  items = [{ name: 'Botox', quantity: 1, amount_cents: 1200 }],
) =>
  JSON.stringify({
    id: `c-${answer}`,
    invoice: { number: 'I-1', date: '2027-01-05', kind: 'quickpay', employees: ['A B'], items },
    procedures: [
      { id: 'p1', title: 'Botox', kind: 'cosmetic', date: '2027-01-05', provider: 'A B' },
      { id: 'p2', title: 'VI peel', kind: 'cosmetic', date: '2027-01-05', provider: 'A B' },
    ],
    answer,
  });

describe('offline cases', () => {
  it('should map amount_cents to amountCents and keep null answers', () => {
    const [c] = loadCases(`${line(null)}\n\n`);

    expect(c?.invoice.items[0]).toEqual({ name: 'Botox', quantity: 1, amountCents: 1200 });
    expect(c?.answer).toBeNull();
  });

  it('should name the line of a malformed case', () => {
    expect(() => loadCases(`${line('p1')}\n{"id": 3}`)).toThrow(/line 2/);
  });

  it('should predict every candidate and evaluate the figures', () => {
    const cases = loadCases([line('p1'), line('p2'), line(null)].join('\n'));
    const predictions = cases.map((c) => predictCase(createMatcher(), c));
    const report = evaluate(cases, predictions);

    expect(predictions[0]?.ranked).toEqual(['p1', 'p2']);
    expect(report.top1).toBe(0.5);
    expect(report.top3).toBe(1);
    expect(report.counts).toMatchObject({ cases: 3, answerable: 2, nullAnswer: 1 });
    expect(report.confidentPrecision).toBeCloseTo(1 / 3);
    expect(report.nullConfidentRate).toBe(1);
  });
});
