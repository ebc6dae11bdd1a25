/**
 * 2. AWS calls and cost per lead, counted on the local pipeline (same handlers, same use cases) by the
 * meter in `support/meter.ts`, for three journeys:
 *
 * - happy path: a standard lead in business hours → dispatch → SMS and email to the tech → the tech
 *   opens the link and accepts;
 * - the same with an `Idempotency-Key` header (Powertools Idempotency records);
 * - full emergency escalation after hours: nobody accepts, the ladder climbs to the business owner
 *   and re-notifies until it is exhausted.
 *
 * Leads arrive a minute apart (a busy hour for a small shop), so intake's 5-second owner-load cache is
 * cold for each one. The reconciler's runs are a fixed cost per five minutes, not per lead: they are
 * reported apart.
 */

import { LAMBDA_DURATION_MODEL, lambdaDurationCost, PRICES } from './prices';
import { AFTER_HOURS, benchLead, IN_HOURS } from './support/leads';
import { type DynamoTotals, type MeterSnapshot, perUnit, since } from './support/meter';
import { ACCEPT_FORM, type BenchPipeline, linkFor, startPipeline } from './support/pipeline';
import type { SectionResult, Table } from './support/report';
import { grouped, progress, round } from './support/stats';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const API_FUNCTIONS = ['intake', 'leads', 'links', 'ops'];
/** Labels that are not per-lead work: setup and checks by the bench, and the reconciler's fixed runs. */
const NOT_PER_LEAD = new Set(['other', 'reconciler']);

/** A per-lead count for a table: whole numbers as they are, averages with two decimals. */
const n2 = (x: number): string => grouped(round(x, 2), Number.isInteger(round(x, 2)) ? 0 : 2);

export interface CallCounts {
  dynamo: {
    calls: number;
    reads: number;
    writes: number;
    readUnits: number;
    writeUnits: number;
    indexWriteUnits: number;
  };
  scheduler: { creates: number; deletes: number; invocations: number };
  sqs: { sends: number; receives: number; deletes: number };
  sns: { sms: number; email: number };
  lambda: { invocations: number; byFunction: Record<string, number>; estimatedMs: number };
  apiGatewayRequests: number;
}

/** What a journey needs at the least, whatever the design (see `minimumFor`). */
export interface Minimum {
  dynamoCalls: number;
  schedulerApiCalls: number;
  schedulerInvocations: number;
  sqsRequests: number;
  snsPublishes: number;
  lambdaInvocations: number;
  apiGatewayRequests: number;
  why: Record<string, string>;
}

const sumDynamo = (snapshot: MeterSnapshot, include: (label: string) => boolean): CallCounts['dynamo'] => {
  const out = { calls: 0, reads: 0, writes: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0 };
  for (const [label, operations] of Object.entries(snapshot.dynamo)) {
    if (!include(label)) continue;
    for (const [operation, t] of Object.entries(operations) as [string, DynamoTotals][]) {
      out.calls += t.calls;
      if (READS.has(operation)) out.reads += t.calls;
      else out.writes += t.calls;
      out.readUnits += t.readUnits;
      out.writeUnits += t.writeUnits;
      out.indexWriteUnits += t.indexWriteUnits;
    }
  }
  return out;
};

/** The per-lead counts of a journey (functions only; the reconciler and the bench's own checks apart). */
export const callCounts = (perLead: MeterSnapshot): CallCounts => {
  const dynamo = sumDynamo(perLead, (label) => !NOT_PER_LEAD.has(label));
  const byFunction = Object.fromEntries(
    Object.entries(perLead.invocations).filter(([label, n]) => !NOT_PER_LEAD.has(label) && n > 0),
  );
  const invocations = Object.values(byFunction).reduce((sum, n) => sum + n, 0);
  const scheduler = {
    creates: perLead.timers.creates,
    deletes: perLead.timers.deletes,
    invocations: perLead.invocations.deadline ?? 0,
  };
  const sqs = {
    sends: perLead.ports.queue,
    receives: perLead.sqsPolling.receives,
    deletes: perLead.sqsPolling.deletes,
  };
  const sns = { sms: perLead.ports.sms, email: perLead.ports.email };
  const awsCalls = dynamo.calls + sqs.sends + scheduler.creates + scheduler.deletes + sns.sms + sns.email;
  return {
    dynamo,
    scheduler,
    sqs,
    sns,
    lambda: {
      invocations,
      byFunction,
      estimatedMs: invocations * LAMBDA_DURATION_MODEL.baseMs + awsCalls * LAMBDA_DURATION_MODEL.perAwsCallMs,
    },
    apiGatewayRequests: API_FUNCTIONS.reduce((sum, fn) => sum + (perLead.invocations[fn] ?? 0), 0),
  };
};

