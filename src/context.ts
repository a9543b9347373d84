import type { WebClient } from '@slack/web-api';

import type { Config } from './config.js';
import { connect, type Db, type DialectName } from './db/connect.js';
import { ChartlinkError } from './errors.js';
import type { Logger } from './logger.js';
import { createMatcher, type Matcher } from './matching/index.js';
import { ChannelPacer, createSlackClient } from './slack/client.js';

/** What every entry point hands to the code below it: built once per process. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: DialectName;
  logger: Logger;
  matcher: Matcher;
  /** Null without SLACK_BOT_TOKEN: digests are printed instead of posted. */
  slack: WebClient | null;
  pacer: ChannelPacer;
  now: () => number;
}

export interface ContextOverrides {
  /** Create a missing SQLite file: for the commands that build a database. */
  createDatabase?: boolean;
  db?: Db;
  dialect?: DialectName;
  now?: () => number;
  pacer?: ChannelPacer;
}

/** The matcher with the clinic's own vocabulary, if any; a bad file is a configuration error. */
export function matcherFor(config: Config): Matcher {
  if (!config.vocabularyFile) return createMatcher();

  try {
    return createMatcher({ extraVocabularyFile: config.vocabularyFile });
  } catch (err) {
    throw new ChartlinkError('CONFIG_INVALID', {
      message: `CHARTLINK_VOCABULARY: ${(err as Error).message}`,
      cause: err,
    });
  }
}

export function createContext(
  config: Config,
  logger: Logger,
  overrides: ContextOverrides = {},
): AppContext {
  const connection = overrides.db
    ? { db: overrides.db, dialect: overrides.dialect ?? 'sqlite' }
    : connect(config.databaseUrl, logger.child({ component: 'db' }), {
        create: overrides.createDatabase ?? false,
      });

  return {
    config,
    db: connection.db,
    dialect: connection.dialect,
    logger,
    matcher: matcherFor(config),
    slack: config.slackBotToken
      ? createSlackClient({ token: config.slackBotToken, apiUrl: config.slackApiUrl, logger })
      : null,
    pacer: overrides.pacer ?? new ChannelPacer(),
    now: overrides.now ?? Date.now,
  };
}
