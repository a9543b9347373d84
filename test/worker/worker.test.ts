import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { lastScheduledDay, startScheduler } from '../../jobs/worker.js';
import { buildDay } from '../fixtures/practice.js';
import { testContext } from '../support/context.js';
import { createTestDatabase, describeEachDatabase } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/slackApi.js';

describe('the day a catch-up run reconciles', () => {
  const clinic = { id: 1, name: 'x', time_zone: 'America/New_York', slack_channel_id: null };
  const at = (iso: string) => testContextLike(Date.parse(iso));

  it('should be yesterday once the digest time has passed', () => {
    expect(lastScheduledDay(at('2026-12-04T12:30:00Z'), clinic)).toBe('2026-12-03');
  });

  it('should be the day before yesterday before the digest time', () => {
    expect(lastScheduledDay(at('2026-12-04T11:30:00Z'), clinic)).toBe('2026-12-02');
  });
});

function testContextLike(now: number) {
  return {
    now: () => now,
    config: { digestTime: { hour: 7, minute: 0 } },
  } as unknown as Parameters<typeof lastScheduledDay>[0];
}

describeEachDatabase('the scheduler', (testDb) => {
  let slack: FakeSlack;

  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    await slack.close();
  });

  it('should catch up the missed digest on start and not post it twice', async () => {
    const { db, dialect } = testDb();
    await buildDay(db);
    const env = { SLACK_BOT_TOKEN: 'xoxb-worker', SLACK_API_URL: slack.url };

    const first = await startScheduler(testContext(db, dialect, env));
    await first.stop();
    const second = await startScheduler(testContext(db, dialect, env));
    await second.stop();

    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('the worker process', () => {
  it('should catch up, then stop cleanly on SIGTERM', async () => {
    const testDb = await createTestDatabase('sqlite');
    const slack = await startFakeSlack();

    try {
      await buildDay(testDb.db);
      const child = spawn(
        process.execPath,
        [fileURLToPath(new URL('../../bin/chartlink.js', import.meta.url)), 'worker'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            DATABASE_URL: testDb.url,
            SLACK_BOT_TOKEN: 'xoxb-worker',
            SLACK_API_URL: slack.url,
            // The process runs on today's clock: yesterday's digest is posted, whatever it holds.
          },
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));

      await waitFor(() => stderr.includes('scheduled digest finished'));
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => child.on('exit', resolve));

      expect(code).toBe(0);
      expect(stderr).toContain('scheduler stopped');
      expect(slack.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual(['CTEST1']);
    } finally {
      await slack.close();
      await testDb.destroy();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
