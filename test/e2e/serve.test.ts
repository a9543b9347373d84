import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { createTestDatabase } from '../support/databases.js';
import { startFakeSlack } from '../support/slackApi.js';

const BIN = fileURLToPath(new URL('../../bin/chartlink.js', import.meta.url));

describe('chartlink serve', () => {
  it('should answer the health check on HOST, drain with 503 and stop cleanly on SIGTERM', async () => {
    const testDb = await createTestDatabase('sqlite');
    const slack = await startFakeSlack();
    const port = await freePort();

    try {
      const child = spawn(process.execPath, [BIN, 'serve'], {
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: testDb.url,
          SLACK_BOT_TOKEN: 'xoxb-serve',
          SLACK_SIGNING_SECRET: 'serve-secret',
          SLACK_API_URL: slack.url,
          HOST: '127.0.0.1',
          PORT: String(port),
        },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

      const health = await poll(`http://127.0.0.1:${port}/healthz`);
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const draining = await poll(`http://127.0.0.1:${port}/healthz`);

      expect(health).toBe(200);
      expect(draining).toBe(503);
      expect(await exited).toBe(0);
      expect(stderr).toContain('slack app stopped');
      expect(stderr).not.toContain('xoxb-serve');
    } finally {
      await slack.close();
      await testDb.destroy();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The status of the first answer from the URL, trying for up to 20 seconds. */
async function poll(url: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      return (await fetch(url)).status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} never answered`);
}
