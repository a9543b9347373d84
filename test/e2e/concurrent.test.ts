import { describe, expect, inject, it } from 'vitest';

import { seedDemo } from '../../src/demo/seed.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase } from '../support/databases.js';
import { startFakeSlack } from '../support/slackApi.js';

const mysqlUrl = inject('mysqlUrl');
const skip = !mysqlUrl && process.env.CI !== 'true';

describe.skipIf(skip)('three reconciliations started at once against MariaDB', () => {
  it("should post each clinic's digest once", async () => {
    const testDb = await createTestDatabase('mysql');
    const slack = await startFakeSlack();

    try {
      await seedDemo(testDb.db, { scale: 0.25 });
      const env = {
        DATABASE_URL: testDb.url,
        SLACK_BOT_TOKEN: 'xoxb-concurrency',
        SLACK_API_URL: slack.url,
      };

      const runs = await Promise.all([1, 2, 3].map(() => runCli(['reconcile'], env)));

      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const posts = slack.callsTo('chat.postMessage');
      const tops = posts.filter((p) => !p.body.thread_ts).map((p) => p.body.channel);
      expect(tops.sort()).toEqual(['CDEMO1', 'CDEMO2', 'CDEMO3']);

      const recorded = await testDb.db.selectFrom('digest_messages').selectAll().execute();
      expect(recorded).toHaveLength(posts.length);
      const done = await testDb.db
        .selectFrom('job_runs')
        .where('status', '=', 'done')
        .selectAll()
        .execute();
      expect(done).toHaveLength(3);
    } finally {
      await slack.close();
      await testDb.destroy();
    }
  });
});
