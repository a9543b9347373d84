import { isLocalDate } from '../../domain/time.js';

/*
 * What `/chartlink` was asked, read from the command's text. Pure: anything that is not one of
 * the known forms is `help`, so junk, emoji or a pasted query never reach the database.
 */

export type DayWord = 'today' | 'yesterday';

export type ChartlinkCommand =
  | { kind: 'help' }
  | { kind: 'mine' }
  | { kind: 'invoice'; number: string }
  | { kind: 'patient'; query: string }
  | { kind: 'day'; date: string | DayWord; provider: string | null };

/** Longer texts are not commands anyone typed; they get the help. */
const MAX_TEXT = 200;
const INVOICE_NUMBER = /^#?([A-Za-z0-9][A-Za-z0-9-]{0,31})$/;
const CHART_OR_NAME = /^[\p{L}\p{N}][\p{L}\p{N} .'-]{0,79}$/u;
const PROVIDER = /^[\p{L}][\p{L} .'-]{0,59}$/u;

/** Reads the text typed after `/chartlink`. */
export function parseCommand(text: string): ChartlinkCommand {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length === 0 || clean.length > MAX_TEXT) return { kind: 'help' };

  const [word = '', ...rest] = clean.split(' ');
  const arg = rest.join(' ');

  switch (word.toLowerCase()) {
    case 'mine':
      return rest.length === 0 ? { kind: 'mine' } : { kind: 'help' };
    case 'invoice':
      return parseInvoice(arg);
    case 'patient':
      return CHART_OR_NAME.test(arg) ? { kind: 'patient', query: arg } : { kind: 'help' };
    case 'day':
      return parseDay(rest);
    default:
      return { kind: 'help' };
  }
}

function parseInvoice(arg: string): ChartlinkCommand {
  const match = INVOICE_NUMBER.exec(arg);
  return match?.[1] ? { kind: 'invoice', number: match[1] } : { kind: 'help' };
}

function parseDay(words: string[]): ChartlinkCommand {
  const [first = '', ...rest] = words;
  const lowered = first.toLowerCase();
  const date = lowered === 'today' || lowered === 'yesterday' ? lowered : first;
  if (date !== 'today' && date !== 'yesterday' && !isLocalDate(date)) return { kind: 'help' };

  const provider = rest.join(' ');
  if (provider && !PROVIDER.test(provider)) return { kind: 'help' };

  return { kind: 'day', date, provider: provider || null };
}
