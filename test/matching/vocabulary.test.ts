import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { createMatcher } from '../../src/matching/index.js';
import { compactKey, tokenize } from '../../src/matching/normalize.js';
import { Recognizer } from '../../src/matching/recognize.js';
import {
  compileVocabulary,
  loadBuiltInVocabulary,
  loadVocabularyFile,
} from '../../src/matching/vocabulary.js';
import { aLine, anInvoice, aProcedure } from './fixtures.js';

const data = loadBuiltInVocabulary();
const recognizer = new Recognizer(compileVocabulary(data));

function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartlink-vocab-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('vocabulary.json', () => {
  it('should load and compile', () => {
    expect(Object.keys(data.families).length).toBeGreaterThan(20);
    expect(() => createMatcher()).not.toThrow();
  });

  it('should give every family at least one term', () => {
    for (const [id, family] of Object.entries(data.families)) {
      expect(family.terms.length, id).toBeGreaterThan(0);
    }
  });

  it('should map no word to two families except the listed shared words', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];

    for (const [id, family] of Object.entries(data.families)) {
      const subtypeWords = Object.values(family.subtypes ?? {}).flat();
      for (const word of [...family.terms, ...(family.hints ?? []), ...subtypeWords]) {
        const key = compactKey(tokenize(word));
        const previous = owner.get(key);
        if (previous !== undefined && previous !== id) clashes.push(`${word}: ${previous}, ${id}`);
        owner.set(key, id);
      }
    }
    for (const word of Object.keys(data.shared ?? {})) {
      if (owner.has(compactKey(tokenize(word)))) clashes.push(`${word}: shared and in a family`);
    }

    expect(clashes).toEqual([]);
  });

  it('should name only existing families in shared words and relations', () => {
    const ids = new Set(Object.keys(data.families));
    for (const families of Object.values(data.shared ?? {})) {
      for (const id of families) expect(ids.has(id), id).toBe(true);
    }
    for (const family of Object.values(data.families)) {
      for (const id of Object.keys(family.related ?? {})) expect(ids.has(id), id).toBe(true);
    }
  });

  it.each([
    ['Botox Cosmetic 50U', 'toxin'],
    ['botx 20u', 'toxin'],
    ['Jeuveau #newtox', 'toxin'],
    ['wrinkle relaxer crows', 'toxin'],
    ['Juvaderm Volbella 1 syr', 'filler'],
    ['Restylane-L Lyft', 'filler'],
    ['RHA 4 cheeks', 'filler'],
    ['Lips 0.5', 'filler'],
    ['Sculptra 2 vials', 'biostimulator'],
    ['Hyaluronidase (filler dissolver)', 'dissolver'],
    ['Kybela', 'kybella'],
    ['Morpheus 8 - neck', 'rf_microneedling'],
    ['micro needeling', 'microneedling'],
    ['Collagen induction therapy', 'microneedling'],
    ['Cool Sculpting', 'cryolipolysis'],
    ['Scierotherapy', 'sclerotherapy'],
    ['laser hair removel - brazilian', 'laser_hair_removal'],
    ['LHR UA', 'laser_hair_removal'],
    ['Photo facial', 'ipl'],
    ['PicoSure tattoo', 'tattoo_removal'],
    ['Ultherapy', 'skin_tightening'],
    ['Hydra facial', 'facial'],
    ['Jessner peel', 'chemical_peel'],
    ['NAD+ drip', 'iv_therapy'],
    ['Vit D shot', 'vitamin_injection'],
    ['Zepbound 7.5mg', 'weight_loss'],
    ['GLP-1 f/u', 'weight_loss'],
    ['Testosterone pellets', 'hormone_therapy'],
    ['PRP hair restoration', 'prp_hair'],
    ['New pt consultation', 'consultation'],
    ['Xeo 11s', 'toxin'],
    ['toxina frente y entrecejo', 'toxin'],
    ['relleno labios', 'filler'],
    ['mejillas 2 jeringas', 'filler'],
    ['marionettes 1 syr', 'filler'],
    ['Radiesse+ jawline', 'biostimulator'],
    ['CO2RE Intima', 'laser_resurfacing'],
    ['C&B full face', 'laser_resurfacing'],
    ['Ulthera Prime neck', 'skin_tightening'],
    ['depilación láser axilas', 'laser_hair_removal'],
    ['laser lower legs', 'laser_hair_removal'],
    ['limpieza facial profunda', 'facial'],
    ['peeling químico', 'chemical_peel'],
    ['escleroterapia piernas', 'sclerotherapy'],
    ['sueroterapia hidratación', 'iv_therapy'],
    ['vitamina B12 inyección', 'vitamin_injection'],
    ['semaglutida sem 4', 'weight_loss'],
    ['Tirzepatida 5mg', 'weight_loss'],
    ['hormonas pellet', 'hormone_therapy'],
  ])('should read %j as %s', (text, family) => {
    const profile = recognizer.profile(text);
    expect(profile.role).toBe('treatment');
    expect([...profile.families.keys()]).toContain(family);
  });

  it.each([
    ['SkinCeuticals C E Ferulic', 'retail'],
    ['EltaMD UV Clear SPF 46', 'retail'],
    ['ZO peel pads', 'retail'],
    ['Obagi Nu-Derm', 'retail'],
    ['eGift card Botox', 'fee'],
    ['Late cancellation fee', 'fee'],
    ['Follow up', 'generic'],
    ['', 'empty'],
  ])('should read %j as %s, not as a treatment', (text, role) => {
    expect(recognizer.profile(text).role).toBe(role);
  });
});

