import { randomUUID } from 'node:crypto';

import type { AppContext } from '../context.js';
import type { Clinic } from '../db/schema.js';
import { asChartlinkError } from '../db/errors.js';
import { ChartlinkError, isChartlinkError } from '../errors.js';
import {
  addDays,
  isValidZone,
  localDateOf,
  localDateOfInstant,
  toSqlInstant,
} from '../domain/time.js';
import { OLDER_OPEN_HORIZON_DAYS } from '../domain/windows.js';
import type { Logger } from '../logger.js';
import { listClinics } from '../repo/clinics.js';
import {
  digestMessagesOf,
  recordDigestMessage,
  type MessageContent,
} from '../repo/digestMessages.js';
import { countOpenBetween, loadClinicFacts } from '../repo/facts.js';
import { claimRun, failRun, finishRun, renewLease } from '../repo/jobRuns.js';
import { buildDigestMessage, planDigest, type MessagePlan } from '../slack/blocks/digest.js';
import type { Block } from '../slack/blocks/kit.js';
import { assembleDigest, type Assembled } from './assemble.js';
import type { Digest, DigestItem } from './model.js';

export const DIGEST_JOB = 'digest';

/** A crashed claim may be taken over after this long. Posting a digest takes seconds. */
const LEASE_MS = 10 * 60 * 1000;

/** Stands in for the top message's ts in continuations that were not posted (dry runs). */
export const THREAD_OF_TOP_MESSAGE = '<ts of the first message>';

export interface PostPayload {
  channel: string;
  text: string;
  blocks: Block[];
  thread_ts?: string;
  unfurl_links: false;
  unfurl_media: false;
}

export type Outcome =
  'posted' | 'printed' | 'dry_run' | 'already_done' | 'busy' | 'no_channel' | 'failed';

export interface ClinicResult {
  clinicId: number;
  clinicName: string;
  localDate: string;
  outcome: Outcome;
  /** Null when the run was not this copy's to do, or failed. */
  digest: Digest | null;
  payloads: PostPayload[];
  /** Why a failed run failed; the run stays retakeable. */
  error?: ChartlinkError;
}

export interface ReconcileRequest {
  clinicId?: number;
  date?: string;
  dryRun?: boolean;
}

/** Reconciles every clinic (or one), each for its own yesterday unless a date is given. */
export async function reconcile(
  ctx: AppContext,
  request: ReconcileRequest,
): Promise<ClinicResult[]> {
  const clinics = await clinicsFor(ctx, request.clinicId);
  if (request.date !== undefined) assertDayOver(request.date, clinics, ctx.now());
  const results: ClinicResult[] = [];

  for (const clinic of clinics) {
    if (!isValidZone(clinic.time_zone)) {
      results.push(failed(clinic, request.date ?? '(yesterday)', zoneError(clinic)));
      continue;
    }
    const localDate = request.date ?? yesterdayIn(clinic.time_zone, ctx.now());
    results.push(await reconcileIsolated(ctx, clinic, localDate, request.dryRun ?? false));
  }
  return results;
}

/**
 * A clinic whose digest fails (its channel was archived, say) must not keep the others from
 * theirs. A database that is down fails them all, so that one is thrown at once.
 */
async function reconcileIsolated(
  ctx: AppContext,
  clinic: Clinic,
  localDate: string,
  dryRun: boolean,
): Promise<ClinicResult> {
  try {
    return await reconcileClinic(ctx, clinic, localDate, dryRun);
  } catch (thrown) {
    const known = asChartlinkError(thrown);
    if (isChartlinkError(known, 'DB_UNAVAILABLE')) throw known;
    if (isChartlinkError(known)) return failed(clinic, localDate, known);

    // Only the unexpected is logged here: a coded failure was logged where it happened.
    ctx.logger.error({ err: thrown, clinicId: clinic.id, localDate }, 'clinic digest failed');
    const error = new ChartlinkError('INTERNAL', {
      cause: thrown,
      detail: { clinicId: clinic.id },
    });
    return failed(clinic, localDate, error);
  }
}

function failed(clinic: Clinic, localDate: string, error: ChartlinkError): ClinicResult {
  const base = { clinicId: clinic.id, clinicName: clinic.name, localDate };
  return { ...base, outcome: 'failed', digest: null, payloads: [], error };
}

function assertKnownZone(clinic: Clinic): void {
  if (!isValidZone(clinic.time_zone)) throw zoneError(clinic);
}

function zoneError(clinic: Clinic): ChartlinkError {
  return new ChartlinkError('CONFIG_INVALID', {
    message: `Clinic ${clinic.id} (${clinic.name}) has the time zone ${JSON.stringify(clinic.time_zone)}, which is not an IANA zone such as America/New_York.`,
  });
}

/**
 * A day is reconciled once it is over in every clinic asked for: a digest of a day still under
 * way would be posted incomplete, and the claim would keep the real one from being posted.
 */
