/**
 * The local pipeline in process for the benchmarks: embedded dynalite, the example business, a manual
 * clock, and API requests through the emulated API Gateway exactly as the local HTTP server makes them
 * (what became due runs before the answer). With `metered`, every AWS-facing call is counted.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalApp, type LocalApp } from '../../local/app';
import { startLocalDynamo } from '../../local/dynamo-engine';
import { FaultPlan } from '../../local/faults';
import { FileConfigSource } from '../../local/file-config-source';
import { ManualClock } from '../../local/manual-clock';
import type { OutboxMessage } from '../../local/outbox';
import { EXAMPLE_CONFIG_FILES, IN_HOURS } from './leads';
import { Meter } from './meter';

export const BENCH_TABLE = 'lead-handoff-bench';
export const INTAKE_KEY = 'local-web-form-key';
export const OPS_KEY = 'local-ops-key';

export interface BenchResponse {
  status: number;
  body: string;
  json: unknown;
}

export interface RequestOptions {
  key?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (repeated names allowed). */
  form?: [string, string][];
}

export interface BenchPipeline {
  app: LocalApp;
  clock: ManualClock;
  client: DynamoDBClient;
  tableName: string;
  meter: Meter | undefined;
  request(method: string, path: string, options?: RequestOptions): Promise<BenchResponse>;
  /** Posts a lead with the web-form key; throws unless intake answers 201. */
  postLead(body: unknown, headers?: Record<string, string>): Promise<string>;
  /** Moves the manual clock, running every timer and queued message at its own time. */
  advance(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export const ACCEPT_FORM: [string, string][] = [
  ['action', 'accept'],
  ['confirm', 'saw_notes'],
  ['confirm', 'understands_next_step'],
  ['confirm', 'knows_deadline'],
  ['confirm', 'enough_context'],
];

/** The newest message with a handoff link about `leadId` (SMS first, as an owner would tap it). */
export const linkFor = (app: LocalApp, leadId: string): OutboxMessage | undefined => {
  const withLink = app.outbox.list().filter((m) => m.link && m.ref?.leadId === leadId);
  return withLink.filter((m) => m.channel === 'sms').at(-1) ?? withLink.at(-1);
};

export const startPipeline = async (
  options: { start?: string; metered?: boolean } = {},
): Promise<BenchPipeline> => {
  const dynamo = await startLocalDynamo({ tableName: BENCH_TABLE });
  const clock = new ManualClock(options.start ?? IN_HOURS);
  // A plan that never fails: the local runner's own call counter on every port.
  const faults = options.metered ? new FaultPlan() : undefined;
  const app = createLocalApp({
    client: dynamo.client,
    tableName: BENCH_TABLE,
    clock,
    config: new FileConfigSource(EXAMPLE_CONFIG_FILES),
    ...(faults ? { faults } : {}),
  });
  const meter = faults ? new Meter(faults, dynamo.client, app) : undefined;

  const request = async (method: string, path: string, opts: RequestOptions = {}): Promise<BenchResponse> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.key) headers['x-api-key'] = opts.key;
    let body = '';
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const [pathname, search = ''] = path.split('?');
    const route = app.gateway.match(method, pathname ?? path)?.route;
    if (meter && route) {
      // API Gateway invokes the authorizer on every request (its cache TTL is 0), then the function.
      if (route.auth !== 'public') meter.invoke('authorizer');
      meter.invoke(route.fn);
    }
    const response = await app.gateway.handle({
      method,
      path: pathname ?? path,
      query: new URLSearchParams(search),
      headers,
      body,
      sourceIp: '127.0.0.1',
    });
    meter?.enter('other');
    await app.runtime.runDue();
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      json = undefined;
    }
    return { status: response.statusCode, body: response.body, json };
  };

  return {
    app,
    clock,
    client: dynamo.client,
    tableName: BENCH_TABLE,
    meter,
    request,
    postLead: async (body, headers) => {
      const res = await request('POST', '/leads', { key: INTAKE_KEY, body, ...(headers ? { headers } : {}) });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.body}`);
      return (res.json as { leadId: string }).leadId;
    },
    advance: async (seconds) => {
      await app.runtime.advance(clock, seconds);
      meter?.enter('other');
    },
    stop: async () => {
      await app.runtime.stop();
      await dynamo.close();
    },
  };
};
