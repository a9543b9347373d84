import cron, { type ScheduledTask } from 'node-cron';

import type { AppContext } from '../src/context.js';
import type { Clinic } from '../src/db/schema.js';
import {
  addDays,
  isValidZone,
  localDateOf,
  localTimeOf,
  toSqlInstant,
} from '../src/domain/time.js';
import { listClinics } from '../src/repo/clinics.js';
import { reconcileClinic, yesterdayIn } from '../src/reconcile/run.js';
import { renderDigestText } from '../src/render/text.js';

/*
 * The nightly scheduler: each clinic's digest at DIGEST_TIME in the clinic's own zone. Any number
 * of copies may run; the claim in the database lets one of them post each clinic's day.
 */

/** Every hour, at this minute, a copy retries the latest digest of clinics not posted yet. */
const SWEEP_MINUTE = 17;

export interface Scheduler {
  /** Stops scheduling and waits for runs in flight. */
  stop(): Promise<void>;
}

type Track = (clinic: Clinic, localDate: string) => void;

/**
 * Starts one cron task per clinic and catches up the latest scheduled run of each clinic, which
 * is a no-op for days already posted. With a bot token, an hourly sweep retries a digest that
 * failed or whose copy died. Clinics added later are picked up at the next start; a clinic with
 * an unknown time zone is left out and logged.
 */
export async function startScheduler(
  ctx: AppContext,
  options: { print?: (text: string) => void } = {},
): Promise<Scheduler> {
  const log = ctx.logger.child({ component: 'scheduler' });
  const clinics = await schedulableClinics(ctx);
  const inFlight = new Set<Promise<void>>();

  const track: Track = (clinic, localDate) => {
    const run = runSafely(ctx, clinic, localDate, options.print).finally(() =>
      inFlight.delete(run),
    );
    inFlight.add(run);
  };

  const tasks = clinics.map((clinic) => scheduleClinic(ctx, clinic, track));
  if (ctx.slack) tasks.push(scheduleSweep(ctx, clinics, track));
  else log.warn('no SLACK_BOT_TOKEN: digests are printed, not posted');

  for (const clinic of clinics) track(clinic, lastScheduledDay(ctx, clinic));
  log.info({ clinics: clinics.length, at: dueTime(ctx) }, 'scheduler started');

  return {
    stop: async () => {
      for (const task of tasks) await task.destroy();
      await Promise.allSettled([...inFlight]);
      log.info('scheduler stopped');
    },
  };
}

async function schedulableClinics(ctx: AppContext): Promise<Clinic[]> {
  const clinics = await listClinics(ctx.db);

  for (const clinic of clinics.filter((c) => !isValidZone(c.time_zone))) {
    ctx.logger.error(
      { clinicId: clinic.id, timeZone: clinic.time_zone },
      'clinic has an unknown time zone; no digest is scheduled for it',
    );
  }
  return clinics.filter((c) => isValidZone(c.time_zone));
}

function scheduleClinic(ctx: AppContext, clinic: Clinic, track: Track): ScheduledTask {
  const { hour, minute } = ctx.config.digestTime;

  return cron.schedule(
    `${minute} ${hour} * * *`,
    () => track(clinic, yesterdayIn(clinic.time_zone, ctx.now())),
    { timezone: clinic.time_zone, name: `digest-clinic-${clinic.id}`, noOverlap: true },
  );
}

/**
 * Posted and running days answer the claim at once, so the sweep costs a query per clinic. It
 * retries only the latest due day of each clinic; an older day missed as well is not posted.
 */
function scheduleSweep(ctx: AppContext, clinics: Clinic[], track: Track): ScheduledTask {
  return cron.schedule(
    `${SWEEP_MINUTE} * * * *`,
    () => {
      for (const clinic of clinics) track(clinic, lastScheduledDay(ctx, clinic));
    },
    { name: 'digest-sweep', noOverlap: true },
  );
}

/** The day whose digest was due most recently: yesterday once today's time has passed. */
export function lastScheduledDay(ctx: AppContext, clinic: Clinic): string {
  const now = ctx.now();
  const passed = localTimeOf(toSqlInstant(now), clinic.time_zone) >= dueTime(ctx);

  return addDays(localDateOf(now, clinic.time_zone), passed ? -1 : -2);
}

function dueTime(ctx: AppContext): string {
  const { hour, minute } = ctx.config.digestTime;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
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
    ctx.logger.info(fields, 'scheduled digest finished');
  } catch (err) {
    // The failed run stays retakeable: the hourly sweep, the next start or the next night.
    ctx.logger.error({ err, clinicId: clinic.id, localDate }, 'scheduled digest failed');
  }
}
