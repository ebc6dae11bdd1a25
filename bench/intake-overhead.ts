/**
 * 1. Intake overhead: the intake Lambda handler end to end (body parsing, validation, the phone
 * marker's conditional write, routing, the lead's conditional write, the dispatch enqueue) against a
 * bare `PutItem` of the very item it wrote, on the same embedded dynalite, in the same process. The
 * handler is built as the local runner builds it (`local/app.ts`): `makeHandler` over `IntakeService`
 * with the local app's ports and the Powertools idempotency store, but with the deployed function's
 * config source (the config item, cached per container) instead of the local runner's files.
 *
 * Two more series are floors: a bare conditional `PutItem` of a phone marker followed by the bare
 * `PutItem` (two writes one after the other: the floor of intake as it is, marker then lead), and a
 * bare byPhone `Query` followed by the bare `PutItem` (the floor of the check-then-write intake it
 * replaced, whose index read was eventually consistent).
 *
 * Warm-up first; then the series are interleaved in a seeded random order every iteration, so drift
 * (GC, the growing table) falls on all of them alike.
 */
import { readFileSync } from 'node:fs';
import { type AttributeValue, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { makeHandler as makeIntake } from '../functions/intake/make-handler';
import { createLocalApp } from '../local/app';
import { startLocalDynamo } from '../local/dynamo-engine';
import { lambdaContext } from '../local/lambda-context';
import { IntakeService } from '../shared/app/intake-service';
import { putConfig, TableConfigSource } from '../shared/aws/dynamo-config-source';
import { leadKey, makeDocumentClient } from '../shared/aws/dynamo-lead-store';
import { makeIdempotencyStore } from '../shared/aws/idempotency';
import { ensureTable } from '../shared/aws/table-schema';
import { systemClock } from '../shared/clock';
import { INDEXES } from '../shared/settings';
import { benchLead, EXAMPLE_CONFIG_FILES } from './support/leads';
import { BENCH_TABLE } from './support/pipeline';
import type { SectionResult } from './support/report';
import { mean, percentile, progress, round, seededRandom } from './support/stats';

const BARE_TABLE = 'lead-handoff-bench-bare';
/** The deployed functions' default `CONFIG_CACHE_SECONDS`. */
const CONFIG_CACHE_SECONDS = 60;
const TARGET_RATIO = 1.5;

const intakeEvent = (body: unknown): APIGatewayProxyEvent =>
  ({
    resource: '/leads',
    path: '/leads',
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: { 'content-type': ['application/json'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      stage: 'local',
      requestId: 'bench',
      resourcePath: '/leads',
      httpMethod: 'POST',
      // What the authorizer hands the function for the web-form key.
      authorizer: {
        keyId: 'local-web-form',
        scope: 'intake',
        source: 'web_form',
        principalId: 'local-web-form',
      },
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

const summary = (samples: number[]) => ({
  p50: round(percentile(samples, 50), 3),
  p99: round(percentile(samples, 99), 3),
  mean: round(mean(samples), 3),
  samples: samples.length,
});

export const runIntakeOverhead = async (
  options: { warmup?: number; iterations?: number } = {},
): Promise<SectionResult> => {
  const warmup = options.warmup ?? 300;
  const iterations = options.iterations ?? 2000;
  const dynamo = await startLocalDynamo({ tableName: BENCH_TABLE });
  await ensureTable(dynamo.client, BARE_TABLE);
  // The config as the deployed function reads it: the config item, held for a minute per container.
  // (The local runner's file source stats both files on every request to pick up edits: local only.)
  const doc = makeDocumentClient(dynamo.client);
  const [business, roster] = [EXAMPLE_CONFIG_FILES.business, EXAMPLE_CONFIG_FILES.roster].map(
    (file): unknown => JSON.parse(readFileSync(file, 'utf8')),
  );
  await putConfig(doc, BENCH_TABLE, business, roster, new Date());
  const app = createLocalApp({
    client: dynamo.client,
    tableName: BENCH_TABLE,
    config: new TableConfigSource(doc, BENCH_TABLE, systemClock, CONFIG_CACHE_SECONDS),
  });
  const handler = makeIntake({
    intake: new IntakeService(app.deps),
    idempotency: makeIdempotencyStore(dynamo.client, BENCH_TABLE, 'intake'),
    config: app.deps.config,
  });
  const context = lambdaContext('intake');
  const random = seededRandom(6);
  const series = {
    intake: [] as number[],
    put: [] as number[],
    markerPut: [] as number[],
    queryPut: [] as number[],
  };

  let n = 0;
  let last: { item: Record<string, AttributeValue>; phone: string } | undefined;
  const timeIntake = async (): Promise<number> => {
    n += 1;
    const body = benchLead(n);
    const start = performance.now();
    const response = await handler(intakeEvent(body), context);
    const ms = performance.now() - start;
    if (response.statusCode !== 201)
      throw new Error(`intake answered ${response.statusCode}: ${response.body}`);
    const { leadId } = JSON.parse(response.body) as { leadId: string };
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: BENCH_TABLE,
        Key: { PK: { S: leadKey(leadId).PK }, SK: { S: 'LEAD' } },
      }),
    );
    if (!Item) throw new Error(`lead ${leadId} not stored`);
    last = { item: Item, phone: Item.phone?.S ?? '' };
    return ms;
  };
  const timePut = async (): Promise<number> => {
    if (!last) throw new Error('no item yet');
    const start = performance.now();
    await dynamo.client.send(new PutItemCommand({ TableName: BARE_TABLE, Item: last.item }));
    return performance.now() - start;
  };
  const timeQueryPut = async (): Promise<number> => {
    if (!last) throw new Error('no item yet');
    const start = performance.now();
    await dynamo.client.send(
      new QueryCommand({
        TableName: BARE_TABLE,
        IndexName: INDEXES.byPhone.name,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: { ':pk': { S: `PHONE#${last.phone}-none` }, ':since': { S: '2000' } },
      }),
    );
    await dynamo.client.send(new PutItemCommand({ TableName: BARE_TABLE, Item: last.item }));
    return performance.now() - start;
  };

  let markers = 0;
  const timeMarkerPut = async (): Promise<number> => {
    if (!last) throw new Error('no item yet');
    markers += 1;
    const start = performance.now();
    await dynamo.client.send(
      new PutItemCommand({
        TableName: BARE_TABLE,
        Item: {
          PK: { S: `PHONE#${last.phone}-${markers}` },
          SK: { S: 'OPEN_LEAD' },
          leadId: { S: last.item.id?.S ?? '' },
          expiresAt: { S: '2026-11-19T16:00:00.000Z' },
          ttl: { N: '1795104000' },
        },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': { S: '2026-11-18T16:00:00.000Z' } },
      }),
    );
    await dynamo.client.send(new PutItemCommand({ TableName: BARE_TABLE, Item: last.item }));
    return performance.now() - start;
  };

  progress(`intake overhead: ${warmup} warm-up rounds, then ${iterations} interleaved rounds`);
  for (let i = 0; i < warmup; i += 1) {
    await timeIntake();
    await timePut();
    await timeMarkerPut();
    await timeQueryPut();
  }
  const runners = [
    ['intake', timeIntake],
    ['put', timePut],
    ['markerPut', timeMarkerPut],
    ['queryPut', timeQueryPut],
  ] as const;
  for (let i = 0; i < iterations; i += 1) {
    const order = [...runners].sort(() => random() - 0.5);
    for (const [name, run] of order) series[name].push(await run());
  }
  await dynamo.close();

  const intake = summary(series.intake);
  const put = summary(series.put);
  const markerPut = summary(series.markerPut);
  const queryPut = summary(series.queryPut);
  const over = (a: { p50: number; p99: number }, b: { p50: number; p99: number }) => ({
    p50: round(a.p50 / b.p50, 2),
    p99: round(a.p99 / b.p99, 2),
  });
  const ratio = over(intake, put);
  const floorRatio = over(markerPut, put);
  const queryFloorRatio = over(queryPut, put);
  const overFloor = over(intake, markerPut);
  return {
    id: 'intake',
    title: '1. Intake overhead vs a bare PutItem (embedded dynalite, same process)',
    figures: {
      warmup,
      iterations,
      intake,
      put,
      markerPut,
      queryPut,
      ratio,
      floorRatio,
      queryFloorRatio,
      intakeOverFloor: overFloor,
    },
    checks: [
      {
        figure: 'intake ÷ PutItem, p50',
        measured: `${ratio.p50}×`,
        target: `≤ ${TARGET_RATIO}×`,
        pass: ratio.p50 <= TARGET_RATIO,
      },
      {
        figure: 'intake ÷ PutItem, p99',
        measured: `${ratio.p99}×`,
        target: `≤ ${TARGET_RATIO}×`,
        pass: ratio.p99 <= TARGET_RATIO,
      },
    ],
    tables: [
      {
        header: ['series', 'p50 ms', 'p99 ms', 'mean ms', 'p50 ÷ PutItem', 'p99 ÷ PutItem'],
        rows: [
          ['bare PutItem of the same item', put.p50, put.p99, put.mean, '1', '1'],
          [
            'bare conditional PutItem (phone marker) + PutItem: floor of marker-then-lead',
            markerPut.p50,
            markerPut.p99,
            markerPut.mean,
            floorRatio.p50,
            floorRatio.p99,
          ],
          [
            'bare byPhone Query + PutItem: floor of the former check-then-write',
            queryPut.p50,
            queryPut.p99,
            queryPut.mean,
            queryFloorRatio.p50,
            queryFloorRatio.p99,
          ],
          ['intake handler end to end', intake.p50, intake.p99, intake.mean, ratio.p50, ratio.p99],
        ],
      },
    ],
    notes: [
      `${iterations} rounds after ${warmup} warm-up rounds; each round runs the four series once, in a random order.`,
      `Intake over its own floor (marker PutItem + PutItem): ${overFloor.p50}× at p50, ${overFloor.p99}× at p99.`,
      'Locally the dispatch enqueue is an in-memory queue; on AWS it is one SQS SendMessageBatch more.',
    ],
  };
};
