import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';

import type { Logger } from '../logger.js';

export interface SlackClientOptions {
  token: string;
  /** Base of the Web API; tests and proxies point it at a stand-in. */
  apiUrl: string | null;
  logger: Logger;
}

/**
 * A Web API client whose own log lines go through pino. On 429 it waits the Retry-After that
 * Slack sends and tries again, a few times, before giving up with the error.
 */
export function createSlackClient(options: SlackClientOptions): WebClient {
  return new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    logger: slackLogger(options.logger.child({ component: 'slack-web-api' })),
    logLevel: LogLevel.WARN,
    retryConfig: { retries: 4, factor: 1.6, minTimeout: 300, maxTimeout: 5000 },
    rejectRateLimitedCalls: false,
  });
}

/** Adapts pino to the logger interface of Slack's SDKs. */
export function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  // The SDKs log a message with, at times, an Error beside it: the error goes under `err`.
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (...msgs: unknown[]) => {
      const err = msgs.find((m) => m instanceof Error);
      const text = msgs
        .filter((m) => m !== err)
        .map(String)
        .join(' ');
      if (err) logger[method]({ err }, text || (err as Error).message);
      else logger[method](text);
    };

  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Keeps to Slack's pace of about one message a second per channel. Several digests to several
 * channels still go out in parallel; messages to one channel wait their turn. The pace is kept
 * per process: two processes posting to one channel at once are not paced together (the claim
 * gives each clinic's digest to one process, so that takes two clinics sharing a channel).
 */
export class ChannelPacer {
  private readonly next = new Map<string, number>();

  constructor(private readonly intervalMs = 1100) {}

  async wait(channel: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(channel) ?? 0);
    this.next.set(channel, at + this.intervalMs);

    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
