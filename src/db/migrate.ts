import { Migrator, type MigrationResultSet } from 'kysely';

import { migrations } from '../../migrations/index.js';
import type { Db } from './connect.js';

/** Brings the database to the latest schema; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });

  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) throw result.error;

  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
