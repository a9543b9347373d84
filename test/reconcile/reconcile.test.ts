import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { connect } from '../../src/db/connect.js';
import { reconcile } from '../../src/reconcile/run.js';
import { claimRun, renewLease } from '../../src/repo/jobRuns.js';
import { buildDay, PracticeBuilder } from '../fixtures/practice.js';
import { testContext, NOW } from '../support/context.js';
import { describeEachDatabase } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/slackApi.js';

describeEachDatabase('nightly reconciliation', (testDb) => {
  let slack: FakeSlack;

  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    await slack.close();
  });

  const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.url });

  it('should class the day and carry over older open items', async () => {
    const { db, dialect } = testDb();
    const { ids } = await buildDay(db);

    const [result] = await reconcile(testContext(db, dialect), { dryRun: true });
    const digest = result!.digest!;

    expect(digest.localDate).toBe('2026-12-03');
    expect(digest.summary).toMatchObject({
      appointments: 6,
      complete: 1,
      open: { ready_to_attach: 1, no_invoice: 1, no_chart: 1, not_attachable: 1, nothing: 1 },
      carriedOver: 1,
      oldestOpenDate: '2026-11-30',
    });
    expect(digest.items.map((i) => i.openClass)).toEqual([
      'ready_to_attach',
      'no_invoice',
      'no_chart',
      'not_attachable',
      'nothing',
      'ready_to_attach',
    ]);
    expect(digest.items.at(-1)).toMatchObject({
      carriedOver: true,
      appointmentId: ids.carriedAppointment,
    });
  });

  it('should count, not list, open items older than the lookback', async () => {
    const { db, dialect } = testDb();
    const { builder: b, clinicId, maya, manager } = await buildDay(db);
    const patientId = await b.patient(clinicId);
    const visit = (date: string) => b.appointment({ clinicId, patientId, providerId: maya, date });
    await visit('2026-10-01');
    const done = await visit('2026-09-20');
    const procedure = await b.procedure({
      clinicId,
      patientId,
      providerId: maya,
      appointmentId: done,
      title: 'Botox',
      date: '2026-09-20',
    });
    const invoice = await b.invoice({ clinicId, patientId, date: '2026-09-20' });
    await b.link(invoice.id, procedure, manager);

    const [result] = await reconcile(testContext(db, dialect), { dryRun: true });

    expect(result!.digest!.summary).toMatchObject({
      since: '2026-11-19',
      carriedOver: 1,
      olderOpen: 1,
      oldestOpenDate: '2026-10-01',
    });
    expect(result!.digest!.items).toHaveLength(6);
  });

  it('should suggest the charted procedure and preselect it when sure', async () => {
    const { db, dialect } = testDb();
    const { ids } = await buildDay(db);

    const [result] = await reconcile(testContext(db, dialect), { dryRun: true });
    const offer = result!.digest!.items[0]!.offer!;

    expect(offer.invoiceId).toBe(ids.readyInvoice);
    expect(offer.candidates[0]!.procedureId).toBe(ids.readyProcedure);
    expect(offer.verdict).toBe('confident');
    expect(offer.preselectedId).toBe(ids.readyProcedure);
    expect(offer.candidates[0]!.warning).toBeNull();
  });

  it("should warn when the provider is not among the invoice's employees", async () => {
    const { db, dialect } = testDb();
    await buildDay(db);

    const [result] = await reconcile(testContext(db, dialect), { dryRun: true });
    const carried = result!.digest!.items.find((i) => i.carriedOver)!;

    expect(carried.offer!.candidates[0]!.warning).toContain('Maya Patel NP');
  });

  it('should leave patient names out unless the workspace allows them', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);

    const [hidden] = await reconcile(testContext(db, dialect), { dryRun: true });
    const [shown] = await reconcile(testContext(db, dialect, { CHARTLINK_PRIVACY: 'names' }), {
      dryRun: true,
    });

    expect(JSON.stringify(hidden!.payloads)).not.toContain('Zelda');
    expect(JSON.stringify(shown!.payloads)).toContain('Zelda');
  });

  it('should post the digest once and record the message', async () => {
    const { db, dialect } = testDb();
    const { clinicId } = await buildDay(db);
    const ctx = testContext(db, dialect, slackEnv());

    const [first] = await reconcile(ctx, {});
    const [again] = await reconcile(ctx, {});

    expect(first!.outcome).toBe('posted');
    expect(again!.outcome).toBe('already_done');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.calls[0]!.token).toBe('xoxb-test-token');

    const rows = await db.selectFrom('digest_messages').selectAll().execute();
    expect(rows).toMatchObject([{ clinic_id: clinicId, channel_id: 'CTEST1', seq: 0 }]);
    const run = await db.selectFrom('job_runs').selectAll().executeTakeFirstOrThrow();
    expect(run.status).toBe('done');
  });

  it('should keep tokens out of the logs', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);
    const ctx = testContext(db, dialect, slackEnv());

    await reconcile(ctx, {});

    const logged = JSON.stringify(ctx.logs.lines);
    expect(logged).toContain('digest message posted');
    expect(logged).not.toContain('xoxb-test-token');
    expect(logged).not.toContain('Zelda');
  });

  it('should wait out a 429 and post exactly once', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    const [result] = await reconcile(testContext(db, dialect, slackEnv()), {});

    expect(result!.outcome).toBe('posted');
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(await db.selectFrom('digest_messages').selectAll().execute()).toHaveLength(1);
  });

  it('should mark the run failed when Slack refuses, and post on the next try', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);
    const ctx = testContext(db, dialect, slackEnv());
    slack.failNext('chat.postMessage', { error: 'not_in_channel' });

    const [refused] = await reconcile(ctx, {});
    expect(refused).toMatchObject({ outcome: 'failed', error: { code: 'SLACK_FAILED' } });
    expect(refused!.error!.userMessage).toContain('not_in_channel');
    const failed = await db.selectFrom('job_runs').selectAll().executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');

    const [retry] = await reconcile(ctx, {});
    expect(retry!.outcome).toBe('posted');
    expect(await db.selectFrom('digest_messages').selectAll().execute()).toHaveLength(1);
  });

  it("should post the other clinics' digests when one channel refuses", async () => {
    const { db, dialect } = testDb();
    await buildDay(db);
    await new PracticeBuilder(db).clinic('Harbor Med Spa', 'CTEST2');
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });

    const results = await reconcile(testContext(db, dialect, slackEnv()), {});

    expect(results.map((r) => r.outcome)).toEqual(['failed', 'posted']);
    expect(slack.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual([
      'CTEST1',
      'CTEST2',
    ]);
  });

  it('should fail only the clinic whose time zone is unknown', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);
    await new PracticeBuilder(db).clinic('Moon Base Spa', 'CTEST2', 'Moon/Tranquility');

    const results = await reconcile(testContext(db, dialect, slackEnv()), { date: '2026-12-03' });

    expect(results.map((r) => r.outcome)).toEqual(['posted', 'failed']);
    expect(results[1]!.error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(results[1]!.error!.userMessage).toContain('Moon/Tranquility');
  });

  it('should keep its lease while posting, and lose it to a copy that took over', async () => {
    const { db } = testDb();
    const { clinicId } = await buildDay(db);
    const request = { job: 'digest', clinicId, localDate: '2026-12-03', leaseMs: 60_000 };
    const claim = await claimRun(db, { ...request, runId: 'first', nowMs: NOW });
    if (claim.kind !== 'claimed') throw new Error('expected a claim');

    expect(await renewLease(db, claim.rowId, 'first', NOW + 30_000, 60_000)).toBe(true);
    const late = await claimRun(db, { ...request, runId: 'second', nowMs: NOW + 200_000 });

    expect(late.kind).toBe('claimed');
    expect(await renewLease(db, claim.rowId, 'first', NOW + 200_001, 60_000)).toBe(false);
  });

  it('should refuse a day that is not over yet, claiming nothing', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);

    const today = reconcile(testContext(db, dialect, slackEnv()), { date: '2026-12-04' });

    await expect(today).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(slack.calls).toHaveLength(0);
    expect(await db.selectFrom('job_runs').selectAll().execute()).toHaveLength(0);
  });

  it('should post nothing and record nothing on a dry run', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);

    const [result] = await reconcile(testContext(db, dialect, slackEnv()), { dryRun: true });

    expect(result!.outcome).toBe('dry_run');
    expect(result!.payloads[0]!.blocks.length).toBeGreaterThan(3);
    expect(slack.calls).toHaveLength(0);
    expect(await db.selectFrom('job_runs').selectAll().execute()).toHaveLength(0);
  });

  it('should post one digest per clinic when five copies run at once', async () => {
    const { db, dialect, url } = testDb();
    await buildDay(db);
    const second = new PracticeBuilder(db);
    await second.clinic('Harbor Med Spa', 'CTEST2');

    const copies = Array.from({ length: 5 }, () => connect(url));
    try {
      const results = await Promise.all(
        copies.map((c) => reconcile(testContext(c.db, dialect, slackEnv()), {})),
      );
      const outcomes = results.flat().map((r) => `${r.clinicId}:${r.outcome}`);

      expect(outcomes.filter((o) => o.endsWith(':posted')).sort()).toEqual([
        '1:posted',
        '2:posted',
      ]);
    } finally {
      await Promise.all(copies.map((c) => c.db.destroy()));
    }

    const channels = slack.callsTo('chat.postMessage').map((c) => c.body.channel);
    expect(channels.sort()).toEqual(['CTEST1', 'CTEST2']);
  });

  it('should take over a claim whose lease ran out, but not a live one', async () => {
    const { db, dialect } = testDb();
    const { clinicId } = await buildDay(db);
    const claim = (lease: string) =>
      db
        .insertInto('job_runs')
        .values({
          job: 'digest',
          clinic_id: clinicId,
          local_date: '2026-12-03',
          run_id: 'dead-copy',
          status: 'running',
          attempts: 1,
          claimed_at: '2026-12-04 13:00:00',
          lease_until: lease,
        })
        .execute();

    await claim('2026-12-04 14:05:00');
    const [busy] = await reconcile(testContext(db, dialect, slackEnv()), {});
    expect(busy!.outcome).toBe('busy');

    await db.deleteFrom('job_runs').execute();
    await claim('2026-12-04 13:10:00');
    const [taken] = await reconcile(testContext(db, dialect, slackEnv()), {});
    expect(taken!.outcome).toBe('posted');

    const run = await db.selectFrom('job_runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('should reconcile the date asked for, in the clinic zone', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);

    const [result] = await reconcile(testContext(db, dialect), {
      date: '2026-11-30',
      dryRun: true,
    });

    expect(result!.digest!.summary.appointments).toBe(1);
    expect(result!.digest!.items).toHaveLength(1);
    expect(result!.digest!.items[0]!.carriedOver).toBe(false);
  });
});

describe('the fixed test clock', () => {
  it('should sit on the morning after the fixture day', () => {
    expect(new Date(NOW).toISOString()).toBe('2026-12-04T14:00:00.000Z');
  });
});
