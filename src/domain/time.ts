/*
 * Clinic-local days and UTC instants. Instants are 'YYYY-MM-DD HH:MM:SS' in UTC, local days
 * 'YYYY-MM-DD'. Only Intl is used, so any IANA zone Node knows works, daylight saving included.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when Node knows the zone name. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of an instant in a zone. */
function wallParts(ms: number, zone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts;
}

function offsetMs(ms: number, zone: string): number {
  const p = wallParts(ms, zone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export function toSqlInstant(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function fromSqlInstant(instant: string): number {
  return Date.parse(`${instant.replace(' ', 'T')}Z`);
}

/**
 * The UTC instant of a local wall-clock time. A time that a clock change repeats gives its first
 * occurrence; one that a clock change skips gives the instant an hour earlier.
 */
export function localToUtcMs(localDate: string, time: string, zone: string): number {
  const [y, m, d] = localDate.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y!, m! - 1, d!, hh!, mm!);

  const first = guess - offsetMs(guess, zone);
  return guess - offsetMs(first, zone);
}

/** The UTC bounds [start, end) of a clinic-local day, as SQL instants. */
export function localDayBounds(localDate: string, zone: string): { start: string; end: string } {
  return {
    start: toSqlInstant(localToUtcMs(localDate, '00:00', zone)),
    end: toSqlInstant(localToUtcMs(addDays(localDate, 1), '00:00', zone)),
  };
}

export function localDateOf(ms: number, zone: string): string {
  const p = wallParts(ms, zone);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}`;
}

/** 'HH:MM' of an SQL instant in a zone. */
export function localTimeOf(instant: string, zone: string): string {
  const p = wallParts(fromSqlInstant(instant), zone);
  return `${pad(p.hour!)}:${pad(p.minute!)}`;
}

export function localDateOfInstant(instant: string, zone: string): string {
  return localDateOf(fromSqlInstant(instant), zone);
}

export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;

  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
