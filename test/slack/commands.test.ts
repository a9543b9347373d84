import { describe, expect, it } from 'vitest';

import { LIMITS } from '../../src/slack/blocks/kit.js';
import { listBlocks } from '../../src/slack/blocks/lookup.js';
import { parseCommand } from '../../src/slack/commands/parse.js';

describe('parseCommand', () => {
  it.each([
    ['mine', { kind: 'mine' }],
    ['  MINE  ', { kind: 'mine' }],
    ['invoice INV-1001', { kind: 'invoice', number: 'INV-1001' }],
    ['invoice #10234', { kind: 'invoice', number: '10234' }],
    ['patient C-1001', { kind: 'patient', query: 'C-1001' }],
    ["patient Renée O'Neil", { kind: 'patient', query: "Renée O'Neil" }],
    ['day today', { kind: 'day', date: 'today', provider: null }],
    ['day Yesterday Priya', { kind: 'day', date: 'yesterday', provider: 'Priya' }],
    ['day 2025-03-13 Dr. Lee', { kind: 'day', date: '2025-03-13', provider: 'Dr. Lee' }],
    ['help', { kind: 'help' }],
  ])('should read %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    '',
    '   ',
    'frobnicate',
    'mine please',
    'invoice',
    'invoice 1; drop table invoices',
    "patient ' or 1=1 --",
    'patient %',
    'day',
    'day 2025-02-30',
    'day 2025-13-45',
    'day tomorrow',
    'day today <script>',
    '🔥💉🔥',
    'x'.repeat(4000),
  ])('should answer %j with help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });
});

describe('listBlocks', () => {
  it("should keep to Slack's block and section limits and say what was left out", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `• line ${i} ${'x'.repeat(80)}`);
    const blocks = listBlocks(lines);

    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    for (const block of blocks) {
      if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(blocks[blocks.length - 1])).toContain('more not shown');
  });
});
