import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

import { createConnection } from 'mysql2/promise';

/** A MariaDB server started for one test run, gone once `stop` resolves. */
export interface ThrowawayMariadb {
  /** `mysql://root@127.0.0.1:PORT/`, without a database name. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

// PATH of a non-login shell often lacks the sbin folders where Debian puts the server.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin'];

/** The path of `mariadbd` or `mysqld` on PATH or in the usual sbin folders, or null. */
export function findMariadbServer(): string | null {
  return findExecutable(['mariadbd', 'mysqld'], searchDirs());
}

/**
 * Initialises a data folder in a new temp dir and starts a MariaDB on a free loopback port, with
 * root allowed in without a password. Resolves once the server answers a query.
 */
export async function startThrowawayMariadb(serverPath: string): Promise<ThrowawayMariadb> {
  const dir = await mkdtemp(join(tmpdir(), 'chartlink-mariadb-'));

  try {
    installDataDir(serverPath, dir);
    const port = await freePort();
    const child = spawnServer(serverPath, dir, port);
    const url = `mysql://root@127.0.0.1:${port}/`;

    await waitUntilReady(url, child, join(dir, 'error.log'), 30_000);
    return { url, pid: child.pid ?? -1, stop: () => stopServer(child, dir) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Polls until a connection to `url` succeeds, or throws after `timeoutMs` with the last driver
 * error. With a child process, fails as soon as it exits and quotes the end of its log.
 */
export async function waitUntilReady(
  url: string,
  child?: ChildProcess,
  logPath?: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;

  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`mariadbd exited with ${child.exitCode} while starting:\n${tail(logPath)}`);
    }

    try {
      const connection = await createConnection({ uri: url, connectTimeout: 1000 });
      await connection.query('select 1');
      await connection.end();
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }

  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`no MySQL answer at ${url} within ${timeoutMs} ms (${reason})\n${tail(logPath)}`);
}

function installDataDir(serverPath: string, dir: string): void {
  const installer = findInstallDb(serverPath);
  if (!installer) {
    throw new Error(
      `found ${serverPath} but no mariadb-install-db beside it; ` +
        'install mariadb-server or set TEST_DATABASE_URL',
    );
  }

  // --auth-root-authentication-method=normal gives root@127.0.0.1 an empty password instead of
  // unix-socket auth, which is what a TCP connection from the tests needs.
  const result = spawnSync(
    installer,
    [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      `--user=${userInfo().username}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );

  if (result.status !== 0) {
    throw new Error(`${installer} failed (${result.status}):\n${result.stderr || result.stdout}`);
  }
}

function findInstallDb(serverPath: string): string | null {
  const dirs = [dirname(serverPath), join(dirname(serverPath), '..', 'bin'), ...searchDirs()];
  return findExecutable(['mariadb-install-db', 'mysql_install_db'], dirs);
}

function spawnServer(serverPath: string, dir: string, port: number): ChildProcess {
  const args = [
    '--no-defaults',
    `--datadir=${join(dir, 'data')}`,
    `--socket=${join(dir, 'mysqld.sock')}`,
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    `--log-error=${join(dir, 'error.log')}`,
    `--tmpdir=${dir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--user=${userInfo().username}`,
    '--skip-log-bin',
    '--skip-name-resolve',
    '--innodb-buffer-pool-size=64M',
    // The data is thrown away after the run: durability only costs time here.
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    '--sync-frm=0',
    '--innodb-flush-method=nosync',
  ];

  const child = spawn(serverPath, args, { stdio: 'ignore' });

  // Should the runner exit without calling stop(), the server must not outlive it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  return child;
}

async function stopServer(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');

    // A clean shutdown takes well under a second; after ten, stop asking.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  await rm(dir, { recursive: true, force: true });
}

/** Asks the kernel for a free loopback port. Another process could take it before mariadbd. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function searchDirs(): string[] {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...pathDirs, ...EXTRA_DIRS];
}

function findExecutable(names: string[], dirs: string[]): string | null {
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }

  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tail(logPath: string | undefined): string {
  if (!logPath) return '';

  try {
    return readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
