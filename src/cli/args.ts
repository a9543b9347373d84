import { parseArgs, type ParseArgsConfig } from 'node:util';

import { ChartlinkError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags; an unknown flag or a stray word is a usage error naming it. */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    // Node's own messages can run to several sentences of advice; the first one says it.
    throw usage(command, (err as Error).message.split(/\.\s|\n/)[0] ?? String(err));
  }
}

export function usage(command: string, problem: string): ChartlinkError {
  return new ChartlinkError('CONFIG_INVALID', {
    message: `${problem.replace(/\.$/, '')}. See: chartlink ${command} --help`,
  });
}

export function positiveInt(
  command: string,
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw usage(command, `--${flag} takes a whole number above 0, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}
