import type { InvoiceAnswer } from '../lookup/answers.js';
import { count, money, monthDay, titleOf } from './format.js';

/** An invoice and its ranked candidates as plain text, for `chartlink suggest --invoice`. */
export function renderInvoiceText(answer: InvoiceAnswer): string {
  const head = [
    `${answer.number} · ${answer.clinicName} · ${monthDay(answer.localDate)} · ${money(answer.totalCents)}`,
    `${answer.kindLabel} · ${answer.status} · ${answer.chartNumber ?? 'guest checkout (no patient)'}`,
  ];

  return [...head, ...detailLines(answer.detail)].join('\n');
}

function detailLines(detail: InvoiceAnswer['detail']): string[] {
  switch (detail.state) {
    case 'linked':
      return [`Attached: ${titleOf(detail.procedureTitle)} by ${detail.byName ?? 'someone'}`];
    case 'voided':
      return [`Cannot attach: the invoice is ${detail.status}.`];
    case 'not_attachable':
      return [`Cannot attach: ${detail.reason}.`];
    case 'open':
      return offerLines(detail.offer);
  }
}

function offerLines(offer: Extract<InvoiceAnswer['detail'], { state: 'open' }>['offer']): string[] {
  const lines = [`Verdict: ${offer.verdict} (${count(offer.candidateCount, 'open procedure')})`];

  offer.candidates.forEach((c, n) => {
    const mark = c.procedureId === offer.preselectedId ? '→' : ' ';
    const warning = c.warning ? `  ⚠ ${c.warning}` : '';
    lines.push(
      `${mark} ${n + 1}. [${c.procedureId}] ${titleOf(c.title)} · ${monthDay(c.date)} · ${c.providerName}${warning}`,
    );
  });
  return lines;
}