describe('reading titles and lines', () => {
  it('should read a title that names a treatment and a serum as the treatment', () => {
    expect(recognizer.profile('Oxygeneo w/ vitamin C serum', 'title').role).toBe('treatment');
    expect(recognizer.profile('Oxygeneo w/ vitamin C serum').role).toBe('retail');
  });

  it('should name the subtype of a device family', () => {
    expect([...recognizer.profile('Fraxel Restore Dual').subtypes]).toEqual([
      'laser_resurfacing/fraxel',
    ]);
  });

  it('should keep areas implied by a product apart from areas written out', () => {
    const profile = recognizer.profile('Juvederm Volux chin');

    expect([...profile.areas].sort()).toEqual(['chin', 'jawline']);
    expect([...profile.explicitAreas]).toEqual(['chin']);
  });

  it('should let two weak words of one family back each other up', () => {
    const alone = recognizer.profile('laser').families.get('laser_hair_removal') ?? 0;
    const backed = recognizer.profile('laser axilas').families.get('laser_hair_removal') ?? 0;

    expect(backed).toBeGreaterThan(alone);
    expect(backed).toBeLessThan(1);
  });
});

describe('extra vocabulary file', () => {
  it('should accept the example given in VOCABULARY.md', () => {
    const markdown = readFileSync(
      new URL('../../src/matching/VOCABULARY.md', import.meta.url),
      'utf8',
    );
    const example = /```json\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    const matcher = createMatcher({ extraVocabulary: JSON.parse(example) });
    const invoice = anInvoice({ items: [aLine('Lash lift + tint')] });

    expect(matcher.rank(invoice, [aProcedure({ title: 'lash lift' })]).confident).toBe(true);
  });

  it('should throw an error naming the file when it is missing', () => {
    const file = '/nonexistent/clinic-vocabulary.json';
    expect(() => createMatcher({ extraVocabularyFile: file })).toThrow(
      /clinic-vocabulary\.json.*cannot be read/,
    );
  });

  it('should throw an error naming the file when it is not JSON', () => {
    const file = writeTemp('broken.json', '{ "families": ');
    expect(() => loadVocabularyFile(file)).toThrow(new RegExp(`${file}.*not valid JSON`));
  });

  it('should throw an error naming the file and the field when the shape is wrong', () => {
    const file = writeTemp('shape.json', JSON.stringify({ families: { glow: { terms: 'glow' } } }));
    expect(() => createMatcher({ extraVocabularyFile: file })).toThrow(
      new RegExp(`${file}.*families\\.glow\\.terms must be a list`),
    );
  });

  it('should reject a relation weight out of range', () => {
    const bad = { families: { glow: { terms: ['glow'], related: { facial: 2 } } } };
    expect(() => createMatcher({ extraVocabulary: bad })).toThrow(
      /families\.glow\.related\.facial/,
    );
  });

  it("should let a clinic's own service name change the ranking", () => {
    const invoice = anInvoice({ items: [aLine('Red Carpet Glow')] });
    const procedures = [
      aProcedure({ id: 'toxin', title: 'Botox forehead', date: '2027-05-10' }),
      aProcedure({ id: 'facial', title: 'Hydrafacial', date: '2027-05-08' }),
    ];
    const extra = { families: { facial: { terms: ['red carpet glow'] } } };
    const file = writeTemp('clinic.json', JSON.stringify(extra));

    const plain = createMatcher().rank(invoice, procedures);
    const clinic = createMatcher({ extraVocabularyFile: file }).rank(invoice, procedures);

    expect(plain.ranked[0]?.id).toBe('toxin');
    expect(plain.confident).toBe(false);
    expect(clinic.ranked[0]?.id).toBe('facial');
    expect(clinic.confident).toBe(true);
  });

  it('should accept subtypes and rank the visit of the invoiced subtype first', () => {
    const extra = {
      families: { facial: { terms: [], subtypes: { glow: ['glow and go'], gold: ['gold'] } } },
    };
    const matcher = createMatcher({ extraVocabulary: extra });
    const invoice = anInvoice({ items: [aLine('Glow and Go facial')] });
    const result = matcher.rank(invoice, [
      aProcedure({ id: 'gold', title: 'gold facial' }),
      aProcedure({ id: 'glow', title: 'glow and go', date: '2027-05-08' }),
    ]);

    expect(result.ranked[0]?.id).toBe('glow');
  });

  it('should reject subtypes that are not lists of words', () => {
    const bad = { families: { facial: { terms: [], subtypes: { glow: 'glow' } } } };
    expect(() => createMatcher({ extraVocabulary: bad })).toThrow(
      /families\.facial\.subtypes\.glow/,
    );
  });

  it('should let a clinic move a word to another family', () => {
    const extra = { families: { clinic_facial: { label: 'House facial', terms: ['hf'] } } };
    const matcher = createMatcher({ extraVocabulary: extra });
    const invoice = anInvoice({ items: [aLine('HF express')] });
    const procedures = [aProcedure({ id: 'a', title: 'HF express' })];

    expect(matcher.rank(invoice, procedures).ranked[0]?.family).toBe('clinic_facial');
  });
});