/** Cost of 1,000 leads, per service (USD). */
export const costPer1000 = (c: CallCounts) => {
  const lines = {
    dynamodb:
      (c.dynamo.writeUnits + c.dynamo.indexWriteUnits) * PRICES.dynamoWriteRequestUnit +
      c.dynamo.readUnits * PRICES.dynamoReadRequestUnit,
    sqs: (c.sqs.sends + c.sqs.receives + c.sqs.deletes) * PRICES.sqsRequest,
    scheduler: c.scheduler.invocations * PRICES.schedulerInvocation,
    sns: (c.sns.sms + c.sns.email) * PRICES.snsPublish + c.sns.email * PRICES.snsEmailDelivery,
    lambda: c.lambda.invocations * PRICES.lambdaRequest + lambdaDurationCost(c.lambda.estimatedMs),
    apiGateway: c.apiGatewayRequests * PRICES.apiGatewayRestRequest,
  };
  const per1000 = Object.fromEntries(
    Object.entries(lines).map(([k, v]) => [k, round(v * 1000, 5)]),
  ) as Record<keyof typeof lines, number>;
  const total = round(
    Object.values(per1000).reduce((sum, v) => sum + v, 0),
    5,
  );
  return { ...per1000, total };
};

/**
 * The fewest calls a journey can make while keeping what the product promises — the lead stored
 * durably, the 24-hour same-phone rule, a deadline that fires even if every function is idle, nobody
 * messaged twice for the same step (SNS publishes are not idempotent: each send needs a durable claim
 * first), and each outcome recorded once:
 *
 * - intake: 2 writes: the phone marker (a conditional put: the same-phone rule, strongly consistent)
 *   and the lead with its handoff (one TransactWriteItems could carry both in 1 call, at twice the
 *   write units; dynalite has none);
 * - each message: 1 claim write before the publish (its link token can live in the claimed item) and
 *   1 SNS publish; recording the delivery can be the same item, so no more;
 * - a deadline: 1 CreateSchedule; if it fires, 1 invocation (Scheduler) + 1 deadline function
 *   invocation + 1 read and 1 conditional write (the next step depends on the current state);
 *   if the lead is accepted first, 1 DeleteSchedule (or a no-op invocation: either costs 1 call);
 * - opening a link: 1 API request, 1 function, 1 read; accepting: 1 API request, 1 function and
 *   1 conditional write (the condition checks that the step still waits on this person: no read);
 * - SQS: 0 — nothing physically needs a queue (intake could publish itself); the queues buy
 *   durability, retries and priority lanes. The authorizer: 0 if API Gateway cached its answers.
 */
export const minimumFor = (journey: {
  messages: number;
  handoffs: number;
  deadlinesFired: number;
  accepted: boolean;
  linkOpened: boolean;
}): Minimum => {
  const { messages, handoffs, deadlinesFired, accepted, linkOpened } = journey;
  const apiRequests = 1 + (linkOpened ? 1 : 0) + (accepted ? 1 : 0);
  return {
    dynamoCalls: 2 + messages + 2 * deadlinesFired + (linkOpened ? 1 : 0) + (accepted ? 1 : 0),
    schedulerApiCalls: handoffs + (accepted ? 1 : 0),
    schedulerInvocations: deadlinesFired,
    sqsRequests: 0,
    snsPublishes: messages,
    lambdaInvocations: apiRequests + deadlinesFired,
    apiGatewayRequests: apiRequests,
    why: {
      dynamo: [
        'intake 2 writes (phone marker, lead)',
        `${n2(messages)} message claim(s)`,
        deadlinesFired ? `${n2(deadlinesFired)} deadline(s) × (1 read + 1 write)` : '',
        linkOpened ? 'link page 1 read' : '',
        accepted ? 'accept 1 conditional write' : '',
      ]
        .filter(Boolean)
        .join('; '),
      scheduler: `${n2(handoffs)} deadline(s) created${accepted ? ', 1 deleted on acceptance' : ''}${deadlinesFired ? `, ${n2(deadlinesFired)} fired` : ''}`,
      sqs: 'no queue is physically needed',
      sns: `one publish per message sent (${n2(messages)})`,
      lambda: `${apiRequests} API function(s) (authorizer cached)${deadlinesFired ? ` + ${n2(deadlinesFired)} deadline run(s)` : ''}`,
    },
  };
};

