import type { types } from '@slack/bolt';

import { OPEN_CLASS_LABELS, OPEN_CLASSES, totalOpen } from '../../domain/classify.js';
import type { AttachedNote, AttachOffer, Digest, DigestItem } from '../../reconcile/model.js';
import {
  ageingLine,
  money,
  monthDay,
  percent,
  shortDate,
  shorten,
  titleOf,
} from '../../render/format.js';
import { LIMITS, markdown, plain, type Block, type Option, type SlackMessage } from './kit.js';
import { esc, who } from './mrkdwn.js';

/*
 * The digest as Block Kit. A digest becomes one top message (header, summary, first items) and as
 * many replies in its thread as the items need. Each message keeps to Slack's limits on its own.
 */

export const ACTION = {
  pick: 'pick',
  search: 'search',
  attach: 'attach',
  undo: 'undo',
} as const;

/** What an Attach or Undo button carries. Never trusted: every id is checked again on click. */
export interface ButtonValue {
  invoiceId: number;
  clinicId: number;
  /** The digest item's appointment; absent on lookups, which are about an invoice alone. */
  appointmentId?: number;
}

/** The items of one message of a digest, as posted and as stored to refresh it later. */
export interface MessagePlan {
  seq: number;
  appointmentIds: number[];
}

/** A unit of layout: blocks that must stay together in one message. */
interface Unit {
  appointmentIds: number[];
  blocks: Block[];
}

const GROUP_MAX_ITEMS = 8;
const GROUP_MAX_CHARS = 2500;

/**
 * Splits a freshly built digest into messages. Each message is laid out exactly as it will be
 * posted and grown one item at a time, so what is planned is what is sent.
 */
export function planDigest(digest: Digest): MessagePlan[] {
  const items = new Map(digest.items.map((i) => [i.appointmentId, i]));
  const plans: MessagePlan[] = [{ seq: 0, appointmentIds: [] }];

  for (const item of digest.items) {
    const current = plans[plans.length - 1]!;
    current.appointmentIds.push(item.appointmentId);

    const laidOut = layoutMessage(digest, current, 99, items, false);
    if (current.appointmentIds.length > 1 && !fits(laidOut)) {
      current.appointmentIds.pop();
      plans.push({ seq: plans.length, appointmentIds: [item.appointmentId] });
    }
  }
  return plans;
}

function fits(message: SlackMessage): boolean {
  return (
    message.blocks.length <= LIMITS.blocksPerMessage &&
    JSON.stringify(message.blocks).length <= LIMITS.blockCharsPerMessage
  );
}

/**
 * Builds one message of a digest from its plan. `items` holds the current state of every item
 * (open or attached since), so the same call serves the first post and later refreshes.
 */
export function buildDigestMessage(
  digest: Digest,
  plan: MessagePlan,
  parts: number,
  items: Map<number, DigestItem>,
): SlackMessage {
  const full = layoutMessage(digest, plan, parts, items, false);
  if (fits(full)) return full;

  // Items resolved or re-classed since posting can need more room than they had; then every item
  // of the message becomes a line, which never needs more room than the posted layout did.
  return layoutMessage(digest, plan, parts, items, true);
}

function layoutMessage(
  digest: Digest,
  plan: MessagePlan,
  parts: number,
  items: Map<number, DigestItem>,
  compact: boolean,
): SlackMessage {
  const own = plan.appointmentIds.map((id) => items.get(id)).filter((i) => i !== undefined);
  const body = buildUnits(digest, own, compact).flatMap((u) => u.blocks);

  if (plan.seq === 0) {
    return { text: summaryText(digest), blocks: [...headBlocks(digest), ...body] };
  }

  const label = `${digest.clinicName}, ${shortDate(digest.localDate)}: continued (${plan.seq + 1}/${parts})`;
  return {
    text: `chartlink digest for ${label}, ${own.length} items`,
    blocks: [{ type: 'context', elements: [markdown(esc(label))] }, ...body],
  };
}

function headBlocks(digest: Digest): Block[] {
  const s = digest.summary;
  const openDay = totalOpen(s.open);
  const byClass = OPEN_CLASSES.filter((c) => s.open[c] > 0)
    .map((c) => `${OPEN_CLASS_LABELS[c]}: *${s.open[c]}*`)
    .join(' · ');

  const lines = [
    `*${s.appointments}* past appointments · *${s.complete}* complete (${percent(s.complete, s.appointments)}) · *${openDay}* open`,
    byClass || 'Nothing open for the day.',
    `Money not tied to a chart since ${monthDay(s.since)}: *${money(s.untiedCents)}* on ${s.untiedInvoices} invoices`,
    ageingLine(s, (n) => `*${n}*`),
  ];

  return [
    {
      type: 'header',
      text: plain(`${digest.clinicName} · ${shortDate(digest.localDate)}`, LIMITS.headerText),
    },
    { type: 'section', text: markdown(lines.join('\n')) },
    { type: 'divider' },
  ];
}

