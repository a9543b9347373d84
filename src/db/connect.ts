import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import SqliteDatabase from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, type LogEvent } from 'kysely';
import { createPool } from 'mysql2';

import { ChartlinkError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type DialectName = 'mysql' | 'sqlite';

export interface Connection {
  db: Db;
  dialect: DialectName;
  /** The URL or path with any password removed, for logs. */
  safeUrl: string;
}

/**
 * Opens the database named by DATABASE_URL: `mysql://…` for MySQL/MariaDB, anything else is a
 * SQLite file path. A missing SQLite file (and its folder) is created only when `create` is set,
 * so a mistyped path is reported instead of silently becoming a new, empty database.
 */
export function connect(
  url: string,
  logger?: Logger,
  options: { create?: boolean } = {},
): Connection {
  const dialect: DialectName = /^mysql:\/\//i.test(url) ? 'mysql' : 'sqlite';
  if (dialect === 'sqlite' && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ChartlinkError('CONFIG_INVALID', {
      message: `DATABASE_URL names a database chartlink does not support; give mysql://… or a SQLite file path.`,
    });
  }
  const log = logger ? queryLogger(logger) : undefined;

  if (dialect === 'mysql') {
    return {
      db: new Kysely<Database>({ dialect: mysqlDialect(url), log }),
      dialect,
      safeUrl: hidePassword(url),
    };
  }

  const sqlite = sqliteDialect(url, options.create ?? false);
  return { db: new Kysely<Database>({ dialect: sqlite, log }), dialect, safeUrl: url };
}

function mysqlDialect(url: string): MysqlDialect {
  try {
    new URL(url);
  } catch {
    throw new ChartlinkError('CONFIG_INVALID', {
      message:
        'DATABASE_URL is not a valid URL; expected mysql://user:password@host:3306/database.',
    });
  }

  const pool = createPool({
    uri: url,
    // Instants are stored in UTC and read back as strings, never as driver-made Dates.
    timezone: 'Z',
    dateStrings: true,
    decimalNumbers: true,
    supportBigNumbers: true,
    connectionLimit: 10,
    connectTimeout: 5000,
  });

  return new MysqlDialect({ pool });
}

function sqliteDialect(path: string, create: boolean): SqliteDialect {
  const database = openSqlite(path, create);
  // WAL lets readers go on while a writer commits; the busy timeout makes several processes
  // (copies of the worker, the demo beside a test) wait for each other instead of failing.
  // A read-only file cannot switch to WAL; reading it (a dry run) still works without.
  trySetWal(database);
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');

  return new SqliteDialect({ database });
}

function trySetWal(database: SqliteDatabase.Database): void {
  try {
    database.pragma('journal_mode = WAL');
  } catch {
    // Left in its current journal mode: slower under several writers, but correct.
  }
}

function openSqlite(path: string, create: boolean): SqliteDatabase.Database {
  if (!create && path !== ':memory:' && !existsSync(path)) {
    throw new ChartlinkError('CONFIG_INVALID', {
      message: `DATABASE_URL is ${JSON.stringify(path)}, and there is no such SQLite file; run chartlink migrate to create it.`,
    });
  }

  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return new SqliteDatabase(path);
  } catch (err) {
    throw new ChartlinkError('CONFIG_INVALID', {
      message: `DATABASE_URL is ${JSON.stringify(path)}, which cannot be opened as a SQLite file (${(err as Error).message}).`,
      cause: err,
    });
  }
}

function queryLogger(logger: Logger): (event: LogEvent) => void {
  return (event) => {
    const ms = Math.round(event.queryDurationMillis * 10) / 10;

    if (event.level === 'error') {
      logger.debug({ err: event.error, ms }, 'query failed');
      return;
    }
    if (logger.isLevelEnabled('debug')) logger.debug({ sql: event.query.sql, ms }, 'query');
  };
}

function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'mysql://(unparsable url)';
  }
}
