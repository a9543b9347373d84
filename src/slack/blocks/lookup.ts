import { OPEN_CLASS_LABELS } from '../../domain/classify.js';
import type { DigestItem } from '../../reconcile/model.js';
import { count, money, monthDay, shortDate, shorten, titleOf } from '../../render/format.js';
import type { ClinicItems, InvoiceAnswer, PatientAnswer } from '../../lookup/answers.js';
import { ACTION, attachActions, encodeButtonValue, itemHeadline } from './digest.js';
import { LIMITS, markdown, plain, type Block, type SlackMessage } from './kit.js';
import { esc, who } from './mrkdwn.js';

/*
 * The answers of `/chartlink`, as Block Kit. Every answer is one ephemeral message, so each keeps
 * to one message's limits: long lists are cut with a line saying how many were left out.
 */

/** Blocks kept free for a heading and the "more" line. */
const MAX_LIST_BLOCKS = LIMITS.blocksPerMessage - 5;

export const HELP_LINES = [
  '*chartlink* ties charted procedures to their invoices. Try:',
  '• `/chartlink mine`: your open items',
  '• `/chartlink invoice INV-104233`: one invoice, its candidates and an Attach button',
  '• `/chartlink patient CH-100234` or `/chartlink patient Smith`: a patient’s procedures, ✅ attached or ❌ not',
  '• `/chartlink day yesterday` (or `today`, or a date like `2026-03-14`), optionally with a provider’s name',
  '• `/chartlink help`: this text',
];

/** The help, also the answer to anything that is not a command. */
export function helpMessage(): SlackMessage {
  return {
    text: HELP_LINES.join('\n'),
    blocks: [{ type: 'section', text: markdown(HELP_LINES.join('\n')) }],
  };
}

/** Packs lines into as few sections as Slack's section limit allows, cut at `maxBlocks`. */
export function listBlocks(lines: string[], maxBlocks = MAX_LIST_BLOCKS): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let length = 0;
  let shown = 0;

  const flush = () => {
    if (current.length > 0) blocks.push({ type: 'section', text: markdown(current.join('\n')) });
    current = [];
    length = 0;
  };

  for (const line of lines) {
    const clipped = line.slice(0, LIMITS.sectionText);
    if (length + clipped.length + 1 > LIMITS.sectionText) flush();
    if (blocks.length >= maxBlocks) break;

    current.push(clipped);
    length += clipped.length + 1;
    shown += 1;
  }
  flush();

  if (shown < lines.length) {
    blocks.push({
      type: 'context',
      elements: [markdown(`…and ${lines.length - shown} more not shown.`)],
    });
  }
  return blocks;
}

function openItemLine(item: DigestItem): string {
  const head = item.localDate ? `${monthDay(item.localDate)} ` : '';
  return `• ${head}${itemHeadline({ ...item, carriedOver: false })} · ${OPEN_CLASS_LABELS[item.openClass]}`;
}

/** `/chartlink mine`. */
export function mineMessage(answers: ClinicItems[], role: string): SlackMessage {
  const total = answers.reduce((n, a) => n + a.items.length, 0);
  const what = role === 'provider' ? 'open items of your appointments' : 'items ready to attach';
  const title = `*${total}* ${what}`;
  if (total === 0) return textMessage(`${title}. Nothing to do.`);

  const lines = answers.flatMap((a) =>
    a.items.length === 0 ? [] : [`*${esc(a.clinic.name)}*`, ...a.items.map(openItemLine)],
  );
  return {
    text: `${total} ${what}`,
    blocks: [{ type: 'section', text: markdown(title) }, ...listBlocks(lines)],
  };
}

/** `/chartlink day …`. */
export function dayMessage(answers: ClinicItems[], provider: string | null): SlackMessage {
  if (answers.length === 0) return textMessage('You are not linked to any clinic yet.');
  if (answers.every((a) => a.future)) {
    return textMessage(
      `${shortDate(answers[0]!.localDate)} has not come yet: appointments show here once they have ended.`,
    );
  }
  if (provider && answers.every((a) => a.items.length === 0)) {
    return textMessage(
      `No past appointment that day of a provider matching “${esc(provider)}” at your clinics.`,
    );
  }

  const lines: string[] = [];
  for (const a of answers) {
    const complete = a.items.filter((i) => i.attached !== null).length;
    lines.push(
      `*${esc(a.clinic.name)} · ${shortDate(a.localDate)}*: ${a.items.length} past appointments, ${complete} complete`,
    );
    for (const item of a.items) {
      const mark = item.attached ? '✅' : `❌ ${OPEN_CLASS_LABELS[item.openClass]}`;
      lines.push(`• ${itemHeadline({ ...item, carriedOver: false })} · ${mark}`);
    }
  }

  const forWhom = provider ? ` for providers matching “${esc(provider)}”` : '';
  const text = `Appointments${forWhom}`;
  return { text, blocks: [{ type: 'section', text: markdown(`*${text}*`) }, ...listBlocks(lines)] };
}

