import { loadConfig } from '../config.js';
import { asChartlinkError } from '../db/errors.js';
import { isChartlinkError, type ErrorCode } from '../errors.js';
import { createLogger } from '../logger.js';
import { COMMANDS } from './commands.js';
import { HELP } from './help.js';

/*
 * The command line: `chartlink <command> [flags]`. Each command lives in commands.ts; this file
 * only dispatches and turns errors into one clear line and an exit code (2 for bad input or
 * configuration, 1 for anything else).
 */

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;

  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP.main}\n`);
    return name ? 0 : 2;
  }

  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`chartlink: unknown command "${name}". Run chartlink --help.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${HELP[name]}\n`);
    return 0;
  }

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  return command(rest, config, logger);
}

const LOGGED = new Set<ErrorCode>(['DB_UNAVAILABLE', 'SLACK_FAILED']);

function report(thrown: unknown): number {
  const err = asChartlinkError(thrown);

  if (isChartlinkError(err)) {
    // Failures of the surroundings are logged for the operator; a user's own mistake is not.
    if (LOGGED.has(err.code)) {
      createLogger('error').error({ code: err.code, ...err.detail }, 'command failed');
    }
    process.stderr.write(`chartlink: ${err.userMessage}\n`);
    return err.code === 'CONFIG_INVALID' ? 2 : 1;
  }

  createLogger('error').error({ err }, 'command failed');
  process.stderr.write(`chartlink: ${(err as Error)?.message ?? String(err)}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = report(err);
  },
);
