import { ChartlinkError } from './errors.js';

export type Privacy = 'ids' | 'names';

/** Everything the process reads from its environment, checked once at start. */
export interface Config {
  databaseUrl: string;
  slackBotToken: string | null;
  slackApiUrl: string | null;
  slackSigningSecret: string | null;
  slackAppToken: string | null;
  port: number;
  /** Interface `serve` listens on; null listens on all of them. */
  host: string | null;
  digestTime: { hour: number; minute: number };
  digestLookbackDays: number;
  privacy: Privacy;
  logLevel: string;
  vocabularyFile: string | null;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks the configuration; a bad value throws CONFIG_INVALID naming the variable. */
export function loadConfig(env: Env = process.env): Config {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL) ?? './data/chartlink.sqlite',
    slackBotToken: parseToken(env, 'SLACK_BOT_TOKEN', 'xoxb-'),
    slackApiUrl: parseUrl(env, 'SLACK_API_URL'),
    slackSigningSecret: nonEmpty(env.SLACK_SIGNING_SECRET),
    slackAppToken: parseToken(env, 'SLACK_APP_TOKEN', 'xapp-'),
    port: parseInteger(env, 'PORT', 3000, 1, 65535),
    host: nonEmpty(env.HOST),
    digestTime: parseTime(env, 'DIGEST_TIME', '07:00'),
    digestLookbackDays: parseInteger(env, 'DIGEST_LOOKBACK_DAYS', 14, 0, 90),
    privacy: parseChoice(env, 'CHARTLINK_PRIVACY', ['ids', 'names'], 'ids'),
    logLevel: parseChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    vocabularyFile: nonEmpty(env.CHARTLINK_VOCABULARY),
  };
}

function invalid(name: string, value: string, expected: string): ChartlinkError {
  const shown = /TOKEN|SECRET/.test(name) ? '(hidden)' : JSON.stringify(value);

  return new ChartlinkError('CONFIG_INVALID', {
    message: `${name} is ${shown}; expected ${expected}.`,
    detail: { variable: name },
  });
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function parseToken(env: Env, name: string, prefix: string): string | null {
  const value = nonEmpty(env[name]);
  if (value !== null && !value.startsWith(prefix)) {
    throw invalid(name, value, `a Slack token starting with ${prefix}`);
  }
  return value;
}

function parseUrl(env: Env, name: string): string | null {
  const value = nonEmpty(env[name]);
  if (value === null) return null;

  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw invalid(name, value, 'an http(s) URL such as https://slack.com/api/');
  }

  // The Web API client joins method names onto the base, so the base must end in a slash.
  return value.endsWith('/') ? value : `${value}/`;
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = nonEmpty(env[name]);
  if (value === null) return fallback;

  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw invalid(name, value, `a whole number from ${min} to ${max}`);
  }
  return parsed;
}

function parseTime(env: Env, name: string, fallback: string): { hour: number; minute: number } {
  const value = nonEmpty(env[name]) ?? fallback;
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw invalid(name, value, 'a local time of day as HH:MM, such as 07:00');

  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function parseChoice<T extends string>(env: Env, name: string, choices: T[], fallback: T): T {
  const value = nonEmpty(env[name]);
  if (value === null) return fallback;

  if (!(choices as string[]).includes(value)) {
    throw invalid(name, value, `one of ${choices.join(', ')}`);
  }
  return value as T;
}