interface Journey {
  name: string;
  leads: number;
  perLead: MeterSnapshot;
  reconciler: { runs: number; dynamoCallsPerRun: number; readUnitsPerRun: number };
  facts: {
    messages: number;
    handoffs: number;
    deadlinesFired: number;
    accepted: boolean;
    linkOpened: boolean;
  };
}

/** Fails loudly when the meter and the fault plan disagree (a call counted twice or not at all). */
const crossCheck = (name: string, diff: MeterSnapshot): void => {
  const dynamoCalls = sumDynamo(diff, () => true).calls;
  const problems: string[] = [];
  if (dynamoCalls !== diff.ports.dynamodb) problems.push(`DynamoDB ${dynamoCalls} vs ${diff.ports.dynamodb}`);
  if (diff.timers.creates + diff.timers.deletes !== diff.ports.timers)
    problems.push(`timers ${diff.timers.creates + diff.timers.deletes} vs ${diff.ports.timers}`);
  if ((diff.invocations.deadline ?? 0) !== diff.ports.deadline)
    problems.push(`deadline ${diff.invocations.deadline ?? 0} vs ${diff.ports.deadline}`);
  if (problems.length > 0) throw new Error(`${name}: meter and fault plan disagree: ${problems.join('; ')}`);
};

const measure = async (
  pipe: BenchPipeline,
  name: string,
  leads: number,
  journey: (n: number) => Promise<string>,
): Promise<{ diff: MeterSnapshot; ids: string[] }> => {
  const meter = pipe.meter;
  if (!meter) throw new Error('the pipeline must be metered');
  const before = meter.snapshot();
  const ids: string[] = [];
  for (let n = 1; n <= leads; n += 1) ids.push(await journey(n));
  const diff = since(before, meter.snapshot());
  crossCheck(name, diff);
  return { diff, ids };
};

const reconcilerCost = (diff: MeterSnapshot) => {
  const runs = diff.invocations.reconciler ?? 0;
  const dynamo = sumDynamo(diff, (label) => label === 'reconciler');
  return {
    runs,
    dynamoCallsPerRun: runs ? round(dynamo.calls / runs, 2) : 0,
    readUnitsPerRun: runs ? round(dynamo.readUnits / runs, 2) : 0,
  };
};

const happyPath = async (leads: number, idempotencyKey: boolean): Promise<Journey> => {
  const pipe = await startPipeline({ start: IN_HOURS, metered: true });
  const name = idempotencyKey ? 'happy path, with Idempotency-Key' : 'happy path';
  const offset = idempotencyKey ? 50_000 : 0;
  const one = async (n: number): Promise<string> => {
    const headers = idempotencyKey ? { 'Idempotency-Key': `bench-${n}` } : undefined;
    const id = await pipe.postLead(benchLead(offset + n), headers);
    const link = linkFor(pipe.app, id)?.link;
    if (!link) throw new Error(`${name}: no link sent for lead ${id}`);
    const path = new URL(link).pathname;
    const page = await pipe.request('GET', path);
    const accept = await pipe.request('POST', path, { form: ACCEPT_FORM });
    if (page.status !== 200 || accept.status !== 200)
      throw new Error(`${name}: link answered ${page.status}/${accept.status}`);
    await pipe.advance(60);
    return id;
  };
  try {
    await one(0); // warm-up: first-call costs (config, clients) are not per lead
    const outboxBefore = pipe.app.outbox.list().length;
    const { diff, ids } = await measure(pipe, name, leads, one);
    for (const id of ids) {
      const lead = await pipe.app.deps.store.get(id);
      if (lead?.status !== 'accepted')
        throw new Error(`${name}: lead ${id} is ${lead?.status}, not accepted`);
    }
    const messages = (pipe.app.outbox.list().length - outboxBefore) / leads;
    return {
      name,
      leads,
      perLead: perUnit(diff, leads),
      reconciler: reconcilerCost(diff),
      facts: { messages, handoffs: 1, deadlinesFired: 0, accepted: true, linkOpened: true },
    };
  } finally {
    await pipe.stop();
  }
};

