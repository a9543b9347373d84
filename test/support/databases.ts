import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createConnection } from 'mysql2/promise';
import { afterEach, beforeEach, describe, inject } from 'vitest';

import { connect, type Db, type DialectName } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** A fresh, migrated database of its own, for one test or one group of processes. */
export interface TestDb {
  name: 'sqlite' | 'mysql';
  /** What DATABASE_URL would be for a child process: a file path or a `mysql://` URL. */
  url: string;
  db: Db;
  dialect: DialectName;
  /** Closes the connection and drops the database or deletes the file. */
  destroy(): Promise<void>;
}

const SKIP_REASON = 'skipped: no MariaDB found, install mariadb-server or set TEST_DATABASE_URL';

/**
 * Declares the same suite once per database. Each test gets a fresh empty migrated database from
 * `ctx()`, destroyed after it. Outside CI the MySQL copy is skipped when no server was found,
 * and says so in its title.
 *
 * @example
 * describeEachDatabase('clinic repository', (ctx) => {
 *   it('should insert a clinic', async () => {
 *     await ctx().db.insertInto('clinics').values(clinic()).execute();
 *   });
 * });
 */
export function describeEachDatabase(title: string, fn: (ctx: () => TestDb) => void): void {
  describe(`${title} on sqlite`, () => suiteBody('sqlite', fn));

  const mysqlUrl = inject('mysqlUrl');
  // In CI the global setup already failed without a server; never let a skip hide that there.
  const skip = !mysqlUrl && process.env.CI !== 'true';
  const mysqlTitle = skip ? `${title} on mysql (${SKIP_REASON})` : `${title} on mysql`;

  describe.skipIf(skip)(mysqlTitle, () => suiteBody('mysql', fn));
}

/**
 * Creates a fresh empty migrated database outside `describeEachDatabase`, for tests that share
 * one database among several processes. The caller must call `destroy()`.
 */
export async function createTestDatabase(kind: 'sqlite' | 'mysql'): Promise<TestDb> {
  return kind === 'sqlite' ? createSqliteDatabase() : createMysqlDatabase();
}

function suiteBody(kind: 'sqlite' | 'mysql', fn: (ctx: () => TestDb) => void): void {
  let current: TestDb | undefined;

  beforeEach(async () => {
    current = await createTestDatabase(kind);
  });

  afterEach(async () => {
    await current?.destroy();
    current = undefined;
  });

  fn(() => {
    if (!current) throw new Error('ctx() is only available inside a test or its hooks');
    return current;
  });
}

async function createSqliteDatabase(): Promise<TestDb> {
  const dir = await mkdtemp(join(tmpdir(), 'chartlink-test-'));
  const url = join(dir, 'test.sqlite');
  const { db, dialect } = connect(url, undefined, { create: true });

  await migrateToLatest(db);

  const destroy = async (): Promise<void> => {
    await db.destroy();
    // The folder also holds the -wal and -shm files of WAL mode.
    await rm(dir, { recursive: true, force: true });
  };
  return { name: 'sqlite', url, db, dialect, destroy };
}

async function createMysqlDatabase(): Promise<TestDb> {
  const serverUrl = inject('mysqlUrl');
  if (!serverUrl) {
    throw new Error(
      'no MySQL server for this run: install mariadb-server or set TEST_DATABASE_URL',
    );
  }

  const name = `chartlink_test_${randomBytes(6).toString('hex')}`;
  // Deliberately latin1, as many servers default to: the migration must switch to utf8mb4.
  await adminQuery(serverUrl, `create database \`${name}\` character set latin1`);

  const url = withDatabase(serverUrl, name);
  const { db, dialect } = connect(url);
  await migrateToLatest(db);

  const destroy = async (): Promise<void> => {
    await db.destroy();
    await adminQuery(serverUrl, `drop database if exists \`${name}\``);
  };
  return { name: 'mysql', url, db, dialect, destroy };
}

/** Runs one statement on a short-lived connection without a default database. */
async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const connection = await createConnection({ uri: withDatabase(serverUrl, '') });

  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
