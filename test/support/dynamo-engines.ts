/**
 * Real DynamoDB engines for integration tests: `dynalite` (in-process, always available) and
 * DynamoDB Local (the Java jar shipped by `local-dynamo`, when Java is installed). Run the same suite on
 * each with `describe.each(engines())`; start one engine per describe block and `stop()` it after.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '../../shared/aws/table-schema';

export interface DynamoEngine {
  name: 'dynalite' | 'dynamodb-local';
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

interface DynaliteOptions {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}
type Dynalite = (options: DynaliteOptions) => Server;

const require = createRequire(import.meta.url);

const clientFor = (endpoint: string, maxAttempts?: number): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });

const portOf = (server: Server): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Server has no TCP address');
  return address.port;
};

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(portOf(server)));
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

/** Starts an in-memory dynalite on a random port; tables become ACTIVE immediately. */
export const startDynalite = async (): Promise<DynamoEngine> => {
  const dynalite = require('dynalite') as Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = clientFor(endpoint);
  return {
    name: 'dynalite',
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await close(server);
    },
  };
};

const dynamoDbLocalDir = (): string =>
  join(dirname(require.resolve('local-dynamo/package.json')), 'aws_dynamodb_local');

const freePort = async (): Promise<number> => {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
};

/** Java processes started here; killed when the test process exits, whatever the test outcome. */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;
const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of children) child.kill('SIGKILL');
      // Keep the default behaviour (terminate) unless someone else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const STARTUP_TIMEOUT_MS = 30_000;

/** Starts DynamoDB Local in memory on a free port and waits until it answers `ListTables`. */
export const startDynamoDbLocal = async (): Promise<DynamoEngine> => {
  const dir = dynamoDbLocalDir();
  const port = await freePort();
  installExitHook();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const probe = clientFor(endpoint, 1);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
      try {
        await probe.send(new ListTablesCommand({}));
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${stderr}`, {
            cause: error,
          });
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    probe.destroy();
  }

  const client = clientFor(endpoint);
  return {
    name: 'dynamodb-local',
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await stopChild(child);
    },
  };
};

let javaChecked: boolean | undefined;

/** True when `java -version` runs and the DynamoDB Local jar is installed. */
export const javaAvailable = (): boolean => {
  if (javaChecked === undefined) {
    const result = spawnSync('java', ['-version'], { stdio: 'ignore', timeout: 10_000 });
    javaChecked = result.status === 0 && existsSync(join(dynamoDbLocalDir(), 'DynamoDBLocal.jar'));
  }
  return javaChecked;
};

/** The engines to run integration suites on: dynalite always; DynamoDB Local unless unavailable or skipped. */
export const engines = (): Array<{ name: string; start: () => Promise<DynamoEngine> }> => {
  const list: Array<{ name: string; start: () => Promise<DynamoEngine> }> = [
    { name: 'dynalite', start: startDynalite },
  ];
  if (!process.env.LEAD_HANDOFF_SKIP_DYNAMODB_LOCAL && javaAvailable()) {
    list.push({ name: 'dynamodb-local', start: startDynamoDbLocal });
  }
  return list;
};

let tableCounter = 0;

/** A table name unique to this process and call. */
export const newTableName = (): string => {
  tableCounter += 1;
  return `leads-test-${process.pid}-${Date.now().toString(36)}-${tableCounter}`;
};

/**
 * Starts the engine before the tests of the enclosing `describe` block and stops it after them; returns
 * the running engine (call it inside hooks and tests, not while the block is being declared).
 */
export const useEngine = (start: () => Promise<DynamoEngine>): (() => DynamoEngine) => {
  let engine: DynamoEngine | undefined;
  beforeAll(async () => {
    engine = await start();
  });
  afterAll(async () => {
    await engine?.stop();
  });
  return () => {
    if (engine === undefined) throw new Error('The engine is not running (used outside a test?)');
    return engine;
  };
};

/** Creates a new table of the application's design on the engine and returns its name. */
export const newTable = async (engine: DynamoEngine): Promise<string> => {
  const name = newTableName();
  await ensureTable(engine.client, name);
  return name;
};
