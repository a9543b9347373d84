import { Migrator, type MigrationResultSet } from 'kysely';

import { migrations } from '../../migrations/index.js';
import { ChartlinkError } from '../errors.js';
import type { Db } from './connect.js';

function migratorFor(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Refuses to work on a database whose schema is missing or behind, with the command that fixes
 * it, instead of failing later on a missing table.
 */
export async function requireLatestSchema(db: Db): Promise<void> {
  const pending = (await migratorFor(db).getMigrations()).filter((m) => !m.executedAt);
  if (pending.length === 0) return;

  throw new ChartlinkError('CONFIG_INVALID', {
    message: `The database at DATABASE_URL lacks ${pending.length} schema migration(s); run chartlink migrate first.`,
  });
}

/** Brings the database to the latest schema; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = migratorFor(db);

  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) throw result.error;

  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
