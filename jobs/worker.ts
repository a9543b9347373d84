import cron, { type ScheduledTask } from 'node-cron';

import type { AppContext } from '../src/context.js';
import type { Clinic } from '../src/db/schema.js';
import { addDays, localDateOf, localTimeOf, toSqlInstant } from '../src/domain/time.js';
import { listClinics } from '../src/repo/clinics.js';
import { reconcileClinic } from '../src/reconcile/run.js';
import { renderDigestText } from '../src/render/text.js';

/*
 * The nightly scheduler: each clinic's digest at DIGEST_TIME in the clinic's own zone. Any number
 * of copies may run; the claim in the database lets one of them post each clinic's day.
 */

export interface Scheduler {
  /** Stops scheduling and waits for runs in flight. */
  stop(): Promise<void>;
}

/**
 * Starts one cron task per clinic and catches up the latest scheduled run of each clinic, which
 * is a no-op for days already posted. Clinics added later are picked up at the next start.
 */
export async function startScheduler(
  ctx: AppContext,
  options: { print?: (text: string) => void } = {},
): Promise<Scheduler> {
  const log = ctx.logger.child({ component: 'scheduler' });
  const clinics = await listClinics(ctx.db);
  const inFlight = new Set<Promise<void>>();
  const { hour, minute } = ctx.config.digestTime;

  if (!ctx.slack) log.warn('no SLACK_BOT_TOKEN: digests are printed, not posted');

  const track = (clinic: Clinic, localDate: string) => {
    const run = runSafely(ctx, clinic, localDate, options.print).finally(() =>
      inFlight.delete(run),
    );
    inFlight.add(run);
  };

  const tasks: ScheduledTask[] = clinics.map((clinic) =>
    cron.schedule(
      `${minute} ${hour} * * *`,
      () => track(clinic, addDays(localDateOf(ctx.now(), clinic.time_zone), -1)),
      { timezone: clinic.time_zone, name: `digest-clinic-${clinic.id}`, noOverlap: true },
    ),
  );

  for (const clinic of clinics) track(clinic, lastScheduledDay(ctx, clinic));
  log.info({ clinics: clinics.length, at: `${pad(hour)}:${pad(minute)}` }, 'scheduler started');

  return {
    stop: async () => {
      for (const task of tasks) await task.destroy();
      await Promise.allSettled([...inFlight]);
      log.info('scheduler stopped');
    },
  };
}

/** The day whose digest was due most recently: yesterday once today's time has passed. */
export function lastScheduledDay(ctx: AppContext, clinic: Clinic): string {
  const now = ctx.now();
  const today = localDateOf(now, clinic.time_zone);
  const due = `${pad(ctx.config.digestTime.hour)}:${pad(ctx.config.digestTime.minute)}`;
  const passed = localTimeOf(toSqlInstant(now), clinic.time_zone) >= due;

  return addDays(today, passed ? -1 : -2);
}

async function runSafely(
  ctx: AppContext,
  clinic: Clinic,
  localDate: string,
  print: ((text: string) => void) | undefined,
): Promise<void> {
  try {
    const result = await reconcileClinic(ctx, clinic, localDate, false);
    if (result.outcome === 'printed' && result.digest) print?.(renderDigestText(result.digest));

    const fields = { clinicId: clinic.id, localDate, outcome: result.outcome };
    if (result.error) ctx.logger.error({ ...fields, err: result.error }, 'scheduled digest failed');
    else ctx.logger.info(fields, 'scheduled digest finished');
  } catch (err) {
    // The failed run stays retakeable; the next start or the next night tries again.
    ctx.logger.error({ err, clinicId: clinic.id, localDate }, 'scheduled digest failed');
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
