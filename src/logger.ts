import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths that may carry secrets or patient names. Names are never logged on purpose; the redaction
 * is the second line of defence should an object slip through.
 */
const REDACT = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  'signingSecret',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  'firstName',
  'lastName',
  '*.firstName',
  '*.lastName',
  'patientName',
  '*.patientName',
  // Driver errors can carry the statement with its values interpolated.
  'err.sql',
  'err.cause.sql',
  'err.parameters',
  'err.cause.parameters',
];

/**
 * The one root logger of a process: pino JSON on stderr (stdout belongs to the command's own
 * output, such as `--json`), or to a given stream in tests.
 */
export function createLogger(level = 'info', stream?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'chartlink' },
    redact: { paths: REDACT, censor: '[redacted]' },
  };

  return pino(options, stream ?? pino.destination({ fd: 2, sync: true }));
}
