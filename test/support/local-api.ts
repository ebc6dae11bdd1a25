/**
 * The local runner's API in process over an embedded dynalite table, with a manual clock: what the
 * API tests drive. Requests go through the emulated gateway (authorizer included) exactly as HTTP does.
 */

import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createLocalApp, type LocalApp } from '../../local/app';
import type { FaultPlan } from '../../local/faults';
import { ManualClock } from '../../local/manual-clock';
import { ensureTable } from '../../shared/aws/table-schema';
import type { ConfigSource } from '../../shared/ports';
import { type DynamoEngine, newTableName, startDynalite } from './dynamo-engines';

export const KEYS = {
  webForm: 'local-web-form-key',
  phone: 'local-phone-key',
  ops: 'local-ops-key',
} as const;

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON bodies
  json: any;
}

export interface RequestOptions {
  key?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** An object is sent as JSON unless `form` is set; a string is sent as is. */
  body?: unknown;
  form?: boolean;
  contentType?: string;
}

export interface LocalApi {
  app: LocalApp;
  clock: ManualClock;
  /** Moves the manual clock, firing timers and draining queues at their own times (as `/_local/clock/advance`). */
  advance(seconds: number): Promise<void>;
  engine: DynamoEngine;
  tableName: string;
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export const startLocalApi = async (
  start = '2026-11-18T16:00:00Z',
  options: { faults?: FaultPlan; config?: ConfigSource } = {},
): Promise<LocalApi> => {
  const engine = await startDynalite();
  const tableName = newTableName();
  await ensureTable(engine.client, tableName);
  const clock = new ManualClock(start);
  const app = createLocalApp({
    client: engine.client,
    tableName,
    clock,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  return {
    app,
    clock,
    engine,
    tableName,
    advance: async (seconds) => {
      await app.runtime.advance(clock, seconds);
    },
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.key) headers['x-api-key'] = options.key;
      let body = '';
      if (typeof options.body === 'string') body = options.body;
      else if (options.body !== undefined && options.form) {
        body = new URLSearchParams(options.body as Record<string, string>).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      if (options.contentType) headers['content-type'] = options.contentType;
      const response = await app.gateway.handle({
        method,
        path,
        query: new URLSearchParams(options.query ?? {}),
        headers,
        body,
      });
      // As the local server does on the manual clock: what became due runs before the answer.
      await app.runtime.runDue();
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, headers: response.headers, body: response.body, json };
    },
    stop: () => engine.stop(),
  };
};

/** Every item of the table, in key order (a Scan: fine in a test, never in product code). */
export const tableItems = async (api: LocalApi): Promise<Record<string, AttributeValue>[]> => {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await api.engine.client.send(
      new ScanCommand({ TableName: api.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const keyOf = (item: Record<string, AttributeValue>) => `${item.PK?.S}|${item.SK?.S}`;
  return items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
};

/** Every lead item in the table (a Scan: fine in a test, never in product code). */
export const storedLeadIds = async (api: LocalApi): Promise<string[]> =>
  (await tableItems(api)).flatMap((item) =>
    item.SK?.S === 'LEAD' && item.PK?.S ? [item.PK.S.replace('LEAD#', '')] : [],
  );
