/**
 * The SQS consumer runs a batch's records in parallel, except records about the same lead, which run
 * one after the other in batch order; a failed record is reported alone and does not hold up the next.
 */
import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaContext } from '../../local/lambda-context';
import { oneAtATimePerKey, sqsConsumer } from '../../shared/sqs-consumer';

/** A record as SQS delivers it; `body` is sent as is when it is already a string. */
const sqsRecord = (body: unknown, i: number): SQSRecord => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: text,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1767225600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1767225600001',
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(text).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:notify-standard',
    awsRegion: 'us-east-1',
  };
};

const batch = (bodies: unknown[]): SQSEvent => ({ Records: bodies.map(sqsRecord) });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sqsConsumer', () => {
  it("runs one lead's records one after the other, in batch order, and other leads' alongside", async () => {
    // Arrange: lead A's first record is the slowest, so in parallel A2 would start and end first.
    const events: string[] = [];
    const consumer = sqsConsumer(
      z.object({ leadId: z.string(), name: z.string(), ms: z.number() }),
      async ({ name, ms }) => {
        events.push(`start ${name}`);
        await pause(ms);
        events.push(`end ${name}`);
      },
    );

    // Act
    const response = await consumer(
      batch([
        { leadId: 'A', name: 'A1', ms: 30 },
        { leadId: 'B', name: 'B1', ms: 5 },
        { leadId: 'A', name: 'A2', ms: 1 },
        { leadId: 'A', name: 'A3', ms: 1 },
      ]),
      lambdaContext('notifier'),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const a = events.filter((e) => e.endsWith('A1') || e.endsWith('A2') || e.endsWith('A3'));
    expect(a).toEqual(['start A1', 'end A1', 'start A2', 'end A2', 'start A3', 'end A3']);
    // B ran while A1 was still running.
    expect(events.indexOf('end B1')).toBeLessThan(events.indexOf('end A1'));
  });

  it("reports a failed record alone, and the lead's next record still runs", async () => {
    // Arrange
    const handled: string[] = [];
    const consumer = sqsConsumer(z.object({ leadId: z.string(), name: z.string() }), async ({ name }) => {
      if (name === 'A1') throw new Error('carrier down');
      handled.push(name);
    });

    // Act
    const response = await consumer(
      batch([
        { leadId: 'A', name: 'A1' },
        { leadId: 'A', name: 'A2' },
        { leadId: 'A', wrong: true },
        { leadId: 'A', name: 'A3' },
      ]),
      lambdaContext('notifier'),
    );

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-0', 'm-2']);
    expect(handled).toEqual(['A2', 'A3']);
  });

  it('reports a record whose body is not JSON, or not the message, alone', async () => {
    // Arrange
    const handled: string[] = [];
    const consumer = sqsConsumer(z.object({ leadId: z.string(), name: z.string() }), async ({ name }) => {
      handled.push(name);
    });

    // Act
    const response = await consumer(
      batch(['{"leadId": "A", "name": ', { leadId: 'A', name: 'A1' }, { leadId: 'A', name: 7 }]),
      lambdaContext('notifier'),
    );

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-0', 'm-2']);
    expect(handled).toEqual(['A1']);
  });
});

describe('oneAtATimePerKey', () => {
  it('runs work of one key one at a time and work without a key at once, each caller getting its own result or error', async () => {
    // Arrange
    const inTurn = oneAtATimePerKey();
    let running = 0;
    let most = 0;
    const work = (value: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      await pause(2);
      running -= 1;
      if (value < 0) throw new Error(`bad ${value}`);
      return value;
    };

    // Act
    const keyed = await Promise.allSettled([
      inTurn('k', work(1)),
      inTurn('k', work(-1)),
      inTurn('k', work(3)),
    ]);
    const mostKeyed = most;
    most = 0;
    await Promise.all([inTurn(undefined, work(4)), inTurn(undefined, work(5))]);

    // Assess
    expect(keyed.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      1,
      'Error: bad -1',
      3,
    ]);
    expect(mostKeyed).toBe(1);
    expect(most).toBe(2);
  });
});
