import { loadConfig } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import type { Db, DialectName } from '../../src/db/connect.js';
import { createLogger } from '../../src/logger.js';
import { ChannelPacer } from '../../src/slack/client.js';
import { createLogSink, type LogSink } from './logs.js';

/** 2026-12-04 14:00 UTC: the morning after the fixture day in every US zone. */
export const NOW = Date.parse('2026-12-04T14:00:00Z');

export interface TestContext extends AppContext {
  logs: LogSink;
}

/** An application context on a test database, logging into a sink, with a fixed clock. */
export function testContext(
  db: Db,
  dialect: DialectName,
  env: Record<string, string> = {},
  now = NOW,
): TestContext {
  const logs = createLogSink();
  const config = loadConfig({ DATABASE_URL: ':memory:', ...env });
  const ctx = createContext(config, createLogger('debug', logs.stream), {
    db,
    dialect,
    now: () => now,
    pacer: new ChannelPacer(0),
  });
  return { ...ctx, logs };
}
