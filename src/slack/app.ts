import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  type CustomRoute,
  type Receiver,
} from '@slack/bolt';
import { sql } from 'kysely';

import type { AppContext } from '../context.js';
import { ChartlinkError } from '../errors.js';
import type { Logger } from '../logger.js';
import { slackLogger } from './client.js';
import * as actions from './listeners/actions.js';
import * as commands from './listeners/commands.js';
import * as events from './listeners/events.js';
import * as options from './listeners/options.js';
import { safeError } from './listeners/reply.js';

/*
 * The Slack app: Bolt in HTTP mode (behind a load balancer, any number of stateless copies) when
 * a signing secret is set, else in Socket Mode with an app-level token. Listeners are thin and
 * call the services; every Web API call goes to SLACK_API_URL when that is set.
 */

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

const DRAIN_MS = 2000;

/** How long the health check waits for `select 1`. */
const HEALTH_TIMEOUT_MS = 2000;

export interface SlackAppOptions {
  /** Port of the health check in Socket Mode (HTTP mode listens where startServer says). */
  port?: number;
  /** Call auth.test when the app is built; off in tests to save a round trip. Default on. */
  verifyToken?: boolean;
}

export interface SlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** Resolves once every listener that has started has finished. */
  idle(): Promise<void>;
  /** Makes the health check answer 503, so a load balancer stops sending requests. */
  markStopping(): void;
}

/**
 * Builds the Bolt app with every listener registered.
 *
 * @example
 * const { app } = createSlackApp(ctx, { verifyToken: false });
 */
export function createSlackApp(ctx: AppContext, appOptions: SlackAppOptions = {}): SlackApp {
  const { slackBotToken, slackApiUrl } = ctx.config;
  if (!slackBotToken) {
    throw new ChartlinkError('CONFIG_INVALID', {
      message: 'The Slack app needs SLACK_BOT_TOKEN (xoxb-…) to answer in Slack.',
    });
  }

  const state = { stopping: false };
  const boltLog = slackLogger(ctx.logger.child({ component: 'bolt' }, { level: 'warn' }));
  const { receiver, mode } = createReceiver(ctx, healthRoute(ctx, state), appOptions.port);

  const app = new App({
    token: slackBotToken,
    receiver,
    logger: boltLog,
    ...(slackApiUrl ? { clientOptions: { slackApiUrl } } : {}),
    tokenVerificationEnabled: appOptions.verifyToken ?? true,
    extendedErrorHandler: true,
  });

  const inFlight = trackListeners(app);
  const onError = async ({ error, body }: { error: Error; body: unknown }) =>
    logListenerError(ctx.logger, error, body);
  app.error(onError);

  actions.register(app, ctx);
  options.register(app, ctx);
  commands.register(app, ctx);
  events.register(app, ctx);

  return {
    app,
    mode,
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    markStopping: () => {
      state.stopping = true;
    },
  };
}

function createReceiver(
  ctx: AppContext,
  health: CustomRoute,
  port: number | undefined,
): { receiver: Receiver; mode: 'http' | 'socket' } {
  const { slackSigningSecret, slackAppToken } = ctx.config;
  const logger = slackLogger(ctx.logger.child({ component: 'bolt-receiver' }, { level: 'warn' }));

  if (slackSigningSecret) {
    const receiver = new HTTPReceiver({
      signingSecret: slackSigningSecret,
      endpoints: EVENTS_PATH,
      customRoutes: [health],
      logger,
    });
    return { receiver, mode: 'http' };
  }

  if (slackAppToken) {
    // Not covered by the tests, which cannot reach Slack: the socket connection is opened by
    // Slack's own client and does not go through SLACK_API_URL.
    const receiver = new SocketModeReceiver({
      appToken: slackAppToken,
      customRoutes: [health],
      installerOptions: { port: port ?? ctx.config.port },
      logger,
    });
    return { receiver, mode: 'socket' };
  }

  throw new ChartlinkError('CONFIG_INVALID', {
    message:
      'The Slack app needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).',
  });
}

