import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'chartlink-cli-'));
const dbFile = join(scratch, 'cli.sqlite');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bad configuration', () => {
  it.each([
    [{ DIGEST_TIME: '25:00' }, 'DIGEST_TIME'],
    [{ DIGEST_LOOKBACK_DAYS: 'two' }, 'DIGEST_LOOKBACK_DAYS'],
    [{ CHARTLINK_PRIVACY: 'everything' }, 'CHARTLINK_PRIVACY'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_API_URL: 'ftp://example' }, 'SLACK_API_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: '/etc/passwd/chartlink.sqlite' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://a:b@:::/' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' }, 'DATABASE_URL'],
    [{ CHARTLINK_VOCABULARY: '/nonexistent/vocabulary.json' }, 'CHARTLINK_VOCABULARY'],
  ])('should name the variable in one line and exit 2 for %j', async (env, variable) => {
    const result = await runCli(['migrate'], { DATABASE_URL: dbFile, ...env });

    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(variable);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('should not print a secret it refuses', async () => {
    const result = await runCli(['migrate'], { SLACK_BOT_TOKEN: 'xoxp-very-secret' });
    expect(result.stderr).not.toContain('very-secret');
  });
});

describe('command line usage', () => {
  it('should list the commands', async () => {
    const result = await runCli(['--help']);
    for (const command of [
      'migrate',
      'seed-demo',
      'reconcile',
      'worker',
      'demo',
      'suggest',
      'serve',
    ]) {
      expect(result.stdout).toContain(command);
    }
  });

  it.each(['migrate', 'seed-demo', 'reconcile', 'worker', 'demo', 'suggest', 'serve'])(
    'should explain %s with --help',
    async (command) => {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`chartlink ${command}`);
    },
  );

  it('should refuse an unknown command with exit 2', async () => {
    const result = await runCli(['reconcil']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command');
  });

  it.each([
    [['reconcile', '--date', '2026-02-30'], '--date'],
    [['reconcile', '--clinic', 'abc'], '--clinic'],
    [['reconcile', '--frobnicate'], 'frobnicate'],
    [['seed-demo', '--scale', '0'], '--scale'],
    [['seed-demo', '--scale', '51'], '--scale'],
    [['suggest', '--invoice', ' '], '--invoice'],
    [['suggest'], '--cases'],
  ])('should refuse %j with a usage line', async (args, mention) => {
    const result = await runCli(args, { DATABASE_URL: dbFile });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(mention);
  });
});

describe('a seeded database', () => {
  const file = join(scratch, 'seeded.sqlite');

  beforeAll(async () => {
    const seeded = await runCli(['seed-demo'], { DATABASE_URL: file });
    expect(seeded.code, seeded.stderr).toBe(0);
  });

  it('should refuse to seed it again, with exit 2', async () => {
    const again = await runCli(['seed-demo'], { DATABASE_URL: file });

    expect(again.code).toBe(2);
    expect(again.stderr).toContain('needs an empty database');
  });

  it.each(['9999-12-31', '2099-01-01'])(
    'should refuse to reconcile %s, not over yet',
    async (date) => {
      const result = await runCli(['reconcile', '--date', date], { DATABASE_URL: file });

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is not over yet');
    },
  );
});

describe('a database without the schema', () => {
  it('should say to run migrate first', async () => {
    const result = await runCli(['reconcile'], { DATABASE_URL: join(scratch, 'empty.sqlite') });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run chartlink migrate');
  });
});

describe('a database that is down', () => {
  it('should say so plainly and exit 1', async () => {
    const result = await runCli(['reconcile', '--dry-run'], {
      DATABASE_URL: 'mysql://root@127.0.0.1:9/chartlink',
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The database could not be used (ECONNREFUSED');
    expect(result.stderr).not.toContain('"stack"');
  });
});

describe('offline suggestions', () => {
  it('should print one prediction line per case', async () => {
    const cases = join(scratch, 'cases.jsonl');
    const line = {
      id: 'c1',
      invoice: {
        number: 'INV-1',
        date: '2026-11-25',
        kind: 'quickpay',
        employees: ['Maya Patel NP'],
        items: [{ name: 'Botox Cosmetic', quantity: 1, amount_cents: 30000 }],
      },
      procedures: [
        {
          id: 'p1',
          title: 'Hydrafacial',
          kind: 'cosmetic',
          date: '2026-11-25',
          provider: 'Maya Patel NP',
        },
        {
          id: 'p2',
          title: 'BTX 3 areas',
          kind: 'cosmetic',
          date: '2026-11-25',
          provider: 'Maya Patel NP',
        },
      ],
      answer: 'p2',
    };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(cases, `${JSON.stringify(line)}\n`);

    const result = await runCli(['suggest', '--cases', cases]);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'c1', ranked: ['p2', 'p1'], confident: true });
  });
});
