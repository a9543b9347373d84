import type { ProcedureKind } from '../db/schema.js';

/*
 * The made-up practice behind the demo: names, clinics and a treatment catalogue. Every name here
 * is invented. Chart titles are written the way providers type them (abbreviated, misspelt, with
 * brands used loosely), invoice lines the way the point of sale names products, so the demo shows
 * the gap the matcher has to bridge.
 */

export interface DemoClinic {
  name: string;
  zone: string;
}

export const CLINICS: DemoClinic[] = [
  { name: 'Lumen Aesthetics Brooklyn', zone: 'America/New_York' },
  { name: 'Lumen Aesthetics Austin', zone: 'America/Chicago' },
  { name: 'Lumen Aesthetics Santa Monica', zone: 'America/Los_Angeles' },
];

export const FIRST_NAMES: string[] = (
  'Ava Mia Lena Nora Zoe Iris Maya Ruby Hazel Clara Elise Tessa Vera Jade Nina Sadie Lucy ' +
  'Ivy Quinn Rosa Gemma Alma Dana Erin Fiona Greta Holly Josie Kira Leah Marisol Noelle ' +
  'Opal Priya Renee Selma Talia Uma Wren Yara Aiko Bianca Carmen Daria Esme Farah Gloria ' +
  'Ines Juno Keiko Liam Noah Owen Eli Marco Theo Jonas Rafael Victor Samir'
).split(' ');

export const LAST_NAMES: string[] = (
  'Abernathy Bellamy Castellano Delacroix Ellison Fairbanks Galloway Hargrove Ishikawa ' +
  'Jernigan Kowalczyk Lindqvist Marchetti Nakashima Okonkwo Pemberton Quintero Rasmussen ' +
  'Sorensen Thibodeaux Underwood Valdivia Whitcombe Yamamura Zielinski Ashford Brennan ' +
  'Calloway Dunmore Esparza Fenwick Grisham Holloway Iverson Jaramillo Kessler Landry ' +
  'Montague Navarro Oyelaran Prescott Redfield Salcedo Tremblay Vasquez Winslow Alcott ' +
  'Beaumont Cordero Driscoll Everhart Figueroa Gutierrez Hawthorne Kimura Lockwood Moreau ' +
  'Nilsson Ortega Pryor'
).split(' ');

export type Skill = 'injector' | 'laser' | 'skin' | 'body' | 'wellness';

export interface DemoProvider {
  first: string;
  last: string;
  display: string;
  skills: Skill[];
}

/** The first provider is the one mapped to the demo's Slack provider. */
export const PROVIDERS: DemoProvider[] = [
  { first: 'Maya', last: 'Okafor', display: 'Maya Okafor NP', skills: ['injector', 'wellness'] },
  {
    first: 'Ada',
    last: 'Brookfield',
    display: 'Dr. Ada Brookfield',
    skills: ['injector', 'wellness', 'body'],
  },
  { first: 'Celia', last: 'Marsh', display: 'Celia Marsh RN', skills: ['injector', 'laser'] },
  { first: 'Jonah', last: 'Pike', display: 'Jonah Pike PA-C', skills: ['injector', 'wellness'] },
  { first: 'Lila', last: 'Ferreira', display: 'Lila Ferreira LE', skills: ['skin', 'laser'] },
  {
    first: 'Tomas',
    last: 'Aldana',
    display: 'Dr. Tomas Aldana MD',
    skills: ['wellness', 'injector'],
  },
  {
    first: 'Priya',
    last: 'Ramaswamy',
    display: 'Priya Ramaswamy NP',
    skills: ['injector', 'skin'],
  },
  { first: 'Bea', last: 'Lindgren', display: 'Bea Lindgren RN', skills: ['laser', 'body'] },
  { first: 'Soren', last: 'Vance', display: 'Soren Vance PA-C', skills: ['injector', 'body'] },
  { first: 'Nell', last: 'Achebe', display: 'Nell Achebe LE', skills: ['skin', 'laser'] },
  {
    first: 'Rita',
    last: 'Calderon',
    display: 'Rita Calderon NP',
    skills: ['wellness', 'injector'],
  },
  { first: 'June', last: 'Hollis', display: 'June Hollis RN', skills: ['laser', 'skin', 'body'] },
];

