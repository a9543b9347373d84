import { readFileSync, rmSync } from 'node:fs';

import type { Config } from '../config.js';
import { createContext, matcherFor, type AppContext } from '../context.js';
import { migrateToLatest, requireLatestSchema } from '../db/migrate.js';
import { seedDemo } from '../demo/seed.js';
import { isLocalDate } from '../domain/time.js';
import { ChartlinkError } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadCases, predictCase } from '../matching/index.js';
import { reconcile, type ClinicResult } from '../reconcile/run.js';
import { renderDigestText } from '../render/text.js';
import { renderInvoiceText } from '../render/lookup.js';
import { listClinics } from '../repo/clinics.js';
import { invoiceAnswer } from '../lookup/answers.js';
import { parseFlags, positiveInt, usage } from './args.js';

export type Command = (argv: string[], config: Config, logger: Logger) => Promise<number>;

/** Where `chartlink demo` builds its throwaway database, apart from DATABASE_URL. */
const DEMO_DATABASE = './data/demo.sqlite';

/** 100,000 patients: beyond it the practice no longer fits comfortably in memory. */
const MAX_DEMO_SCALE = 50;

/** The commands that build a database may create its SQLite file; the others must find it. */
const CREATE = { createDatabase: true };

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** Runs a command body with a context, and always closes the database afterwards. */
async function withContext<T>(
  config: Config,
  logger: Logger,
  body: (ctx: AppContext) => Promise<T>,
  options: { createDatabase?: boolean } = {},
): Promise<T> {
  const ctx = createContext(config, logger, options);
  try {
    return await body(ctx);
  } finally {
    await ctx.db.destroy();
  }
}

const migrate: Command = async (argv, config, logger) => {
  parseFlags('migrate', argv, {});

  return withContext(
    config,
    logger,
    async (ctx) => {
      const ran = await migrateToLatest(ctx.db);
      out(ran.length > 0 ? `Migrated: ${ran.join(', ')}` : 'The schema is up to date.');
      return 0;
    },
    CREATE,
  );
};

const seedDemoCommand: Command = async (argv, config, logger) => {
  const flags = parseFlags('seed-demo', argv, { scale: { type: 'string' } });
  const scale = positiveInt('seed-demo', 'scale', flags.scale as string | undefined) ?? 1;
  if (scale > MAX_DEMO_SCALE) {
    throw usage('seed-demo', `--scale goes up to ${MAX_DEMO_SCALE} (100,000 patients)`);
  }

  return withContext(
    config,
    logger,
    async (ctx) => {
      await migrateToLatest(ctx.db);
      const summary = await seedDemo(ctx.db, { scale, logger });
      out(`Seeded the demo practice: ${describeCounts(summary)}.`);
      return 0;
    },
    CREATE,
  );
};

function describeCounts(counts: object): string {
  return Object.entries(counts)
    .map(([key, value]) => `${String(value)} ${key}`)
    .join(', ');
}