/** The plain-text fallback of the top message. */
export function summaryText(digest: Digest): string {
  const s = digest.summary;
  const open = totalOpen(s.open);

  return (
    `chartlink digest for ${digest.clinicName}, ${shortDate(digest.localDate)}: ` +
    `${s.appointments} appointments, ${s.complete} complete, ${open} open ` +
    `(${s.open.ready_to_attach} ready to attach), ${s.carriedOver + s.olderOpen} open from earlier days, ` +
    `${money(s.untiedCents)} not tied to a chart.`
  );
}

/**
 * Lays out items: ready ones two blocks each, attached ones one block with Undo, the others
 * packed a few to a section. Compact puts every item in the packed sections.
 */
function buildUnits(digest: Digest, items: DigestItem[], compact: boolean): Unit[] {
  const units: Unit[] = [];
  let group: DigestItem[] = [];
  let sawCarried = false;

  const flush = () => {
    if (group.length > 0) units.push(groupUnit(group));
    group = [];
  };

  for (const item of items) {
    if (item.carriedOver && !sawCarried) {
      flush();
      sawCarried = true;
      units.push(carriedHeading(digest));
    }

    if (!compact && (item.attached || item.offer)) {
      flush();
      units.push(
        item.attached
          ? attachedUnit(digest, item, item.attached)
          : readyUnit(digest, item, item.offer!),
      );
      continue;
    }

    if (group.length > 0 && !fitsGroup(group, item)) flush();
    group.push(item);
  }

  flush();
  return units;
}

function carriedHeading(digest: Digest): Unit {
  return {
    appointmentIds: [],
    blocks: [
      {
        type: 'context',
        elements: [markdown(`*Still open from before ${monthDay(digest.localDate)}*`)],
      },
    ],
  };
}

function fitsGroup(group: DigestItem[], next: DigestItem): boolean {
  const last = group[group.length - 1]!;
  const chars = group.reduce((n, i) => n + itemLine(i).length, 0) + itemLine(next).length;

  return (
    last.openClass === next.openClass &&
    last.carriedOver === next.carriedOver &&
    group.length < GROUP_MAX_ITEMS &&
    chars < GROUP_MAX_CHARS
  );
}

function groupUnit(items: DigestItem[]): Unit {
  const heading = OPEN_CLASS_LABELS[items[0]!.openClass];
  const text = [`*${heading}*`, ...items.map(itemLine)].join('\n');

  return {
    appointmentIds: items.map((i) => i.appointmentId),
    blocks: [{ type: 'section', text: markdown(text) }],
  };
}

/** The one line that says who, when and what for an item. */
export function itemHeadline(item: DigestItem): string {
  const when = item.carriedOver ? `${monthDay(item.localDate)} ${item.time}` : item.time;
  const patient = item.patientName ? ` ${esc(item.patientName)}` : '';
  const service = item.service ? ` · ${esc(shorten(item.service, 60))}` : '';

  return `*${when}* · ${esc(item.chartNumber)}${patient} · ${esc(item.providerName)}${service}`;
}

function itemLine(item: DigestItem): string {
  const head = `• ${itemHeadline(item)}`;
  if (item.attached) return `${head}\n   ✅ ${attachedText(item.attached)}`;

  return `${head}\n   ${detailOf(item)}`;
}

function detailOf(item: DigestItem): string {
  const charted = item.procedures.map((p) => esc(shorten(titleOf(p.title), 60))).join(', ');

  switch (item.openClass) {
    case 'no_invoice':
      return `Charted: ${charted}; nothing charged.`;
    case 'no_chart':
      return `Paid ${item.paidInvoices.map((i) => `${esc(i.number)} (${money(i.totalCents)})`).join(', ')}; no procedure charted.`;
    case 'not_attachable':
      return item.notAttachable
        .map(
          (i) => `${esc(i.number)} ${i.kindLabel} (${money(i.totalCents)}): ${esc(i.reason ?? '')}`,
        )
        .join('; ');
    case 'nothing':
      return 'No chart and no invoice.';
    case 'ready_to_attach':
      return item.offer
        ? `Charted: ${charted}; invoice ${esc(item.offer.invoiceNumber)} (${money(item.offer.totalCents)}) is ready to attach.`
        : `Charted: ${charted}.`;
  }
}

function attachedText(note: AttachedNote): string {
  const title = esc(shorten(titleOf(note.procedureTitle), 60));
  return `Attached ${title} to ${esc(note.invoiceNumber)} by ${who(note.bySlackUserId, note.byName)}`;
}