export interface DemoStaff {
  first: string;
  last: string;
  display: string;
  role: 'office_manager' | 'admin';
}

/** The first manager is the demo's Slack manager, at every clinic; then one per clinic. */
export const STAFF: DemoStaff[] = [
  { first: 'Dana', last: 'Whitfield', display: 'Dana Whitfield', role: 'office_manager' },
  { first: 'Marco', last: 'Illescas', display: 'Marco Illescas', role: 'office_manager' },
  { first: 'Keisha', last: 'Dunbar', display: 'Keisha Dunbar', role: 'office_manager' },
  { first: 'Hana', last: 'Sato', display: 'Hana Sato', role: 'office_manager' },
  { first: 'Rob', last: 'Keller', display: 'Rob Keller', role: 'admin' },
];

/** One invoice line: one of `names` (the first the most likely) at a price in [min, max] cents. */
export interface LineChoice {
  names: string[];
  min: number;
  max: number;
}

export interface Variant {
  /** Chart titles as typed; the first ones are the most common. */
  titles: string[];
  lines: LineChoice[];
  /** Optional add-ons, each on the invoice half of the time. */
  extras?: LineChoice[];
}

export interface Treatment {
  key: string;
  kind: ProcedureKind;
  skill: Skill;
  /** The name of the booked service on the calendar. */
  service: string;
  minutes: number[];
  variants: Variant[];
}

const line = (names: string[], min: number, max: number): LineChoice => ({ names, min, max });

/** Chart "Botox" is billed as Dysport or Xeomin now and then: the brand on the line varies. */
const TOXIN = ['Botox Cosmetic', 'Botox Cosmetic', 'Dysport', 'Xeomin', 'Daxxify'];