const reconcileCommand: Command = async (argv, config, logger) => {
  const flags = parseFlags('reconcile', argv, {
    clinic: { type: 'string' },
    date: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const clinicId = positiveInt('reconcile', 'clinic', flags.clinic as string | undefined);
  const date = flags.date as string | undefined;
  if (date !== undefined && !isLocalDate(date)) {
    throw usage('reconcile', `--date takes a day as YYYY-MM-DD, not ${JSON.stringify(date)}`);
  }

  return withContext(config, logger, async (ctx) => {
    await requireLatestSchema(ctx.db);
    const results = await reconcile(ctx, { clinicId, date, dryRun: flags['dry-run'] === true });
    printResults(results, flags.json === true);
    return results.some((r) => r.outcome === 'failed') ? 1 : 0;
  });
};

function printResults(results: ClinicResult[], json: boolean): void {
  if (json) {
    out(
      JSON.stringify(
        results.flatMap((r) => r.payloads),
        null,
        2,
      ),
    );
    return;
  }

  for (const result of results) {
    if (result.digest && result.outcome !== 'posted') out(`${renderDigestText(result.digest)}\n`);
    const note = OUTCOME_NOTES[result.outcome];
    if (note) out(`${result.clinicName}, ${result.localDate}: ${note(result)}\n`);
  }

  for (const failed of results.filter((r) => r.outcome === 'failed')) {
    process.stderr.write(
      `chartlink: ${failed.clinicName}, ${failed.localDate}: not posted. ${failed.error?.userMessage ?? ''}\n`,
    );
  }
}

const OUTCOME_NOTES: Partial<Record<ClinicResult['outcome'], (r: ClinicResult) => string>> = {
  posted: (r) => `posted ${r.payloads.length} message(s) to ${r.payloads[0]?.channel ?? '?'}.`,
  already_done: () => 'already posted; a day is posted once.',
  busy: () => 'another copy is posting this digest right now.',
  no_channel: () => 'no Slack channel is set for the clinic; nothing posted.',
  dry_run: () => 'dry run: nothing posted or recorded.',
};

const demo: Command = async (argv, config, logger) => {
  const flags = parseFlags('demo', argv, { json: { type: 'boolean' } });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DEMO_DATABASE}${suffix}`, { force: true });

  // The demo never posts, whatever the environment holds: it shows what would be posted.
  const demoConfig: Config = { ...config, databaseUrl: DEMO_DATABASE, slackBotToken: null };

  return withContext(
    demoConfig,
    logger,
    async (ctx) => {
      await migrateToLatest(ctx.db);
      const summary = await seedDemo(ctx.db, { logger, now: ctx.now() });
      if (flags.json !== true)
        out(`Demo practice in ${DEMO_DATABASE}: ${describeCounts(summary)}.\n`);

      printResults(await reconcile(ctx, {}), flags.json === true);
      return 0;
    },
    CREATE,
  );
};

const suggest: Command = async (argv, config, logger) => {
  const flags = parseFlags('suggest', argv, {
    cases: { type: 'string' },
    invoice: { type: 'string' },
    json: { type: 'boolean' },
  });
  const cases = flags.cases as string | undefined;
  const invoice = flags.invoice as string | undefined;
  if ((cases === undefined) === (invoice === undefined) || invoice?.trim() === '') {
    throw usage('suggest', 'Give either --cases FILE.jsonl or --invoice NUMBER');
  }

  if (cases !== undefined) return suggestCases(cases, config);
  return withContext(config, logger, async (ctx) =>
    suggestInvoice(ctx, invoice!, flags.json === true),
  );
};

function suggestCases(file: string, config: Config): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw usage('suggest', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }

  const matcher = matcherFor(config);
  for (const c of parseCases(file, text)) out(JSON.stringify(predictCase(matcher, c)));
  return 0;
}

function parseCases(file: string, text: string) {
  try {
    return loadCases(text);
  } catch (err) {
    throw usage('suggest', `${file}: ${(err as Error).message}`);
  }
}

async function suggestInvoice(ctx: AppContext, number: string, json: boolean): Promise<number> {
  await requireLatestSchema(ctx.db);
  const clinics = await listClinics(ctx.db);
  const answer = await invoiceAnswer(ctx, null, clinics, number.trim());
  if (!answer) {
    throw new ChartlinkError('INVOICE_NOT_FOUND', { message: `No invoice numbered ${number}.` });
  }

  out(json ? JSON.stringify(answer, null, 2) : renderInvoiceText(answer));
  return 0;
}

const worker: Command = async (argv, config, logger) => {
  parseFlags('worker', argv, {});
  const { startScheduler } = await import('../../jobs/worker.js');

  return withContext(config, logger, async (ctx) => {
    await requireLatestSchema(ctx.db);
    const scheduler = await startScheduler(ctx, { print: out });
    await untilSignal(logger);
    await scheduler.stop();
    return 0;
  });
};

const serve: Command = async (argv, config, logger) => {
  const flags = parseFlags('serve', argv, { 'with-worker': { type: 'boolean' } });
  const { startServer } = await import('../slack/app.js');

  const ctx = createContext(config, logger);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    await requireLatestSchema(ctx.db);
    server = await startServer(ctx, { withWorker: flags['with-worker'] === true });
  } catch (err) {
    // Once started, the server closes the pool itself on stop; before that, it is ours to close.
    await ctx.db.destroy();
    throw err;
  }

  await untilSignal(logger);
  await server.stop();
  return 0;
};

/** Resolves on the first SIGTERM or SIGINT, so the caller can shut down in order. */
function untilSignal(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export const COMMANDS: Record<string, Command> = {
  migrate,
  'seed-demo': seedDemoCommand,
  reconcile: reconcileCommand,
  demo,
  suggest,
  worker,
  serve,
};
