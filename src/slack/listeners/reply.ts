import { ChartlinkError, isChartlinkError, type ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';

/*
 * What every listener does once it has acked: do the work, and when it fails tell the person in
 * plain words and log it by ids. Refusals (a rule, a permission) are expected and logged at info;
 * anything else is rethrown so the app's error handler sees it too.
 */

/** Codes that mean something is broken rather than that a request was refused. */
const FAILURES = new Set<ErrorCode>([
  'DB_UNAVAILABLE',
  'SLACK_FAILED',
  'INTERNAL',
  'CONFIG_INVALID',
]);

/** Tells the person who acted; a failure to tell them is logged, never thrown. */
export type Tell = (sentence: string) => Promise<unknown>;

/** Runs a listener's work after ack; a failure is told to the user and logged. */
export async function answering(log: Logger, tell: Tell, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const coded = isChartlinkError(err) ? err : null;
    await tellSafely(log, tell, (coded ?? new ChartlinkError('INTERNAL')).userMessage);

    if (coded && !FAILURES.has(coded.code)) {
      log.info({ code: coded.code, ...coded.detail }, 'request refused');
      return;
    }
    throw err;
  }
}

export async function tellSafely(log: Logger, tell: Tell, sentence: string): Promise<void> {
  try {
    await tell(sentence);
  } catch (err) {
    log.warn({ err: safeError(err) }, 'could not tell the user');
  }
}

/**
 * An error reduced to what may be logged. Driver errors can carry the SQL with its values (a
 * typed patient name, say), so only the name, code, message and stack are kept.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };

  const { code, data } = err as { code?: unknown; data?: { error?: unknown } };
  return {
    type: err.name,
    message: err.message,
    ...(code !== undefined ? { code } : {}),
    ...(data?.error !== undefined ? { slackError: data.error } : {}),
    stack: err.stack,
  };
}