export const TREATMENTS: Treatment[] = [
  {
    key: 'toxin',
    kind: 'cosmetic',
    skill: 'injector',
    service: 'Neurotoxin',
    minutes: [30, 30, 45],
    variants: [
      {
        titles: ['BTX 3 areas', 'Botox 3 areas', 'btx forehead/glab/CF', 'tox 3 area'],
        lines: [line(TOXIN, 42000, 65000)],
      },
      {
        titles: ['Botox', 'BTX', 'Botox touch up', 'botox 2 wk f/u'],
        lines: [line(TOXIN, 9000, 30000)],
      },
      {
        titles: ['Dysport glabella', 'dysport glab 50u', 'Botox glabella'],
        lines: [line(['Dysport', 'Botox Cosmetic'], 22000, 32000)],
      },
      {
        titles: ['BTX 40u', 'Botox 40 units', 'Xeo crows feet', 'botox + lip flip'],
        lines: [line(TOXIN, 38000, 56000)],
      },
      {
        titles: ['masseter btx', 'Botox masseters 50u', 'TMJ botox'],
        lines: [line(['Botox Cosmetic', 'Dysport'], 50000, 75000)],
      },
    ],
  },
  {
    key: 'filler',
    kind: 'cosmetic',
    skill: 'injector',
    service: 'Dermal Filler',
    minutes: [45, 60, 60],
    variants: [
      {
        titles: ['Lips 1 syr Juvi', 'lip filler', 'juvaderm lips', 'Lips - Juv Ultra 1 syringe'],
        lines: [line(['Juvederm Ultra XC 1mL'], 65000, 80000)],
      },
      {
        titles: ['Kysse lips', 'Restylane Kysse lips', 'lips resty kyse'],
        lines: [line(['Restylane Kysse 1mL'], 68000, 80000)],
      },
      {
        titles: ['cheeks 2 syr voluma', 'Voluma cheeks', 'midface filler vol'],
        lines: [
          line(['Juvederm Voluma XC 1mL'], 75000, 90000),
          line(['Juvederm Voluma XC 1mL'], 75000, 90000),
        ],
      },
      {
        titles: ['Volux jawline', 'jawline volux 2syr', 'chin filler'],
        lines: [line(['Juvederm Volux XC 1mL'], 80000, 95000)],
      },
      {
        titles: ['RHA NLF', 'RHA 3 smile lines', 'filler - NLF'],
        lines: [line(['RHA 3 1mL', 'RHA 2 1mL'], 70000, 85000)],
      },
      {
        titles: ['TT restylane-L', 'tear trough filler', 'under eye resty'],
        lines: [line(['Restylane-L 1mL'], 70000, 85000)],
      },
      {
        titles: ['filler dissolve', 'hylenex'],
        lines: [line(['Hyaluronidase (Hylenex) Dissolve'], 25000, 40000)],
      },
    ],
  },
  {
    key: 'lhr',
    kind: 'cosmetic',
    skill: 'laser',
    service: 'Laser Hair Removal',
    minutes: [15, 30, 30],
    variants: [
      {
        titles: ['LHR UA', 'laser hair removel UA', 'LHR underarms tx 3'],
        lines: [line(['Laser Hair Removal - Underarms'], 9000, 15000)],
      },
      {
        titles: ['LHR brazilian', 'LHR braz', 'laser hair removal bikini'],
        lines: [
          line(
            ['Laser Hair Removal - Brazilian', 'Laser Hair Removal - Bikini Line'],
            15000,
            25000,
          ),
        ],
      },
      {
        titles: ['LHR full legs', 'lhr FL', 'laser hair removel legs'],
        lines: [line(['Laser Hair Removal - Full Legs'], 30000, 45000)],
      },
      {
        titles: ['lhr lip/chin', 'LHR face', 'LHR upper lip'],
        lines: [
          line(
            ['Laser Hair Removal - Upper Lip & Chin', 'Laser Hair Removal - Upper Lip'],
            6000,
            12000,
          ),
        ],
      },
    ],
  },
  {
    key: 'facial',
    kind: 'cosmetic',
    skill: 'skin',
    service: 'Hydrafacial',
    minutes: [45, 60, 60],
    variants: [
      {
        titles: ['HF sig', 'hydrafacial', 'Hydra facial signature'],
        lines: [line(['Hydrafacial MD Signature'], 19900, 22500)],
      },
      {
        titles: ['HF deluxe + dermaplane', 'hydrafacial deluxe', 'HF dlx'],
        lines: [line(['Hydrafacial MD Deluxe'], 24900, 27500)],
        extras: [line(['Dermaplaning Add-on'], 5000, 7500)],
      },
      {
        titles: ['dermaplane', 'DP facial', 'dermaplaning + peel'],
        lines: [line(['Dermaplaning Facial'], 9500, 13000)],
      },
    ],
  },
  {
    key: 'peel',
    kind: 'cosmetic',
    skill: 'skin',
    service: 'Chemical Peel',
    minutes: [30, 45],
    variants: [
      {
        titles: ['VI peel', 'vi peel precision', 'chem peel VI'],
        lines: [line(['VI Peel Original', 'VI Peel Precision Plus'], 30000, 40000)],
      },
      {
        titles: ['perfect derma peel', 'PDP', 'chemical peal'],
        lines: [line(['The Perfect Derma Peel'], 32500, 37500)],
      },
      {
        titles: ['peel - jessners', 'light peel', 'glyco peel'],
        lines: [line(['Chemical Peel - Light'], 12500, 17500)],
      },
    ],
  },
  {
    key: 'microneedling',
    kind: 'cosmetic',
    skill: 'skin',
    service: 'Microneedling',
    minutes: [60, 60, 90],
    variants: [
      {
        titles: ['MN + PRP', 'microneedling w/ PRP', 'MN prp face', 'vampire facial'],
        lines: [line(['Microneedling with PRP'], 60000, 80000)],
      },
      {
        titles: ['microneedling face', 'SkinPen MN', 'MN full face', 'micro needling'],
        lines: [line(['Microneedling - Full Face'], 30000, 40000)],
        extras: [line(['Exosome Add-on'], 15000, 25000)],
      },
      {
        titles: ['Morpheus8 face', 'M8 face/neck', 'morpheus 8'],
        lines: [line(['Morpheus8 - Face & Neck', 'Morpheus8 - Face'], 90000, 130000)],
      },
    ],
  },
  {
    key: 'laser',
    kind: 'cosmetic',
    skill: 'laser',
    service: 'Laser Skin Treatment',
    minutes: [30, 45, 60],
    variants: [
      {
        titles: ['IPL face', 'BBL full face', 'photofacial', 'IPL FF + neck'],
        lines: [
          line(['BroadBand Light (BBL) - Full Face', 'IPL Photofacial - Face'], 35000, 50000),
        ],
      },
      {
        titles: ['Moxi', 'moxi FF', 'moxi laser face'],
        lines: [line(['Moxi Laser - Full Face'], 45000, 60000)],
      },
      {
        titles: ['halo', 'Halo FF', 'halo fractional'],
        lines: [line(['Halo Fractional Laser - Full Face'], 110000, 150000)],
      },
      {
        titles: ['clear + brilliant', 'C+B', 'clear & brilliant perm'],
        lines: [line(['Clear + Brilliant Permea'], 30000, 40000)],
      },
    ],
  },
  {
    key: 'body',
    kind: 'cosmetic',
    skill: 'body',
    service: 'Body Contouring',
    minutes: [60, 90],
    variants: [
      {
        titles: ['CS flanks', 'coolsculpt flanks 2 cyc', 'coolsculpting love handles'],
        lines: [line(['CoolSculpting - Flanks (2 cycles)'], 140000, 180000)],
      },
      {
        titles: ['CS abd', 'coolsculpt abd 2 cycles', 'coolsculpting belly'],
        lines: [line(['CoolSculpting - Abdomen (2 cycles)'], 140000, 180000)],
      },
      {
        titles: ['Emsculpt abs #2', 'emsculpt neo abd', 'EMS abs'],
        lines: [line(['Emsculpt NEO - Abdomen'], 75000, 100000)],
      },
      {
        titles: ['kybella chin', 'Kybella 2 vials', 'submental kybella'],
        lines: [line(['Kybella (per vial)'], 60000, 120000)],
      },
    ],
  },
  {
    key: 'iv',
    kind: 'health',
    skill: 'wellness',
    service: 'IV Therapy',
    minutes: [45, 60],
    variants: [
      {
        titles: ['IV - Myers', 'myers cocktail', 'Meyers IV'],
        lines: [line(["Myers' Cocktail IV"], 17500, 22500)],
      },
      {
        titles: ['IV hydration + zofran', 'hydration IV', 'hangover IV'],
        lines: [line(['Hydration IV 1L'], 15000, 19000)],
        extras: [line(['Zofran Add-on'], 2500, 3500)],
      },
      {
        titles: ['NAD+ 250mg IV', 'NAD 250', 'nad iv'],
        lines: [line(['NAD+ IV 250mg'], 35000, 45000)],
      },
      {
        titles: ['IV immunity', 'immune boost drip', 'vit C IV'],
        lines: [line(['Immunity Boost IV'], 19000, 24000)],
      },
    ],
  },
  {
    key: 'shots',
    kind: 'health',
    skill: 'wellness',
    service: 'Vitamin Injection',
    minutes: [15],
    variants: [
      {
        titles: ['B12', 'b-12 inj', 'B12 shot', 'b12 IM'],
        lines: [line(['Vitamin B12 Injection'], 2500, 4000)],
      },
      {
        titles: ['lipo-b', 'lipo B inj', 'MIC B12'],
        lines: [line(['Lipo-B Injection'], 3500, 5000)],
      },
      {
        titles: ['glutathione inj', 'gluta push'],
        lines: [line(['Glutathione Injection'], 4000, 6000)],
      },
    ],
  },
  {
    key: 'glp1',
    kind: 'health',
    skill: 'wellness',
    service: 'Weight Loss Program',
    minutes: [15, 30],
    variants: [
      {
        titles: ['Sema wk 4', 'sema 0.5mg', 'semaglutide wk 6', 'GLP-1 f/u'],
        lines: [line(['Semaglutide 4 wk', 'Semaglutide Monthly Program'], 29900, 44900)],
      },
      {
        titles: ['tirz 5mg wk 2', 'Tirzepatide inj', 'tirz f/u', 'mounjaro comp wk 8'],
        lines: [line(['Tirzepatide 4 wk'], 39900, 54900)],
      },
      {
        titles: ['wt loss check in', 'WL consult', 'weight loss initial'],
        lines: [line(['Weight Loss Consultation'], 7500, 15000)],
      },
    ],
  },
  {
    key: 'hormones',
    kind: 'health',
    skill: 'wellness',
    service: 'Hormone Therapy',
    minutes: [30, 45],
    variants: [
      {
        titles: ['BHRT pellets', 'pellet insert F', 'estradiol pellet insert'],
        lines: [line(['BHRT Pellet Insertion - Female'], 35000, 45000)],
      },
      {
        titles: ['T pellet', 'BHRT male pellets', 'testo pellet'],
        lines: [line(['BHRT Pellet Insertion - Male'], 65000, 80000)],
      },
      {
        titles: ['test inj', 'TRT injection', 'T shot'],
        lines: [line(['Testosterone Injection'], 6000, 9000)],
      },
    ],
  },
  {
    key: 'prp',
    kind: 'health',
    skill: 'wellness',
    service: 'PRP Therapy',
    minutes: [60],
    variants: [
      {
        titles: ['PRP hair', 'prp scalp #2', 'PRP hair restoration'],
        lines: [line(['PRP Hair Restoration'], 60000, 80000)],
      },
      {
        titles: ['PRP under eye', 'prp TT', 'PRP undereyes'],
        lines: [line(['PRP Under-Eye Treatment'], 50000, 65000)],
      },
    ],
  },
];

