import type { DestinationStream } from 'pino';

/** One pino log line, parsed. */
export type LogLine = Record<string, unknown>;

/** A pino destination that keeps every line it is given, parsed, for assertions. */
export interface LogSink {
  stream: DestinationStream;
  lines: LogLine[];
}

/**
 * Collects the JSON lines of a logger built with `createLogger(level, sink.stream)`.
 *
 * @example
 * const sink = createLogSink();
 * const logger = createLogger('debug', sink.stream);
 * logger.info({ clinicId: 1 }, 'digest posted');
 * expect(sink.lines).toContainEqual(expect.objectContaining({ msg: 'digest posted', clinicId: 1 }));
 */
export function createLogSink(): LogSink {
  const lines: LogLine[] = [];

  const stream: DestinationStream = {
    write(chunk: string) {
      // pino writes one line per call, but a chunk of several lines costs nothing to handle.
      for (const text of chunk.split('\n')) {
        if (text.trim()) lines.push(JSON.parse(text) as LogLine);
      }
    },
  };

  return { stream, lines };
}
