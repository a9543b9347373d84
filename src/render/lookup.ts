import type { InvoiceLookup } from '../reconcile/invoiceOffer.js';
import { money, monthDay, titleOf } from './format.js';

/** An invoice and its ranked candidates as plain text, for `chartlink suggest --invoice`. */
export function renderLookupText(lookup: InvoiceLookup): string {
  const { invoice, clinic, invoiceDate } = lookup;
  const lines = [
    `${invoice.number} · ${clinic.name} · ${monthDay(invoiceDate)} · ${money(invoice.totalCents)} · ${invoice.kind} · ${invoice.status}`,
    ...invoice.lines.map((l) => `  ${l.quantity} × ${l.name}  ${money(l.amountCents)}`),
    `  employees: ${invoice.employees.map((e) => e.name).join(', ') || 'none'}`,
  ];

  if (lookup.blocked) return [...lines, `Cannot attach: ${lookup.blocked}`].join('\n');

  const offer = lookup.offer!;
  lines.push(`Verdict: ${offer.verdict} (${offer.candidateCount} open procedures)`);
  offer.candidates.forEach((c, n) => {
    const mark = c.procedureId === offer.preselectedId ? '→' : ' ';
    const warning = c.warning ? `  ⚠ ${c.warning}` : '';
    lines.push(
      `${mark} ${n + 1}. [${c.procedureId}] ${titleOf(c.title)} · ${monthDay(c.date)} · ${c.providerName}${warning}`,
    );
  });
  return lines.join('\n');
}
