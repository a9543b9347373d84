import type { TestProject } from 'vitest/node';

import {
  findMariadbServer,
  startThrowawayMariadb,
  waitUntilReady,
  type ThrowawayMariadb,
} from './support/mariadb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL without a database name, or null when the MySQL suites are to be skipped. */
    mysqlUrl: string | null;
  }
}

let server: ThrowawayMariadb | undefined;

/**
 * Gives the test files a MySQL server: TEST_DATABASE_URL when set, else a throwaway MariaDB when
 * one is installed. Without either, CI fails here and a developer's run skips the MySQL suites.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('mysqlUrl', await resolveMysqlUrl());
}

/** Stops the throwaway server, if this run started one, and removes its files. */
export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}

async function resolveMysqlUrl(): Promise<string | null> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    await waitUntilReady(given, undefined, undefined, 10_000);
    return given;
  }

  const serverPath = findMariadbServer();
  if (serverPath) {
    const started = Date.now();
    server = await startThrowawayMariadb(serverPath);
    console.info(`[globalSetup] MariaDB pid ${server.pid} ready in ${Date.now() - started} ms`);
    return server.url;
  }

  if (process.env.CI === 'true') {
    throw new Error('CI=true needs MariaDB: install mariadb-server or set TEST_DATABASE_URL');
  }

  console.warn('[globalSetup] no mariadbd/mysqld and no TEST_DATABASE_URL: MySQL suites skipped');
  return null;
}
