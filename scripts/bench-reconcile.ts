/**
 * Nightly run benchmark: builds the demo practice in a throwaway SQLite file, then times the
 * reconciliation of every clinic's yesterday with its lookback (reading, classing, ranking and
 * laying out the digest; nothing posted). Usage: tsx scripts/bench-reconcile.ts [ROUNDS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { createLogger } from '../src/logger.js';
import { reconcile } from '../src/reconcile/run.js';

const rounds = Number(process.argv[2] ?? 5);
const folder = mkdtempSync(join(tmpdir(), 'chartlink-bench-'));
const config = loadConfig({ DATABASE_URL: join(folder, 'bench.sqlite') });
const ctx = createContext(config, createLogger('silent'), { createDatabase: true });

try {
  await migrateToLatest(ctx.db);
  const seeded = await seedDemo(ctx.db);
  await reconcile(ctx, { dryRun: true });

  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const results = await reconcile(ctx, { dryRun: true });
    times.push(performance.now() - started);
    items = results.reduce((n, r) => n + (r.digest?.items.length ?? 0), 0);
  }

  times.sort((a, b) => a - b);
  console.log(`appointments in the practice: ${seeded.appointments}`);
  console.log(`clinics: 3, open items in the digests: ${items}`);
  console.log(`rounds: ${rounds}`);
  console.log(`median ms for all three clinics: ${times[Math.floor(rounds / 2)]!.toFixed(1)}`);
  console.log(`fastest ms: ${times[0]!.toFixed(1)}`);
} finally {
  await ctx.db.destroy();
  rmSync(folder, { recursive: true, force: true });
}