function assertDayOver(localDate: string, clinics: Clinic[], nowMs: number): void {
  const running = clinics.find(
    (c) => isValidZone(c.time_zone) && localDate >= localDateOf(nowMs, c.time_zone),
  );
  if (!running) return;

  throw new ChartlinkError('CONFIG_INVALID', {
    message: `${localDate} is not over yet at ${running.name} (${running.time_zone}); give a day before ${localDateOf(nowMs, running.time_zone)}.`,
  });
}

async function clinicsFor(ctx: AppContext, clinicId: number | undefined): Promise<Clinic[]> {
  const clinics = await listClinics(ctx.db);
  if (clinicId === undefined) return clinics;

  const clinic = clinics.find((c) => c.id === clinicId);
  if (!clinic) {
    const known = clinics.map((c) => c.id).join(', ') || 'none';
    throw new ChartlinkError('CONFIG_INVALID', {
      message: `No clinic with id ${clinicId}; the clinics are: ${known}.`,
    });
  }
  return [clinic];
}

export function yesterdayIn(zone: string, nowMs: number): string {
  return addDays(localDateOf(nowMs, zone), -1);
}

/**
 * One clinic and day. With a Slack client the run is claimed first, so that one copy posts it
 * however many run; without one the digest is only rendered, which claims and records nothing.
 */
export async function reconcileClinic(
  ctx: AppContext,
  clinic: Clinic,
  localDate: string,
  dryRun: boolean,
): Promise<ClinicResult> {
  const runId = randomUUID();
  const log = ctx.logger.child({ clinicId: clinic.id, localDate, runId });
  assertKnownZone(clinic);
  const base = { clinicId: clinic.id, clinicName: clinic.name, localDate };
  const posting = ctx.slack !== null && !dryRun;

  if (!posting) {
    const prepared = await prepare(ctx, clinic, localDate, log);
    const payloads = prepared.plans.map((plan) => payloadOf(prepared, plan, THREAD_OF_TOP_MESSAGE));
    return { ...base, outcome: dryRun ? 'dry_run' : 'printed', digest: prepared.digest, payloads };
  }
  if (!clinic.slack_channel_id) {
    log.warn('clinic has no slack channel; digest not posted');
    return { ...base, outcome: 'no_channel', digest: null, payloads: [] };
  }

  const claim = await claimRun(ctx.db, {
    job: DIGEST_JOB,
    clinicId: clinic.id,
    localDate,
    runId,
    nowMs: ctx.now(),
    leaseMs: LEASE_MS,
  });
  if (claim.kind !== 'claimed') {
    log.info({ claim: claim.kind }, 'digest run not ours');
    return {
      ...base,
      outcome: claim.kind === 'done' ? 'already_done' : 'busy',
      digest: null,
      payloads: [],
    };
  }

  const { digest, payloads } = await runClaimed(ctx, clinic, localDate, { ...claim, runId }, log);
  return { ...base, outcome: 'posted', digest, payloads };
}

/** Builds and posts a claimed run, and marks it done, or failed so that it can be retaken. */
async function runClaimed(
  ctx: AppContext,
  clinic: Clinic,
  localDate: string,
  claim: { rowId: number; runId: string },
  log: Logger,
): Promise<{ digest: Digest; payloads: PostPayload[] }> {
  try {
    const prepared = await prepare(ctx, clinic, localDate, log);
    const keepClaim = () => holdLease(ctx, claim);
    const payloads = await post(ctx, clinic, prepared, keepClaim, log);
    const counts = countsOf(prepared.digest, payloads);

    await finishRun(ctx.db, claim.rowId, claim.runId, counts, ctx.now());
    return { digest: prepared.digest, payloads };
  } catch (err) {
    log.error({ err }, 'digest run failed');
    // The run's own error is what the caller must see; should marking it failed fail too (the
    // database is gone), the lease still lets the next copy retake it.
    await failRun(ctx.db, claim.rowId, claim.runId, String(err), ctx.now()).catch(() => undefined);
    throw err;
  }
}

interface Prepared {
  digest: Digest;
  items: Map<number, DigestItem>;
  plans: MessagePlan[];
}

async function prepare(
  ctx: AppContext,
  clinic: Clinic,
  localDate: string,
  log: Logger,
): Promise<Prepared> {
  const started = performance.now();
  const assembled = await buildDigest(ctx, clinic, localDate);
  const { digest, itemsByAppointment } = assembled;
  const plans = planDigest(digest);

  log.info(
    {
      ...digest.summary,
      items: digest.items.length,
      messages: plans.length,
      ms: Math.round(performance.now() - started),
    },
    'digest built',
  );
  return { digest, items: itemsByAppointment, plans };
}

/** Reads a clinic's facts for the day and the lookback before it, and assembles the digest. */
export async function buildDigest(
  ctx: AppContext,
  clinic: Clinic,
  localDate: string,
): Promise<Assembled> {
  const from = addDays(localDate, -ctx.config.digestLookbackDays);
  const facts = await loadClinicFacts(ctx.db, clinic, from, localDate, toSqlInstant(ctx.now()));
  const older = await countOpenBetween(
    ctx.db,
    clinic,
    addDays(from, -OLDER_OPEN_HORIZON_DAYS),
    from,
  );

  return assembleDigest(facts, {
    localDate,
    since: from,
    older: {
      count: older.count,
      oldestDate:
        older.oldestStartsAt && localDateOfInstant(older.oldestStartsAt, clinic.time_zone),
    },
    matcher: ctx.matcher,
    showPatientNames: ctx.config.privacy === 'names',
  });
}