const escalation = async (leads: number): Promise<Journey> => {
  const pipe = await startPipeline({ start: AFTER_HOURS, metered: true });
  const name = 'emergency, full escalation';
  let handoffs = 0;
  const one = async (n: number): Promise<string> => {
    const id = await pipe.postLead(benchLead(100_000 + n, 'emergency'));
    // Nobody accepts: run the ladder to its end (no timer left for the lead, queues drained).
    for (let minute = 0; minute < 6 * 60; minute += 1) {
      await pipe.advance(60);
      const waiting = pipe.app.scheduler.list().some((s) => s.payload.leadId === id);
      const queued = Object.values(pipe.app.queues.queues).some((q) => q.depth > 0);
      if (!waiting && !queued) break;
    }
    const lead = await pipe.app.deps.store.get(id);
    handoffs += lead?.timeline.filter((e) => e.type === 'handoff_created').length ?? 0;
    return id;
  };
  try {
    const outboxBefore = pipe.app.outbox.list().length;
    const { diff } = await measure(pipe, name, leads, one);
    const perLead = perUnit(diff, leads);
    return {
      name,
      leads,
      perLead,
      reconciler: reconcilerCost(diff),
      facts: {
        messages: (pipe.app.outbox.list().length - outboxBefore) / leads,
        handoffs: handoffs / leads,
        deadlinesFired: perLead.invocations.deadline ?? 0,
        accepted: false,
        linkOpened: false,
      },
    };
  } finally {
    await pipe.stop();
  }
};

const usd = (x: number): string => `$${x.toFixed(4)}`;

const journeyTable = (
  j: Journey,
  c: CallCounts,
  min: Minimum,
  cost: ReturnType<typeof costPer1000>,
): Table => ({
  caption: `**${j.name}** (${j.leads} leads; per lead; cost per 1,000 leads)`,
  header: ['service', 'calls per lead', 'minimum', 'why the minimum', 'cost / 1,000 leads'],
  rows: [
    [
      'DynamoDB',
      `${n2(c.dynamo.calls)} (${n2(c.dynamo.reads)} reads, ${n2(c.dynamo.writes)} writes); ${n2(c.dynamo.readUnits)} RRU, ${n2(c.dynamo.writeUnits)} + ${n2(c.dynamo.indexWriteUnits)} index WRU`,
      min.dynamoCalls,
      min.why.dynamo ?? '',
      usd(cost.dynamodb),
    ],
    [
      'EventBridge Scheduler',
      `${n2(c.scheduler.creates)} create, ${n2(c.scheduler.deletes)} delete; ${n2(c.scheduler.invocations)} invocations`,
      `${min.schedulerApiCalls} API, ${min.schedulerInvocations} invocations`,
      min.why.scheduler ?? '',
      usd(cost.scheduler),
    ],
    [
      'SQS',
      `${n2(c.sqs.sends + c.sqs.receives + c.sqs.deletes)} (${n2(c.sqs.sends)} send, ${n2(c.sqs.receives)} receive, ${n2(c.sqs.deletes)} delete)`,
      min.sqsRequests,
      min.why.sqs ?? '',
      usd(cost.sqs),
    ],
    [
      'SNS',
      `${n2(c.sns.sms + c.sns.email)} publishes (${n2(c.sns.sms)} SMS, ${n2(c.sns.email)} email)`,
      min.snsPublishes,
      min.why.sns ?? '',
      usd(cost.sns),
    ],
    [
      'Lambda',
      `${n2(c.lambda.invocations)} invocations (${Object.entries(c.lambda.byFunction)
        .map(([fn, k]) => `${fn} ${n2(k)}`)
        .join(', ')}); ~${grouped(Math.round(c.lambda.estimatedMs))} ms`,
      min.lambdaInvocations,
      min.why.lambda ?? '',
      usd(cost.lambda),
    ],
    [
      'API Gateway (REST)',
      n2(c.apiGatewayRequests),
      min.apiGatewayRequests,
      'one per HTTP request',
      usd(cost.apiGateway),
    ],
    ['**total** (SMS carrier fees apart)', '', '', '', `**${usd(cost.total)}**`],
  ],
});

