import { existsSync } from 'node:fs';

import { createConnection } from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';

import { createTestDatabase, describeEachDatabase } from './databases.js';

const mysqlUrl = inject('mysqlUrl');
const skipMysql = !mysqlUrl && process.env.CI !== 'true';

describeEachDatabase('a test database', (ctx) => {
  it('should start migrated and empty', async () => {
    const rows = await ctx().db.selectFrom('clinics').selectAll().execute();

    expect(rows).toEqual([]);
  });

  it('should read back a clinic it stored', async () => {
    const { db } = ctx();

    await db
      .insertInto('clinics')
      .values({ name: 'Demo Spa', time_zone: 'America/Denver', slack_channel_id: 'C1' })
      .execute();
    const rows = await db.selectFrom('clinics').select(['id', 'name', 'time_zone']).execute();

    expect(rows).toEqual([{ id: 1, name: 'Demo Spa', time_zone: 'America/Denver' }]);
  });

  it('should not see the rows of the previous test', async () => {
    const count = await ctx()
      .db.selectFrom('clinics')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    expect(Number(count.n)).toBe(0);
  });
});

describe('createTestDatabase on sqlite', () => {
  it('should create and migrate a fresh file in well under a second', async () => {
    const started = performance.now();
    const testDb = await createTestDatabase('sqlite');
    const elapsed = performance.now() - started;
    await testDb.destroy();

    console.info(`sqlite create+migrate ms: ${Math.round(elapsed)}`);
    expect(elapsed).toBeLessThan(2000);
  });

  it('should delete its file on destroy', async () => {
    const testDb = await createTestDatabase('sqlite');
    expect(existsSync(testDb.url)).toBe(true);

    await testDb.destroy();

    expect(existsSync(testDb.url)).toBe(false);
  });
});

describe.skipIf(skipMysql)('the MariaDB of the test run', () => {
  it('should answer select version()', async () => {
    const connection = await createConnection({ uri: mysqlUrl ?? '' });
    const [rows] = await connection.query('select version() as version');
    await connection.end();

    expect(rows).toEqual([{ version: expect.stringMatching(/^\d+\.\d+/) }]);
  });

  it('should create a database of its own and drop it on destroy', async () => {
    const testDb = await createTestDatabase('mysql');
    const name = new URL(testDb.url).pathname.slice(1);
    expect(name).toMatch(/^chartlink_test_[0-9a-f]{12}$/);
    expect(await databaseExists(name)).toBe(true);

    await testDb.destroy();

    expect(await databaseExists(name)).toBe(false);
  });

  it('should create and migrate a fresh database in well under a second', async () => {
    const times: number[] = [];

    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const testDb = await createTestDatabase('mysql');
      times.push(performance.now() - started);
      await testDb.destroy();
    }

    const sorted = [...times].sort((a, b) => a - b);
    console.info(`mysql create+migrate ms: ${times.map((t) => Math.round(t)).join(', ')}`);
    // Generous: a loaded CI box is slower than a laptop; what matters is no multi-second setup.
    expect(sorted[2]).toBeLessThan(2000);
  });
});

async function databaseExists(name: string): Promise<boolean> {
  const connection = await createConnection({ uri: mysqlUrl ?? '' });
  const [rows] = await connection.query(
    'select schema_name from information_schema.schemata where schema_name = ?',
    [name],
  );
  await connection.end();

  return Array.isArray(rows) && rows.length === 1;
}
