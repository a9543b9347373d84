import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { OPEN_CLASS_LABELS, OPEN_CLASSES } from '../../src/domain/classify.js';
import { runCli } from '../support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'chartlink-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Payload {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks: { type: string; elements?: { type: string; action_id?: string }[] }[];
}

describe('the demo', () => {
  it('should print a digest for each of the three clinics with items of all five classes', async () => {
    const result = await runCli(['demo'], {}, scratch);

    expect(result.code).toBe(0);
    const digests = result.stdout.split(/^=== /m).slice(1);
    expect(digests).toHaveLength(3);
    for (const digest of digests) {
      for (const openClass of OPEN_CLASSES) expect(digest).toContain(OPEN_CLASS_LABELS[openClass]);
    }
  });

  it('should print payloads within Slack limits, with selects and Attach buttons', async () => {
    const result = await runCli(['demo', '--json'], {}, scratch);
    const payloads = JSON.parse(result.stdout) as Payload[];

    expect(new Set(payloads.map((p) => p.channel))).toEqual(
      new Set(['CDEMO1', 'CDEMO2', 'CDEMO3']),
    );
    expect(payloads.filter((p) => !p.thread_ts)).toHaveLength(3);
    for (const payload of payloads) {
      expect(payload.blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(payload.blocks).length).toBeLessThan(12000);
      expect(payload.text.length).toBeGreaterThan(20);
    }

    const elements = payloads.flatMap((p) => p.blocks.flatMap((b) => b.elements ?? []));
    expect(elements.some((e) => e.type === 'static_select')).toBe(true);
    expect(elements.some((e) => e.type === 'button' && e.action_id === 'attach')).toBe(true);
  });

  it('should never show patient names by default', async () => {
    const result = await runCli(['demo', '--json'], {}, scratch);
    const names = patientNames();
    const withNames = await runCli(['demo', '--json'], { CHARTLINK_PRIVACY: 'names' }, scratch);

    expect(names.length).toBeGreaterThan(1000);
    expect(names.filter((n) => result.stdout.includes(n))).toEqual([]);
    expect(names.some((n) => withNames.stdout.includes(n))).toBe(true);
  });
});

/** The full names of the demo's patients, read from the database the demo left behind. */
function patientNames(): string[] {
  const db = new Database(join(scratch, 'data', 'demo.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('select first_name, last_name from patients').all() as {
      first_name: string;
      last_name: string;
    }[];
    return rows.map((r) => `${r.first_name} ${r.last_name}`);
  } finally {
    db.close();
  }
}
