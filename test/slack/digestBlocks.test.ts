import { describe, expect, it } from 'vitest';

import {
  buildDigestMessage,
  decodeButtonValue,
  planDigest,
  procedureOption,
} from '../../src/slack/blocks/digest.js';
import type { SlackMessage } from '../../src/slack/blocks/kit.js';
import { bigDigest, digestItem } from '../fixtures/digest.js';

function messagesOf(digest: ReturnType<typeof bigDigest>): SlackMessage[] {
  const plans = planDigest(digest);
  const items = new Map(digest.items.map((i) => [i.appointmentId, i]));
  return plans.map((plan) => buildDigestMessage(digest, plan, plans.length, items));
}

/** Every object in a block tree, depth first. */
function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((v) => walk(v, visit));
  }
}

describe('digest messages on a day with 300 open items', () => {
  const digest = bigDigest(300);
  const messages = messagesOf(digest);

  it('should split into several messages, each within the block limit', () => {
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(50);
  });

  it('should keep each message well under 12,000 characters of blocks', () => {
    for (const m of messages) expect(JSON.stringify(m.blocks).length).toBeLessThan(12000);
  });

  it('should show every item exactly once', () => {
    const ids = planDigest(digest).flatMap((p) => p.appointmentIds);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('should keep texts, options and values within Slack limits', () => {
    walk(messages, (node) => {
      if (node.type === 'header')
        expect((node.text as { text: string }).text.length).toBeLessThanOrEqual(150);
      if (node.type === 'section' && node.text) {
        expect((node.text as { text: string }).text.length).toBeLessThanOrEqual(3000);
      }
      if (node.type === 'static_select') {
        const options = node.options as { text: { text: string } }[];
        expect(options.length).toBeLessThanOrEqual(100);
        for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(75);
      }
      if (node.type === 'button') expect(String(node.value).length).toBeLessThanOrEqual(2000);
    });
  });

  it('should give unique block ids within each message', () => {
    for (const m of messages) {
      const ids = m.blocks.map((b) => b.block_id).filter((id) => id !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('should give every message a plain-text fallback', () => {
    expect(messages[0]!.text).toMatch(/^chartlink digest for .* 2000 appointments, 1700 complete/);
    for (const m of messages.slice(1)) expect(m.text).toMatch(/continued \(\d+\/\d+\)/);
  });

  it('should stay within limits when refreshed after every item was attached', () => {
    const plans = planDigest(digest);
    const attached = new Map(
      digest.items.map((i) => [
        i.appointmentId,
        {
          ...i,
          attached: {
            invoiceId: i.appointmentId * 100,
            invoiceNumber: `INV-${i.appointmentId}`,
            procedureTitle: 'BTX',
            byName: 'Olive',
            bySlackUserId: 'UOLIVE',
            at: '2026-12-04 15:00:00',
          },
        },
      ]),
    );

    for (const plan of plans) {
      const message = buildDigestMessage(digest, plan, plans.length, attached);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(message.blocks).length).toBeLessThan(12000);
      expect(JSON.stringify(message.blocks)).toContain('Attached BTX to INV-');
    }
  });

  it('should start with the header and summary', () => {
    expect(messages[0]!.blocks[0]!.type).toBe('header');
    expect(JSON.stringify(messages[0]!.blocks[1])).toContain('$1,234,567.89');
  });
});

describe('a ready item', () => {
  const one = (overrides = {}) => {
    const digest = { ...bigDigest(0), items: [digestItem(1, 'ready_to_attach', overrides)] };
    return messagesOf(digest)[0]!;
  };
  const actionsOf = (m: SlackMessage) => m.blocks.find((b) => b.type === 'actions')!;

  it('should preselect the best procedure when the ranking is confident', () => {
    const select = JSON.parse(JSON.stringify(actionsOf(one()))).elements[0];
    expect(select.initial_option.value).toBe('10');
  });

  it('should preselect nothing when the ranking is unsure', () => {
    const digest = { ...bigDigest(0), items: [digestItem(3, 'ready_to_attach')] };
    const select = JSON.parse(JSON.stringify(messagesOf(digest)[0]!.blocks)).find(
      (b: { type: string }) => b.type === 'actions',
    ).elements[0];
    expect(select.initial_option).toBeUndefined();
    expect(select.options).toHaveLength(10);
  });

  it('should carry the invoice on the Attach button and escape mrkdwn', () => {
    const message = one();
    const button = JSON.parse(JSON.stringify(actionsOf(message))).elements[2];

    expect(decodeButtonValue(button.value)).toEqual({
      invoiceId: 100,
      appointmentId: 1,
      clinicId: 1,
    });
    expect(decodeButtonValue('{"invoiceId":7,"clinicId":2}')).toEqual({
      invoiceId: 7,
      clinicId: 2,
    });
    expect(JSON.stringify(message.blocks)).toContain('&lt;combo&gt;');
  });

  it('should show attached, by whom, with Undo instead of the controls', () => {
    const message = one({
      attached: {
        invoiceId: 100,
        invoiceNumber: 'INV-1',
        procedureTitle: 'BTX',
        byName: 'Olive',
        bySlackUserId: 'UOLIVE',
        at: '2026-12-04 15:00:00',
      },
    });

    const text = JSON.stringify(message.blocks);
    expect(text).toContain('<@UOLIVE>');
    expect(text).not.toContain('static_select');
    expect(text).toContain('"action_id":"undo"');
  });
});

describe('procedure options', () => {
  it('should shorten a long title readably and keep date and provider', () => {
    const option = procedureOption(
      5,
      'Botox forehead glabella crows feet and bunny lines touch up free',
      '2026-12-03',
      'Maya Patel NP',
    );

    expect(option.text.text.length).toBeLessThanOrEqual(75);
    expect(option.text.text).toMatch(/… · Dec 3 · Maya Patel NP$/);
  });

  it('should name an untitled procedure instead of leaving it blank', () => {
    expect(procedureOption(5, '  ', '2026-12-03', 'Maya').text.text).toMatch(/^\(untitled\)/);
  });
});

describe('button values', () => {
  it.each([
    '',
    'null',
    '{"invoiceId":"1; drop table"}',
    '{"invoiceId":-1,"appointmentId":1,"clinicId":1}',
    'x'.repeat(3000),
  ])('should refuse a tampered value %#', (raw) => {
    expect(decodeButtonValue(raw)).toBeNull();
  });
});
