/**
 * Offline evaluation of the matcher on a labelled JSON-lines file.
 * Usage: tsx scripts/eval-matching.ts [FILE]   (default: ../shared/data/matching/dev.jsonl)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createMatcher, evaluate, loadCases, predictCase } from '../src/matching/index.js';
import type { EvalReport } from '../src/matching/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FILE = resolve(repoRoot, '../shared/data/matching/dev.jsonl');

function main(): void {
  const file = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_FILE;
  if (!existsSync(file)) {
    console.error(`eval-matching: case file not found: ${file}`);
    console.error('Pass the path of a JSON-lines case file as the first argument.');
    process.exit(1);
  }

  const cases = loadCases(readFileSync(file, 'utf8'));
  const matcher = createMatcher({ extraVocabularyFile: process.env.CHARTLINK_VOCABULARY });
  const report = evaluate(
    cases,
    cases.map((c) => predictCase(matcher, c)),
  );

  console.log(`file: ${file}`);
  printReport(report);
}

function printReport(report: EvalReport): void {
  const pct = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(3));
  console.log(`top-1: ${pct(report.top1)}`);
  console.log(`top-3: ${pct(report.top3)}`);
  console.log(`confident precision: ${pct(report.confidentPrecision)}`);
  console.log(`confident coverage: ${pct(report.confidentCoverage)}`);
  console.log(`null-confident rate: ${pct(report.nullConfidentRate)}`);

  const c = report.counts;
  console.log(
    `counts: cases=${c.cases} answerable=${c.answerable} null=${c.nullAnswer} ` +
      `confident=${c.confident} confident_correct=${c.confidentCorrect}`,
  );
}

main();
