import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { toSqlInstant } from '../domain/time.js';
import { ChartlinkError } from '../errors.js';

/*
 * A run of a job for one clinic and local day is claimed by inserting its row: the unique key
 * lets exactly one copy win however many start at once. A claim whose lease ran out (its process
 * died) or that failed can be taken over; one that finished is never run again.
 */

export type ClaimResult =
  | { kind: 'claimed'; rowId: number; attempt: number }
  | { kind: 'done' }
  | { kind: 'busy'; leaseUntil: string };

export interface ClaimRequest {
  job: string;
  clinicId: number;
  localDate: string;
  runId: string;
  nowMs: number;
  leaseMs: number;
}

export async function claimRun(db: Db, request: ClaimRequest): Promise<ClaimResult> {
  const now = toSqlInstant(request.nowMs);
  const leaseUntil = toSqlInstant(request.nowMs + request.leaseMs);

  try {
    await db
      .insertInto('job_runs')
      .values({
        job: request.job,
        clinic_id: request.clinicId,
        local_date: request.localDate,
        run_id: request.runId,
        status: 'running',
        attempts: 1,
        claimed_at: now,
        lease_until: leaseUntil,
      })
      .execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return retake(db, request, now, leaseUntil);
  }

  const row = await findRun(db, request.job, request.clinicId, request.localDate);
  return { kind: 'claimed', rowId: row!.id, attempt: 1 };
}

async function retake(
  db: Db,
  request: ClaimRequest,
  now: string,
  leaseUntil: string,
): Promise<ClaimResult> {
  const row = await findRun(db, request.job, request.clinicId, request.localDate);
  // Only a person deleting job runs by hand while a copy claims one gets here.
  if (!row) throw new ChartlinkError('RUN_CLAIMED', { detail: { job: request.job } });

  if (row.status === 'done') return { kind: 'done' };
  if (row.status === 'running' && row.lease_until > now) {
    return { kind: 'busy', leaseUntil: row.lease_until };
  }

  // Compare-and-swap on the previous run id: of several copies retaking at once, one wins.
  const result = await db
    .updateTable('job_runs')
    .set({
      run_id: request.runId,
      status: 'running',
      attempts: row.attempts + 1,
      claimed_at: now,
      lease_until: leaseUntil,
      error: null,
    })
    .where('id', '=', row.id)
    .where('run_id', '=', row.run_id)
    .executeTakeFirst();

  if (Number(result.numUpdatedRows) !== 1) return { kind: 'busy', leaseUntil };
  return { kind: 'claimed', rowId: row.id, attempt: row.attempts + 1 };
}

export async function findRun(db: Db, job: string, clinicId: number, localDate: string) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('clinic_id', '=', clinicId)
    .where('local_date', '=', localDate)
    .executeTakeFirst();
}

/**
 * Extends a claim's lease while its copy is still working; false when another copy has taken
 * the run over meanwhile (this one's lease ran out), which must then stop.
 */
export async function renewLease(
  db: Db,
  rowId: number,
  runId: string,
  nowMs: number,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('job_runs')
    .set({ lease_until: toSqlInstant(nowMs + leaseMs) })
    .where('id', '=', rowId)
    .where('run_id', '=', runId)
    .where('status', '=', 'running')
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

/** Marks a claimed run finished; a copy that lost its claim meanwhile changes nothing. */
export async function finishRun(
  db: Db,
  rowId: number,
  runId: string,
  summary: unknown,
  nowMs: number,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ status: 'done', finished_at: toSqlInstant(nowMs), summary: JSON.stringify(summary) })
    .where('id', '=', rowId)
    .where('run_id', '=', runId)
    .execute();
}

export async function failRun(
  db: Db,
  rowId: number,
  runId: string,
  error: string,
  nowMs: number,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ status: 'failed', finished_at: toSqlInstant(nowMs), error: error.slice(0, 2000) })
    .where('id', '=', rowId)
    .where('run_id', '=', runId)
    .execute();
}

/** The latest finished run of a clinic, for the figures on App Home. */
export async function latestFinishedRun(db: Db, job: string, clinicId: number) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'done')
    .orderBy('local_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}
