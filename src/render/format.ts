import type { DigestSummary } from '../reconcile/model.js';

/*
 * Small formatting helpers shared by the Block Kit builders and the plain-text renderer.
 */

export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

// Formatters are built once: Intl formatting made anew per call dominates building a digest.
const SHORT_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});
const MONTH_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: 'short',
  day: 'numeric',
});

/** 'Thu, Dec 3' for a local date 'YYYY-MM-DD'. */
export function shortDate(localDate: string): string {
  return SHORT_DATE.format(new Date(`${localDate}T12:00:00Z`));
}

/** 'Dec 3' for a local date. */
export function monthDay(localDate: string): string {
  return MONTH_DAY.format(new Date(`${localDate}T12:00:00Z`));
}

/** Cuts text to at most `max` characters, at a word boundary when one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;

  const room = max - 1;
  const cut = clean.slice(0, room);
  const space = cut.lastIndexOf(' ');
  const head = space >= room * 0.6 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}…`;
}

/** A procedure title as people should see it; an empty one says so instead of vanishing. */
export function titleOf(title: string | null): string {
  const clean = title?.replace(/\s+/g, ' ').trim();
  return clean ? clean : '(untitled)';
}

/** '1 open procedure', '3 open procedures'. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function percent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${Math.round((part / whole) * 100)}%`;
}

/** What is ageing: the open items carried over, those older, and the oldest of all. */
export function ageingLine(s: DigestSummary, strong: (n: number) => string): string {
  if (!s.oldestOpenDate) return 'Nothing open from earlier days.';

  const older = s.olderOpen > 0 ? ` · ${strong(s.olderOpen)} before that, not listed` : '';
  return `Still open from earlier days: ${strong(s.carriedOver)} since ${monthDay(s.since)}, listed below${older} · oldest from ${monthDay(s.oldestOpenDate)}`;
}
