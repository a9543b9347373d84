import type { Migration } from 'kysely';

import * as initial from './0001_initial.js';

/**
 * Every migration, by name, in the order they run. Listed here rather than read from the folder so
 * that the same code works under tsx, vitest and any bundler.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
