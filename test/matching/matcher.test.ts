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

describe('matcher details within a family', () => {
  it('should prefer the visit of the subtype the invoice names over a nearer one of another', () => {
    const invoice = anInvoice({ date: '2027-05-12', items: [aLine('NAD+ IV 500mg')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'myers', title: 'myers cocktail', kind: 'health', date: '2027-05-12' }),
      aProcedure({ id: 'nad', title: 'NAD drip', kind: 'health', date: '2027-05-10' }),
    ]);

    expect(result.ranked[0]?.id).toBe('nad');
  });

  it('should rank the visit of the invoiced body area above a nearer one of another area', () => {
    const invoice = anInvoice({ date: '2027-05-12', items: [aLine('LHR - Lower Legs')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'back', title: 'LHR full back', date: '2027-05-10' }),
      aProcedure({ id: 'legs', title: 'depilación láser piernas', date: '2027-05-08' }),
    ]);

    expect(result.ranked[0]?.id).toBe('legs');
  });

  it('should not be confident when the only visit names another body area than the invoice', () => {
    const invoice = anInvoice({ items: [aLine('Laser Hair Removal - Underarms')] });
    const result = matcher.rank(invoice, [aProcedure({ title: 'LHR legs' })]);

    expect(result.ranked[0]?.reasons[0]).toMatch(/same treatment family/);
    expect(result.confident).toBe(false);
  });

  it('should not let an area implied by a filler brand contradict the area charted', () => {
    const invoice = anInvoice({ items: [aLine('Juvederm Voluma XC')] });
    const result = matcher.rank(invoice, [aProcedure({ title: 'temples 2 syr' })]);

    expect(result.confident).toBe(true);
  });
});

describe('matcher verdict on titles that only hint', () => {
  it('should be confident on a filler title naming only an area, charted by the invoice employee days before', () => {
    const invoice = anInvoice({ date: '2027-05-12', items: [aLine('Restylane Kysse 1mL')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'lips', title: 'lips 1 syr', date: '2027-05-10' }),
      aProcedure({ id: 'peel', title: 'VI peel', date: '2027-05-12' }),
    ]);

    expect(result.ranked[0]?.id).toBe('lips');
    expect(result.confident).toBe(true);
  });

  it('should not be confident on an area-only title when another filler visit is open', () => {
    const invoice = anInvoice({ date: '2027-05-12', items: [aLine('Restylane Kysse 1mL')] });
    const result = matcher.rank(invoice, [
      aProcedure({ title: 'lips 1 syr', date: '2027-05-10' }),
      aProcedure({ title: 'cheek filler', date: '2027-05-06', provider: 'Someone Else RN' }),
    ]);

    expect(result.confident).toBe(false);
  });

  it('should not be confident on an area-only title charted by someone not on the invoice', () => {
    const invoice = anInvoice({ items: [aLine('Restylane Kysse 1mL')] });
    const result = matcher.rank(invoice, [
      aProcedure({ title: 'lips', provider: 'Lena Ortiz RN' }),
    ]);

    expect(result.confident).toBe(false);
  });

  it('should be confident across toxin brands paid a few days after the visit', () => {
    const invoice = anInvoice({ date: '2027-05-13', items: [aLine('Botox - 3 areas')] });
    const result = matcher.rank(invoice, [
      aProcedure({ title: 'Dys FH glab', date: '2027-05-10' }),
    ]);

    expect(result.confident).toBe(true);
  });

  it('should read Spanish shorthand titles', () => {
    const invoice = anInvoice({ items: [aLine('Belotero Balance 1mL')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'iv', title: 'sueroterapia', kind: 'health' }),
      aProcedure({ id: 'filler', title: 'relleno ojeras' }),
    ]);

    expect(result.ranked[0]?.id).toBe('filler');
    expect(result.confident).toBe(true);
  });
});

describe('words that only look alike', () => {
  it('should not read one changed letter of a short word as a misspelling of another', () => {
    const invoice = anInvoice({ items: [aLine('IV Hydration - 1L NS')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'pelvic', title: 'Emsella suelo pelvico', provider: 'Someone Else' }),
    ]);

    expect(result.confident).toBe(false);
  });

  it('should not take a skincare serum named for hyaluronic acid as a filler', () => {
    const invoice = anInvoice({
      items: [aLine('SkinCeuticals H.A. Intensifier', 11_000), aLine('Latisse 5mL', 16_000)],
    });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'filler', title: 'smile lines filler 1 syr', provider: 'Someone Else' }),
    ]);

    expect(result.confident).toBe(false);
  });
});