/** `/chartlink invoice …`. */
export function invoiceMessage(answer: InvoiceAnswer | null, number: string): SlackMessage {
  if (!answer) {
    return textMessage(
      `No invoice ${esc(number)} at your clinics. Give the number as it is printed on the invoice, prefix included (INV-104233).`,
    );
  }

  const head = [
    `*Invoice ${esc(answer.number)}* · ${answer.kindLabel} · ${money(answer.totalCents)} · ${monthDay(answer.localDate)} · ${esc(answer.clinicName)}`,
    answer.chartNumber
      ? `Patient chart ${esc(answer.chartNumber)}`
      : 'No patient profile (guest checkout)',
  ];
  const text = `Invoice ${answer.number}: ${stateText(answer)}`;
  const blocks: Block[] = [
    { type: 'section', text: markdown([...head, stateLine(answer)].join('\n')) },
  ];

  if (answer.detail.state === 'open' && answer.detail.offer.candidates.length > 0) {
    const offer = answer.detail.offer;
    blocks.push(
      attachActions(`lookup:${answer.invoiceId}`, offer, {
        invoiceId: answer.invoiceId,
        clinicId: answer.clinicId,
        ...(answer.appointmentId ? { appointmentId: answer.appointmentId } : {}),
      }),
    );
  }
  if (answer.detail.state === 'linked') blocks.push(undoBlock(answer));
  return { text, blocks };
}

function stateText(answer: InvoiceAnswer): string {
  switch (answer.detail.state) {
    case 'linked':
      return 'attached';
    case 'voided':
      return `${answer.detail.status}, not a candidate`;
    case 'not_attachable':
      return 'cannot take a procedure';
    case 'open':
      return 'not attached yet';
  }
}

function stateLine(answer: InvoiceAnswer): string {
  const d = answer.detail;
  switch (d.state) {
    case 'linked':
      return `✅ Attached ${esc(shorten(titleOf(d.procedureTitle), 60))} by ${who(d.bySlackUserId, d.byName)} (${d.at.slice(0, 16)} UTC)`;
    case 'voided':
      return `❌ The invoice is ${d.status}, so it takes no procedure.`;
    case 'not_attachable':
      return `❌ No Attach here: ${esc(d.reason)}.`;
    case 'open':
      return d.offer.candidates.length === 0
        ? '❌ Not attached, and the patient has no open procedure near its date.'
        : `❌ Not attached. ${count(d.offer.candidateCount, 'open procedure')} of the patient, best first:`;
  }
}

function undoBlock(answer: InvoiceAnswer): Block {
  return {
    type: 'actions',
    block_id: `lookup:${answer.invoiceId}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION.undo,
        text: plain('Undo'),
        value: encodeButtonValue({
          invoiceId: answer.invoiceId,
          clinicId: answer.clinicId,
          ...(answer.appointmentId ? { appointmentId: answer.appointmentId } : {}),
        }),
      },
    ],
  };
}

/**
 * `/chartlink patient …`. Names appear only when the answer carries them; the query may be a
 * name, so it is never echoed back: a names-free workspace stays so.
 */
export function patientMessage(answers: PatientAnswer[], more: boolean): SlackMessage {
  if (answers.length === 0)
    return textMessage('No patient of your clinics matches that chart number or name.');

  const lines = answers.flatMap((p) => [
    `*Chart ${esc(p.chartNumber)}*${p.name ? ` ${esc(p.name)}` : ''}`,
    ...(p.procedures.length === 0
      ? ['   No procedures at your clinics.']
      : p.procedures.map(procedureLine)),
  ]);
  const title = more
    ? `The first ${answers.length} matching patients: add more of the name, or use the chart number`
    : `${answers.length} patient${answers.length === 1 ? '' : 's'} found`;
  return {
    text: title,
    blocks: [{ type: 'section', text: markdown(`*${title}*`) }, ...listBlocks(lines)],
  };
}

function procedureLine(p: PatientAnswer['procedures'][number]): string {
  const mark = p.invoiceNumber ? `✅ ${esc(p.invoiceNumber)}` : '❌ no invoice attached';
  return `• ${monthDay(p.date)} · ${esc(shorten(titleOf(p.title), 60))} · ${esc(p.providerName)} · ${mark}`;
}

function textMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: markdown(text) }] };
}
