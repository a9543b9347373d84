import { describe, expect, it } from 'vitest';

import { createMatcher } from '../../src/matching/index.js';
import { aLine, anInvoice, aProcedure } from './fixtures.js';

const matcher = createMatcher();

describe('matcher ranking', () => {
  it('should rank the procedure of the invoiced treatment first, whatever the brand', () => {
    const invoice = anInvoice({ items: [aLine('Dysport (per unit)', 30_000, 60)] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'peel', title: 'VI peel' }),
      aProcedure({ id: 'tox', title: 'Botox 3 areas' }),
    ]);

    expect(result.ranked.map((c) => c.id)).toEqual(['tox', 'peel']);
    expect(result.verdict).toBe('confident');
    expect(result.confident).toBe(true);
    expect(result.ranked[0]?.family).toBe('toxin');
  });

  it('should prefer the nearest visit on or before the invoice over an older visit of the same treatment', () => {
    const invoice = anInvoice({ date: '2027-05-12', items: [aLine('Juvederm Ultra XC 1mL')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'old', title: 'lip filler', date: '2027-04-14' }),
      aProcedure({ id: 'recent', title: 'lips juvi', date: '2027-05-09' }),
    ]);

    expect(result.ranked[0]?.id).toBe('recent');
    expect(result.confident).toBe(true);
  });

  it('should accept a payment some days after the visit', () => {
    const invoice = anInvoice({ date: '2027-05-15', items: [aLine('Morpheus8 Face')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'tox', title: 'Xeomin', date: '2027-05-15' }),
      aProcedure({ id: 'm8', title: 'RF microneedling face', date: '2027-05-11' }),
    ]);

    expect(result.ranked[0]?.id).toBe('m8');
    expect(result.confident).toBe(true);
  });

  it('should match providers written in different formats', () => {
    const invoice = anInvoice({ employees: ['Dr. Ada Brooks'], items: [aLine('Kybella vial')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'other', title: 'Kybella', provider: 'Lena Ortiz RN' }),
      aProcedure({ id: 'same', title: 'kybella submental', provider: 'Brooks, Ada MD' }),
    ]);

    expect(result.ranked[0]?.id).toBe('same');
    expect(result.ranked[0]?.reasons).toContain('provider is on the invoice');
  });

  it('should use a shared appointment to break a tie', () => {
    const invoice = anInvoice({ appointmentId: 'apt-2', items: [aLine('HydraFacial Deluxe')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'a', title: 'Hydrafacial', appointmentId: 'apt-1' }),
      aProcedure({ id: 'b', title: 'Hydrafacial', appointmentId: 'apt-2' }),
    ]);

    expect(result.ranked[0]?.id).toBe('b');
    expect(result.ranked[0]?.reasons).toContain('same appointment');
  });

  it('should ignore quantities, units and syringe counts', () => {
    const invoice = anInvoice({ items: [aLine('Restylane Kysse 2 syr 1mL x2', 140_000, 2)] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'iv', title: 'IV 1000 mL' }),
      aProcedure({ id: 'lips', title: 'Lips 2 syringes' }),
    ]);

    expect(result.ranked[0]?.id).toBe('lips');
  });

  it('should return every candidate exactly once', () => {
    const procedures = Array.from({ length: 9 }, (_, i) =>
      aProcedure({ id: `p${i}`, title: `x${i}` }),
    );
    const result = matcher.rank(anInvoice(), procedures);

    expect(result.ranked.map((c) => c.id).sort()).toEqual(procedures.map((p) => p.id).sort());
  });
});

describe('matcher verdict', () => {
  it('should say no_fit for a retail-only invoice', () => {
    const invoice = anInvoice({ items: [aLine('SkinCeuticals CE Ferulic serum', 18_200)] });
    const result = matcher.rank(invoice, [aProcedure({ title: 'Botox' })]);

    expect(result.verdict).toBe('no_fit');
    expect(result.confident).toBe(false);
    expect(result.ranked).toHaveLength(1);
  });

  it('should say no_fit when no candidate is the invoiced treatment (visit not charted yet)', () => {
    const invoice = anInvoice({ items: [aLine('Laser Hair Removal - Bikini')] });
    const result = matcher.rank(invoice, [
      aProcedure({ title: 'Sema wk 4', kind: 'health' }),
      aProcedure({ title: 'Pico tattoo' }),
    ]);

    expect(result.verdict).toBe('no_fit');
  });

  it('should say no_fit when there are no candidates', () => {
    expect(matcher.rank(anInvoice(), [])).toEqual({
      ranked: [],
      confident: false,
      verdict: 'no_fit',
    });
  });

  it('should rank an untitled procedure of the same day and provider but not be confident', () => {
    const invoice = anInvoice({ items: [aLine('CoolSculpting cycle')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'untitled', title: null }),
      aProcedure({ id: 'other', title: 'Lip filler', provider: 'Someone Else RN' }),
    ]);

    expect(result.ranked[0]?.id).toBe('untitled');
    expect(result.verdict).toBe('uncertain');
    expect(result.confident).toBe(false);
  });

  it('should not be confident between two recent visits of the same treatment by the same provider', () => {
    const invoice = anInvoice({ date: '2027-05-12', items: [aLine('Botox')] });
    const result = matcher.rank(invoice, [
      aProcedure({ title: 'Botox glabella', date: '2027-05-12' }),
      aProcedure({ title: 'Botox forehead', date: '2027-05-12' }),
    ]);

    expect(result.verdict).toBe('uncertain');
  });

  it('should not be confident when the only same-treatment visit is weeks old', () => {
    const invoice = anInvoice({ date: '2027-05-30', items: [aLine('Xeomin')] });
    const result = matcher.rank(invoice, [
      aProcedure({ title: 'Xeomin glabella', date: '2027-05-02' }),
    ]);

    expect(result.confident).toBe(false);
  });

  it('should treat a gift card as a fee even when it names a treatment', () => {
    const invoice = anInvoice({ items: [aLine('Gift card - Hydrafacial')] });
    const result = matcher.rank(invoice, [aProcedure({ title: 'Hydrafacial' })]);

    expect(result.verdict).toBe('no_fit');
  });

  it('should still match the treatment line of an invoice that also sells retail', () => {
    const invoice = anInvoice({
      items: [aLine('Obagi Hydrate moisturizer', 6_800), aLine('Chemical Peel - light', 15_000)],
    });
    const result = matcher.rank(invoice, [aProcedure({ id: 'peel', title: 'glycolic peel' })]);

    expect(result.ranked[0]?.id).toBe('peel');
    expect(result.confident).toBe(true);
  });
});