/** Counts the listeners at work, so stopping can wait for them after the requests are acked. */
function trackListeners(app: App): Set<Promise<void>> {
  const inFlight = new Set<Promise<void>>();

  app.use(async ({ next }) => {
    const run = next();
    inFlight.add(run);
    try {
      await run;
    } finally {
      inFlight.delete(run);
    }
  });
  return inFlight;
}

/** The last stop of a listener's error: logged by ids, never with the body (it may hold names). */
function logListenerError(logger: Logger, error: Error, body: unknown): void {
  const b = (body ?? {}) as {
    type?: string;
    command?: string;
    user?: { id?: string };
    user_id?: string;
    event?: { type?: string; user?: string };
    actions?: { action_id?: string }[];
  };
  const original = (error as { original?: unknown }).original ?? error;

  logger.error(
    {
      err: safeError(original),
      userId: b.user?.id ?? b.user_id ?? b.event?.user ?? null,
      type: b.type ?? b.event?.type ?? b.command ?? null,
      actionId: b.actions?.[0]?.action_id ?? null,
    },
    'slack listener failed',
  );
}

function healthRoute(ctx: AppContext, state: { stopping: boolean }): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      void isHealthy(ctx, state.stopping).then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
      });
    },
  };
}

async function isHealthy(ctx: AppContext, stopping: boolean): Promise<boolean> {
  if (stopping) return false;

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });

  try {
    const query = sql`select 1`.execute(ctx.db).then(() => true);
    return await Promise.race([query, timeout]);
  } catch (err) {
    ctx.logger.warn({ err: safeError(err) }, 'health check: database did not answer');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface StartOptions {
  /** Also run the nightly scheduler in this process. */
  withWorker: boolean;
  /** Defaults to PORT; 0 takes a free port (tests). */
  port?: number;
  /** Listen on this address only (tests use 127.0.0.1); all interfaces by default. */
  host?: string;
  /** Passed to createSlackApp. */
  verifyToken?: boolean;
  /**
   * How long stop() keeps answering 503 on the health check before it closes the port, so a
   * load balancer sees the copy leave instead of refused connections. Default 2 seconds.
   */
  drainMs?: number;
}

export interface RunningServer {
  /** The port actually listened on. */
  port: number;
  /** Resolves once every listener that has started has finished. */
  idle(): Promise<void>;
  /**
   * Stops taking requests, lets those in flight finish, stops the scheduler if any and closes
   * the database. Signals are the caller's business.
   */
  stop(): Promise<void>;
}

/**
 * Serves `POST /slack/events` and `GET /healthz` (HTTP mode), or connects over Socket Mode, and
 * optionally runs the nightly scheduler beside it.
 *
 * @example
 * const server = await startServer(ctx, { withWorker: true });
 * process.once('SIGTERM', () => void server.stop());
 */
export async function startServer(ctx: AppContext, start: StartOptions): Promise<RunningServer> {
  const wanted = start.port ?? ctx.config.port;
  const slack = createSlackApp(ctx, {
    port: wanted,
    ...(start.verifyToken !== undefined ? { verifyToken: start.verifyToken } : {}),
  });

  const host = start.host ?? ctx.config.host;
  const started = await slack.app.start(host ? { port: wanted, host } : wanted);
  const port = slack.mode === 'http' ? ((started as Server).address() as AddressInfo).port : wanted;
  const scheduler = start.withWorker ? await startWorker(ctx) : null;
  ctx.logger.info({ port, mode: slack.mode, worker: start.withWorker }, 'slack app started');

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= stopAll(ctx, slack, scheduler, start.drainMs ?? DRAIN_MS);
    return stopped;
  };
  return { port, idle: slack.idle, stop };
}

async function startWorker(ctx: AppContext) {
  // Loaded only when asked for, so the web copies never load the scheduler's cron.
  const { startScheduler } = await import('../../jobs/worker.js');
  return startScheduler(ctx);
}

async function stopAll(
  ctx: AppContext,
  slack: SlackApp,
  scheduler: { stop(): Promise<void> } | null,
  drainMs: number,
): Promise<void> {
  slack.markStopping();
  if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));

  // The receiver stops accepting and waits for open requests; acked listeners finish after.
  await slack.app.stop();
  await slack.idle();
  await scheduler?.stop();
  await ctx.db.destroy();
  ctx.logger.info('slack app stopped');
}
