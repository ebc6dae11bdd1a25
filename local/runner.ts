/**
 * Starts the local runner: the store, the app, the HTTP server and the event loop. With a data dir, the
 * timers, queued messages, outbox and manual clock the last run saved come back, and what came due
 * while it was stopped runs before the runner is reported started. `run.ts` turns the command line into
 * these options; tests call it in process.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../shared/domain/config';
import { ConfigError } from '../shared/errors';
import { createLocalApp, type LocalApp } from './app';
import { type LocalDynamo, startLocalDynamo } from './dynamo-engine';
import { configFiles } from './file-config-source';
import { localPages } from './local-pages';
import { ManualClock } from './manual-clock';
import { RunnerState, type SavedState } from './runner-state';
import { startServer } from './server';
import { StartupError } from './startup-error';

export interface RunnerOptions {
  port: number;
  /** The address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (phones on the same network). */
  host: string;
  /** The base URL printed links use, when not the address the server is reachable on. */
  publicUrl?: string;
  configDir: string;
  /** Keep the store, timers, queues, outbox and manual clock here between runs (default: in memory). */
  dataDir?: string;
  tableName: string;
  /** A DynamoDB-compatible endpoint instead of the embedded engine. */
  dynamoEndpoint?: string;
  clock: 'real' | 'manual';
  /** Manual clock only: where it starts (default: where the data dir's clock stopped, else now). */
  clockStart?: Date;
}

export interface Runner {
  app: LocalApp;
  config: AppConfig;
  /** The base URL links use (where a phone or browser reaches the runner). */
  url: string;
  /** The port it listens on (with `PUBLIC_URL`, `url` may name another). */
  port: number;
  clock?: ManualClock;
  /** Where the data is, in words. */
  store: string;
  /** With a data dir: what came back from it, and how many timers came due while stopped and ran. */
  resumed?: { timers: number; messages: number; outbox: number; firedAtStart: number };
  stop(): Promise<void>;
}

const manualClock = (saved: SavedState | undefined, start: Date | undefined): ManualClock => {
  if (start && saved?.clock && start < saved.clock) {
    throw new StartupError(
      `LEAD_HANDOFF_CLOCK_START=${start.toISOString()} is before the data dir's clock (${saved.clock.toISOString()}): the manual clock only moves forward; give a later time or leave it unset.`,
    );
  }
  return new ManualClock(start ?? saved?.clock ?? new Date());
};

const openStore = async (options: RunnerOptions): Promise<LocalDynamo> => {
  try {
    return await startLocalDynamo({
      tableName: options.tableName,
      ...(options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
  } catch (error) {
    const where = options.dynamoEndpoint ? `DynamoDB at ${options.dynamoEndpoint}` : 'the embedded store';
    throw new StartupError(
      `Could not open table ${options.tableName} in ${where} (${(error as Error).message}): check DYNAMODB_ENDPOINT and LEAD_HANDOFF_TABLE (3 to 255 letters, digits, _ - .).`,
      { cause: error },
    );
  }
};

/** The configuration, or a `StartupError` listing every problem and the file to fix. */
const loadConfig = async (app: LocalApp, files: { business: string; roster: string }): Promise<AppConfig> => {
  try {
    return await app.deps.config.load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    const inRoster = error.issues.some((i) => i.path.startsWith('roster') || i.path === files.roster);
    const inBusiness = error.issues.some((i) => i.path.startsWith('business') || i.path === files.business);
    const fix = [inBusiness ? files.business : undefined, inRoster ? files.roster : undefined]
      .filter((file) => file !== undefined)
      .join(' and ');
    throw new StartupError(
      `Invalid configuration: ${problems || error.message}. Fix ${fix} and start again.`,
      {
        cause: error,
      },
    );
  }
};

export const startRunner = async (options: RunnerOptions): Promise<Runner> => {
  const files = configFiles(options.configDir);
  for (const file of [files.business, files.roster]) {
    if (!existsSync(file)) {
      throw new StartupError(
        `${file} not found: --config DIR needs business.json and roster.json (or their *.example.json) in DIR.`,
      );
    }
  }
  if (options.clockStart && options.clock !== 'manual') {
    throw new StartupError('LEAD_HANDOFF_CLOCK_START works only with LEAD_HANDOFF_CLOCK=manual.');
  }
  const state = options.dataDir ? new RunnerState(options.dataDir) : undefined;
  const saved = state?.open();
  const cleanups: (() => Promise<void> | void)[] = [() => state?.close()];
  let stopped = false;
  const cleanUp = async () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of [...cleanups].reverse()) await cleanup();
  };
  try {
    const clock = options.clock === 'manual' ? manualClock(saved, options.clockStart) : undefined;
    const dynamo = await openStore(options);
    cleanups.push(() => dynamo.close());
    const app = createLocalApp({
      client: dynamo.client,
      tableName: options.tableName,
      configDir: options.configDir,
      ...(clock ? { clock } : {}),
    });
    const config = await loadConfig(app, files);
    if (state && saved) state.attach(app, saved, clock);
    const server = await startServer(app, {
      port: options.port,
      host: options.host,
      ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
      pages: [localPages(app, clock)],
      settleAfterRequest: clock !== undefined,
    });
    cleanups.push(
      () => server.close(),
      () => app.runtime.stop(),
    );
    // What came due while the runner was stopped runs now, with links to where it listens.
    const fired = await app.runtime.runDue();
    if (!clock) app.runtime.start();
    return {
      app,
      config,
      url: server.url,
      port: (server.server.address() as AddressInfo).port,
      ...(clock ? { clock } : {}),
      store: dynamo.embedded
        ? `embedded dynalite (${options.dataDir ? `data in ${options.dataDir}` : 'in memory'})`
        : `DynamoDB at ${dynamo.endpoint}`,
      ...(saved
        ? {
            resumed: {
              timers: saved.timers.length,
              messages: Object.values(saved.queues).reduce((sum, messages) => sum + messages.length, 0),
              outbox: saved.outbox.length,
              firedAtStart: fired.length,
            },
          }
        : {}),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
};