/** Retail added at checkout now and then. */
export const RETAIL: LineChoice[] = [
  line(['SkinMedica TNS Advanced+ Serum'], 29500, 29500),
  line(['EltaMD UV Clear SPF 46'], 4100, 4100),
  line(['SkinCeuticals C E Ferulic'], 18200, 18200),
  line(['Alastin Restorative Skin Complex'], 19500, 19500),
  line(['ZO Skin Health Daily Power Defense'], 15000, 15000),
  line(['Latisse 3mL'], 12500, 12500),
  line(['Revision Skincare Nectifirm'], 10800, 10800),
];

/** The lines of invoices that cannot take a procedure, by kind. */
export const KIND_LINES: Record<string, LineChoice[]> = {
  egift_card: [line(['eGift Card $100', 'eGift Card $250', 'eGift Card $500'], 10000, 10000)],
  service_deposit: [line(['Booking Deposit', 'Service Deposit - Online Booking'], 5000, 10000)],
  membership_monthly: [line(['Glow Club Monthly Membership', 'Tox Club Monthly'], 9900, 14900)],
  membership_yearly: [line(['VIP Annual Membership'], 99900, 149900)],
  online_package: [
    line(
      [
        'Laser Hair Removal - Underarms (Package of 6)',
        'Hydrafacial Signature - Package of 3',
        'Semaglutide 12 wk Package',
        'IV Therapy 5-Pack',
      ],
      60000,
      150000,
    ),
  ],
  cancellation_fee: [line(['Late Cancellation Fee', 'No-Show Fee'], 5000, 7500)],
  treatment_plan: [
    line(
      [
        'Treatment Plan - Acne Series (installment)',
        'Weight Loss Plan - Monthly Installment',
        'Body Contouring Plan - Installment',
      ],
      25000,
      60000,
    ),
  ],
};
