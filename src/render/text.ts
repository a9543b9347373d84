import { OPEN_CLASS_LABELS, OPEN_CLASSES, totalOpen, type OpenClass } from '../domain/classify.js';
import type { AttachOffer, Digest, DigestItem } from '../reconcile/model.js';
import { ageingLine, money, monthDay, percent, shortDate, titleOf } from './format.js';

/*
 * The digest as plain text, for the terminal when no Slack token is set. Reads the same digest
 * model as the Block Kit builders, so both always say the same thing.
 */

const CANDIDATES_SHOWN = 3;

export function renderDigestText(digest: Digest): string {
  const lines = [...headLines(digest)];
  const today = digest.items.filter((i) => !i.carriedOver);
  const carried = digest.items.filter((i) => i.carriedOver);

  for (const openClass of OPEN_CLASSES) {
    const ofClass = today.filter((i) => i.openClass === openClass);
    if (ofClass.length > 0) lines.push('', ...classLines(openClass, ofClass));
  }

  if (carried.length > 0) {
    lines.push('', `Still open from before ${monthDay(digest.localDate)} (${carried.length})`);
    for (const item of carried) lines.push(...itemLines(item));
  }

  return lines.join('\n');
}

function headLines(digest: Digest): string[] {
  const s = digest.summary;
  const open = totalOpen(s.open);
  const title = `${digest.clinicName} · ${shortDate(digest.localDate)}`;
  const channel = digest.channelId ? ` → #${digest.channelId}` : ' (no Slack channel set)';

  return [
    `=== ${title}${channel} ===`,
    `${s.appointments} past appointments · ${s.complete} complete (${percent(s.complete, s.appointments)}) · ${open} open`,
    OPEN_CLASSES.map((c) => `${OPEN_CLASS_LABELS[c]}: ${s.open[c]}`).join(' · '),
    `Money not tied to a chart since ${monthDay(s.since)}: ${money(s.untiedCents)} on ${s.untiedInvoices} invoices`,
    ageingLine(s, String),
  ];
}

function classLines(openClass: OpenClass, items: DigestItem[]): string[] {
  return [`${OPEN_CLASS_LABELS[openClass]} (${items.length})`, ...items.flatMap(itemLines)];
}

function itemLines(item: DigestItem): string[] {
  const when = item.carriedOver ? `${monthDay(item.localDate)} ${item.time}` : item.time;
  const patient = item.patientName ? ` ${item.patientName}` : '';
  const service = item.service ? ` · ${item.service}` : '';
  const head = `  ${when} · ${item.chartNumber}${patient} · ${item.providerName}${service}`;

  return [head, ...detailLines(item).map((l) => `      ${l}`)];
}

function detailLines(item: DigestItem): string[] {
  const charted = item.procedures.map((p) => titleOf(p.title)).join(', ');

  switch (item.openClass) {
    case 'ready_to_attach':
      return item.offer ? offerLines(item.offer) : [];
    case 'no_invoice':
      return [`charted: ${charted}; nothing charged`];
    case 'no_chart':
      return item.paidInvoices.map((i) => `paid ${i.number} (${money(i.totalCents)}); not charted`);
    case 'not_attachable':
      return item.notAttachable.map(
        (i) =>
          `${i.number} ${i.kindLabel} (${money(i.totalCents)}): cannot attach, ${i.reason ?? ''}`,
      );
    case 'nothing':
      return ['no chart and no invoice'];
  }
}

function offerLines(offer: AttachOffer): string[] {
  const verdict =
    offer.verdict === 'confident'
      ? 'confident'
      : offer.verdict === 'no_fit'
        ? 'no candidate fits the invoice lines'
        : 'not sure: choose';
  const lines = [
    `invoice ${offer.invoiceNumber} · ${offer.kindLabel} · ${money(offer.totalCents)} · ${monthDay(offer.invoiceDate)} · ${verdict}`,
  ];

  offer.candidates.slice(0, CANDIDATES_SHOWN).forEach((c, n) => {
    const mark = c.procedureId === offer.preselectedId ? '→' : ' ';
    // As in Slack, only a preselected suggestion carries the tip-split warning.
    const warning = mark === '→' && c.warning ? `  ⚠ ${c.warning}` : '';
    lines.push(
      `${mark} ${n + 1}. ${titleOf(c.title)} · ${monthDay(c.date)} · ${c.providerName}${warning}`,
    );
  });

  const more = offer.candidateCount - CANDIDATES_SHOWN;
  if (more > 0) lines.push(`  … and ${more} more`);
  return lines;
}