/** Where a journey's DynamoDB calls come from, function by function. */
const functionTable = (j: Journey): Table => {
  const labels = new Set([...Object.keys(j.perLead.invocations), ...Object.keys(j.perLead.dynamo)]);
  const rows: (string | number)[][] = [];
  for (const label of labels) {
    if (label === 'other') continue;
    const operations = Object.entries(j.perLead.dynamo[label] ?? {}) as [string, DynamoTotals][];
    const calls = (filter: (op: string) => boolean, field: keyof DynamoTotals) =>
      operations.filter(([op]) => filter(op)).reduce((sum, [, t]) => sum + t[field], 0);
    const invocations = j.perLead.invocations[label] ?? 0;
    if (invocations === 0 && operations.length === 0) continue;
    rows.push([
      label === 'reconciler' ? 'reconciler (fixed, every 5 min)' : label,
      n2(invocations),
      n2(calls((op) => READS.has(op), 'calls')),
      n2(calls((op) => !READS.has(op), 'calls')),
      n2(calls((op) => !READS.has(op), 'failed')),
      n2(calls(() => true, 'readUnits')),
      n2(calls(() => true, 'writeUnits') + calls(() => true, 'indexWriteUnits')),
    ]);
  }
  return {
    caption: `${j.name}: DynamoDB by function (per lead)`,
    header: [
      'function',
      'invocations',
      'reads',
      'writes',
      'of which refused (conflict or condition)',
      'RRU',
      'WRU incl. index',
    ],
    rows,
  };
};

export const runAwsCalls = async (
  options: { leads?: number; escalations?: number } = {},
): Promise<SectionResult> => {
  const leads = options.leads ?? 20;
  const escalations = options.escalations ?? 3;
  progress(`AWS calls: happy path × ${leads}, with Idempotency-Key × ${leads}, escalation × ${escalations}`);
  const journeys = [
    await happyPath(leads, false),
    await happyPath(leads, true),
    await escalation(escalations),
  ];
  const figures: Record<string, unknown> = {};
  const tables: Table[] = [];
  for (const j of journeys) {
    const counts = callCounts(j.perLead);
    const minimum = minimumFor(j.facts);
    const cost = costPer1000(counts);
    figures[j.name] = {
      leads: j.leads,
      perLead: counts,
      facts: j.facts,
      minimum,
      costPer1000Leads: cost,
      reconciler: j.reconciler,
      meter: j.perLead,
    };
    tables.push(journeyTable(j, counts, minimum, cost), functionTable(j));
  }
  const reconciler = journeys[0]?.reconciler;
  const reconcilerMonthly = reconciler
    ? round(
        ((30 * 24 * 60) / 5) *
          (PRICES.lambdaRequest +
            lambdaDurationCost(
              LAMBDA_DURATION_MODEL.baseMs +
                reconciler.dynamoCallsPerRun * LAMBDA_DURATION_MODEL.perAwsCallMs,
            ) +
            reconciler.readUnitsPerRun * PRICES.dynamoReadRequestUnit +
            2 * PRICES.sqsRequest +
            PRICES.schedulerInvocation),
        4,
      )
    : 0;
  figures.fixed = { reconcilerPerRun: reconciler, reconcilerPerMonthUsd: reconcilerMonthly };
  return {
    id: 'calls',
    title: '2. AWS calls and cost per lead',
    figures,
    checks: [],
    tables,
    notes: [
      'Counted on the local pipeline: DynamoDB at the SDK client middleware (with the capacity dynalite reports, plus the index writes DynamoDB bills), queues, timers, SMS and email at the ports the local runner wraps for fault injection, Lambda invocations at the emulated gateway, queue pollers and scheduler.',
      'RRU/WRU: read and write request units; "index WRU" are the writes to the byPhone/open/byDay index entries (≤ 1 KB each, one unit per entry written, two when its key moves).',
      `Lambda duration is an estimate (${LAMBDA_DURATION_MODEL.baseMs} ms per invocation + ${LAMBDA_DURATION_MODEL.perAwsCallMs} ms per AWS call, 512 MB arm64), not a measurement.`,
      `Fixed, not per lead: the reconciler runs every 5 minutes (${reconciler?.dynamoCallsPerRun ?? 0} DynamoDB call(s) and ${reconciler?.readUnitsPerRun ?? 0} RRU per run here, plus 2 SQS receives on the failure queues): about $${reconcilerMonthly} a month. Lambda's SQS pollers' empty receives and each function instance's config read (cached 60 s) are fixed costs too.`,
      'SMS: AWS End User Messaging per-message and carrier fees (US 10DLC: under a cent per segment) are apart; the figures here are the AWS request charges only.',
    ],
  };
};