function readyUnit(digest: Digest, item: DigestItem, offer: AttachOffer): Unit {
  const value: ButtonValue = {
    invoiceId: offer.invoiceId,
    appointmentId: item.appointmentId,
    clinicId: digest.clinicId,
  };

  return {
    appointmentIds: [item.appointmentId],
    blocks: [
      { type: 'section', text: markdown(readyText(item, offer)) },
      attachActions(`item:${item.appointmentId}:${offer.invoiceId}`, offer, value),
    ],
  };
}

/** A ready item once attached: what was attached by whom, with Undo in place of the controls. */
function attachedUnit(digest: Digest, item: DigestItem, attached: AttachedNote): Unit {
  const undo: ButtonValue = {
    invoiceId: attached.invoiceId,
    appointmentId: item.appointmentId,
    clinicId: digest.clinicId,
  };
  const text = `${itemHeadline(item)}\n✅ ${attachedText(attached)}`;

  return {
    appointmentIds: [item.appointmentId],
    blocks: [
      {
        type: 'section',
        block_id: `done:${item.appointmentId}:${attached.invoiceId}`,
        text: markdown(text),
        accessory: {
          type: 'button',
          action_id: ACTION.undo,
          text: plain('Undo'),
          value: encodeButtonValue(undo),
        },
      },
    ],
  };
}

function readyText(item: DigestItem, offer: AttachOffer): string {
  const best = offer.candidates[0];
  const lines = [
    itemHeadline(item),
    `Invoice *${esc(offer.invoiceNumber)}* · ${offer.kindLabel} · ${money(offer.totalCents)} · ${monthDay(offer.invoiceDate)}`,
    verdictLine(offer),
  ];
  if (best?.warning && offer.preselectedId !== null) lines.push(`:warning: ${esc(best.warning)}`);

  return lines.join('\n');
}

function verdictLine(offer: AttachOffer): string {
  const best = offer.candidates[0];
  if (!best) return 'No open procedure of this patient to attach.';

  if (offer.verdict === 'confident') {
    return `Suggested: *${esc(shorten(titleOf(best.title), 80))}* (${monthDay(best.date)}, ${esc(best.providerName)})`;
  }
  if (offer.verdict === 'no_fit') {
    return 'No charted procedure matches this invoice: check it before attaching.';
  }
  if (offer.candidateCount === 1) return 'One possible procedure, not clearly right: check it.';
  return `${offer.candidateCount} possible procedures, none clearly right: choose one.`;
}

/** The select, the search and the Attach button of one invoice; shared by digest and lookups. */
export function attachActions(blockId: string, offer: AttachOffer, value: ButtonValue): Block {
  const options = offer.candidates.slice(0, LIMITS.optionsPerSelect).map(candidateOption);
  const initial = options.find((o) => o.value === String(offer.preselectedId));

  // Slack refuses a select without options; the search select still reaches every procedure.
  const ranked: types.StaticSelect[] =
    options.length === 0
      ? []
      : [
          {
            type: 'static_select',
            action_id: ACTION.pick,
            placeholder: plain('Choose a procedure'),
            options,
            ...(initial ? { initial_option: initial } : {}),
          },
        ];

  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      ...ranked,
      {
        type: 'external_select',
        action_id: ACTION.search,
        placeholder: plain('Search all open procedures'),
        min_query_length: 0,
      },
      {
        type: 'button',
        action_id: ACTION.attach,
        style: 'primary',
        text: plain('Attach'),
        value: encodeButtonValue(value),
      },
    ],
  };
}

export function candidateOption(c: AttachOffer['candidates'][number]): Option {
  return procedureOption(c.procedureId, c.title, c.date, c.providerName);
}

/** An option for a procedure: its title shortened first, so date and provider always show. */
export function procedureOption(
  procedureId: number,
  title: string | null,
  date: string,
  providerName: string,
): Option {
  const tail = ` · ${monthDay(date)} · ${shorten(providerName, 24)}`;
  const head = shorten(titleOf(title), LIMITS.optionText - tail.length);

  return { text: plain(`${head}${tail}`, LIMITS.optionText), value: String(procedureId) };
}

export function encodeButtonValue(value: ButtonValue): string {
  return JSON.stringify(value);
}

/** Reads a button value back; anything but positive integer ids is refused. */
export function decodeButtonValue(raw: string | undefined): ButtonValue | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') return null;

  const { invoiceId, clinicId, appointmentId } = parsed;
  if (!isId(invoiceId) || !isId(clinicId)) return null;
  if (appointmentId !== undefined && !isId(appointmentId)) return null;

  return { invoiceId, clinicId, ...(appointmentId !== undefined ? { appointmentId } : {}) };
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
