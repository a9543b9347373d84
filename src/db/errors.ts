import { ChartlinkError } from '../errors.js';

interface DriverError {
  code?: string;
  errno?: number;
}

function driverCode(err: unknown): string {
  return typeof err === 'object' && err !== null ? String((err as DriverError).code ?? '') : '';
}

/** A unique or primary key refused a row: on MySQL ER_DUP_ENTRY, on SQLite a constraint code. */
export function isUniqueViolation(err: unknown): boolean {
  const code = driverCode(err);
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_READONLY',
]);

/** True when the error means the database could not be reached, not that a query was wrong. */
export function isUnavailable(err: unknown): boolean {
  return UNAVAILABLE.has(driverCode(err));
}

/** Rethrows a driver's connection failure as DB_UNAVAILABLE; anything else unchanged. */
export function asChartlinkError(err: unknown): unknown {
  if (err instanceof ChartlinkError || !isUnavailable(err)) return err;

  return new ChartlinkError('DB_UNAVAILABLE', {
    message: `The database could not be used (${driverCode(err)}: ${(err as Error).message}). Nothing was changed; check DATABASE_URL and that the database is up.`,
    detail: { driverCode: driverCode(err) },
    cause: err,
  });
}
