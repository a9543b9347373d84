/**
 * Ranking benchmark: 10,000 synthetic invoices with realistic candidate lists, ranked on one
 * core after a warm-up. Usage: tsx scripts/bench-ranking.ts [COUNT]
 */
import { createMatcher } from '../src/matching/index.js';
import type { MatchInvoice, MatchProcedure } from '../src/matching/index.js';

interface Job {
  invoice: MatchInvoice;
  procedures: MatchProcedure[];
}

// Invoice line and chart title wordings per treatment; typos are added at random below.
const TREATMENTS: [string[], string[], 'cosmetic' | 'health'][] = [
  [
    ['Botox Cosmetic', 'Dysport 300u', 'Xeomin per unit', 'Daxxify'],
    ['BTX FH/glab', 'tox 3 areas', 'Dysport crows'],
    'cosmetic',
  ],
  [
    ['Juvederm Ultra XC', 'Restylane Kysse', 'RHA 3 1ml', 'Voluma XC'],
    ['lips 1 syr', 'cheek filler', 'chin Volux'],
    'cosmetic',
  ],
  [['HydraFacial Signature', 'DiamondGlow'], ['hydra facial', 'HF + dermaplane'], 'cosmetic'],
  [['Morpheus8 Face', 'SkinPen Microneedling'], ['M8 face/neck', 'MN + PRP'], 'cosmetic'],
  [['CoolSculpting cycle', 'Emsculpt NEO'], ['CS abdomen', 'emsculpt abs'], 'cosmetic'],
  [
    ['Laser Hair Removal - Underarms', 'LHR Brazilian'],
    ['LHR UA', 'laser hair removal legs'],
    'cosmetic',
  ],
  [['IPL Photofacial', 'BBL Hero'], ['BBL face', 'IPL sun spots'], 'cosmetic'],
  [['Myers Cocktail IV', 'NAD+ 500mg'], ['IV Myers', 'NAD drip'], 'health'],
  [['Semaglutide monthly', 'Tirzepatide 4 wk'], ['sema wk 6', 'GLP-1 f/u'], 'health'],
  [['Vitamin B12 shot', 'Lipo-Mino'], ['B12 inj', 'lipo mino'], 'health'],
];
const RETAIL = ['SkinMedica TNS Serum', 'EltaMD UV Clear SPF 46', 'Obagi cream'];
const PEOPLE = [
  'Dr. Ada Brooks',
  'Maya Patel NP',
  'Lena Ortiz RN',
  'Chris Dunn RN',
  'Priya Shah PA-C',
];

/** A small deterministic PRNG (mulberry32), so every run ranks the same invoices. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function buildJobs(count: number, rand: () => number): Job[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const typo = (text: string): string => {
    if (rand() > 0.2 || text.length < 5) return text;
    const at = 1 + Math.floor(rand() * (text.length - 2));
    return text.slice(0, at) + text.slice(at + 1);
  };
  const day = (offset: number): string =>
    new Date(Date.UTC(2026, 10, 15) - offset * 86_400_000).toISOString().slice(0, 10);

  const jobs: Job[] = [];
  for (let n = 0; n < count; n++) {
    const treatment = pick(TREATMENTS);
    const [lines] = treatment;
    const items = [{ name: typo(pick(lines)), quantity: 1, amountCents: 50_000 }];
    if (rand() < 0.2) items.push({ name: pick(RETAIL), quantity: 1, amountCents: 9_800 });

    const procedures: MatchProcedure[] = [];
    const candidates = 1 + Math.floor(rand() * 7);
    for (let k = 0; k < candidates; k++) {
      // The first candidate is the same treatment; the others are whatever else is open.
      const [, titles, procKind] = k === 0 ? treatment : pick(TREATMENTS);
      procedures.push({
        id: `p${k + 1}`,
        title: rand() < 0.05 ? null : typo(pick(titles)),
        kind: procKind,
        date: day(Math.floor(rand() * 30)),
        provider: pick(PEOPLE),
      });
    }
    jobs.push({
      invoice: { number: `INV-${n}`, date: day(0), employees: [pick(PEOPLE)], items },
      procedures,
    });
  }
  return jobs;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function main(): void {
  const count = Number(process.argv[2] ?? 10_000);
  const jobs = buildJobs(count, random(42));
  const matcher = createMatcher();

  // Warm-up: JIT and the matcher's caches see the vocabulary once before timing.
  for (const job of buildJobs(2_000, random(7))) matcher.rank(job.invoice, job.procedures);

  const perInvoice: number[] = [];
  const started = process.hrtime.bigint();
  for (const job of jobs) {
    const t0 = process.hrtime.bigint();
    matcher.rank(job.invoice, job.procedures);
    perInvoice.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;

  perInvoice.sort((a, b) => a - b);
  console.log(`invoices: ${count}`);
  console.log(`total ms: ${totalMs.toFixed(1)}`);
  console.log(`invoices/s: ${Math.round((count / totalMs) * 1000)}`);
  console.log(`p50 ms per invoice: ${percentile(perInvoice, 0.5).toFixed(4)}`);
  console.log(`p99 ms per invoice: ${percentile(perInvoice, 0.99).toFixed(4)}`);
}

main();