function payloadOf(prepared: Prepared, plan: MessagePlan, threadTs: string): PostPayload {
  return toPayload(prepared.digest, plan, prepared.plans.length, prepared.items, threadTs);
}

export function toPayload(
  digest: Digest,
  plan: MessagePlan,
  parts: number,
  items: Map<number, DigestItem>,
  threadTs: string,
): PostPayload {
  const message = buildDigestMessage(digest, plan, parts, items);

  return {
    channel: digest.channelId ?? '',
    text: message.text,
    blocks: message.blocks,
    ...(plan.seq > 0 ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
  };
}

/**
 * Renews the claim before each message, so a run slowed down by Slack's rate limits keeps it;
 * a copy whose lease ran out and was taken over stops instead of posting beside the other.
 */
async function holdLease(ctx: AppContext, claim: { rowId: number; runId: string }) {
  if (await renewLease(ctx.db, claim.rowId, claim.runId, ctx.now(), LEASE_MS)) return;

  throw new ChartlinkError('RUN_CLAIMED', { detail: { runId: claim.runId } });
}

/**
 * Posts the messages not yet recorded for this clinic and day, each recorded as soon as Slack
 * accepts it. A run taken over after a crash so skips what the dead copy already posted.
 * Not handled: a copy that dies between Slack's answer and the insert of that one message leaves
 * it unrecorded, and the copy that takes over posts it again. Messages already posted are known
 * by their position only: if items changed between the crash and the takeover, the replies
 * posted then may repeat or leave out some of the dead copy's items.
 */
async function post(
  ctx: AppContext,
  clinic: Clinic,
  prepared: Prepared,
  keepClaim: () => Promise<void>,
  log: Logger,
): Promise<PostPayload[]> {
  const { digest, plans } = prepared;
  const channel = clinic.slack_channel_id!;
  const posted = new Map(
    (await digestMessagesOf(ctx.db, clinic.id, digest.localDate)).map((m) => [m.seq, m]),
  );
  let threadTs = posted.get(0)?.ts ?? null;
  const payloads: PostPayload[] = [];

  for (const plan of plans) {
    const payload = payloadOf(prepared, plan, threadTs ?? THREAD_OF_TOP_MESSAGE);
    payloads.push(payload);
    if (posted.has(plan.seq)) continue;

    await keepClaim();
    const ts = await postOne(ctx, payload);
    if (plan.seq === 0) threadTs = ts;

    await recordDigestMessage(ctx.db, {
      clinicId: clinic.id,
      localDate: digest.localDate,
      seq: plan.seq,
      channelId: channel,
      ts,
      threadTs: plan.seq === 0 ? null : threadTs,
      content: contentOf(plan, prepared.items),
      nowMs: ctx.now(),
    });
    log.info({ seq: plan.seq, ts, blocks: payload.blocks.length }, 'digest message posted');
  }
  return payloads;
}

async function postOne(ctx: AppContext, payload: PostPayload): Promise<string> {
  await ctx.pacer.wait(payload.channel);

  try {
    const response = await ctx.slack!.chat.postMessage(payload);
    if (!response.ts) throw new ChartlinkError('SLACK_FAILED', { detail: { reason: 'no ts' } });
    return response.ts;
  } catch (err) {
    throw slackError(err, payload.channel);
  }
}

/**
 * Slack's own error code (channel_not_found, not_in_channel, …) as a coded error; a request that
 * never got an answer says so instead.
 */
export function slackError(err: unknown, channel: string): ChartlinkError {
  const slackCode = (err as { data?: { error?: string } }).data?.error;
  const reason = (err as Error).message;
  const message = slackCode
    ? `Slack refused the message for channel ${channel}: ${slackCode}.`
    : `Slack could not be reached to post to channel ${channel} (${reason}); try again later.`;

  return new ChartlinkError('SLACK_FAILED', {
    message,
    detail: { slackError: slackCode ?? null, channel },
    cause: err,
  });
}

export function contentOf(plan: MessagePlan, items: Map<number, DigestItem>): MessageContent {
  const invoiceIds = plan.appointmentIds.flatMap((id) => {
    const item = items.get(id);
    if (!item) return [];
    return [
      ...(item.offer ? [item.offer.invoiceId] : []),
      ...item.paidInvoices.map((i) => i.invoiceId),
      ...item.notAttachable.map((i) => i.invoiceId),
    ];
  });

  return { appointmentIds: plan.appointmentIds, invoiceIds };
}

function countsOf(digest: Digest, payloads: PostPayload[]) {
  return { ...digest.summary, items: digest.items.length, messages: payloads.length };
}
