import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../local/manual-clock';
import { type LocalConsumer, LocalQueue, pollOnce } from '../../../local/queues';
import { LocalScheduler } from '../../../local/scheduler';

const payload = { kind: 'acceptance_deadline' as const, leadId: '01TESTLEAD0000000000000001', seq: 1 };

describe('local queue (SQS semantics)', () => {
  const setup = () => {
    const clock = new ManualClock('2026-11-18T16:00:00Z');
    const dlq = new LocalQueue('q-dlq', { visibilityTimeoutSeconds: 30 }, clock);
    const queue = new LocalQueue(
      'q',
      { visibilityTimeoutSeconds: 30, maxReceiveCount: 3, deadLetter: dlq },
      clock,
    );
    return { clock, queue, dlq };
  };

  it('hides a received message for the visibility timeout, then delivers it again', () => {
    // Prepare
    const { clock, queue } = setup();
    queue.send('m');

    // Act
    const first = queue.receive(10);
    const hidden = queue.receive(10);
    clock.advance(30);
    const again = queue.receive(10);

    // Assess
    expect(first).toHaveLength(1);
    expect(hidden).toHaveLength(0);
    expect(again[0]?.receiveCount).toBe(2);
  });

  it('moves a message received maxReceiveCount times to its dead-letter queue', () => {
    // Prepare
    const { clock, queue, dlq } = setup();
    queue.send('poison');

    // Act
    for (let i = 0; i < 4; i += 1) {
      queue.receive(10);
      clock.advance(30);
    }

    // Assess
    expect(queue.depth).toBe(0);
    expect(dlq.list().map((m) => m.body)).toEqual(['poison']);
  });

  it('deletes only the records a consumer did not report as failed', async () => {
    // Prepare
    const { queue } = setup();
    queue.send('ok');
    queue.send('bad');
    const consumer: LocalConsumer = {
      queue,
      functionName: 'test',
      batchSize: 10,
      handler: async (event) => ({
        batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      }),
    };

    // Act
    await pollOnce(consumer);

    // Assess
    expect(queue.list().map((m) => m.body)).toEqual(['bad']);
  });
});

describe('local scheduler (EventBridge Scheduler semantics)', () => {
  const setup = () => {
    const clock = new ManualClock('2026-11-18T16:00:00Z');
    const dlq = new LocalQueue('deadline-failures', { visibilityTimeoutSeconds: 30 }, clock);
    const scheduler = new LocalScheduler(clock, { maxRetries: 2, retryDelaySeconds: 60, deadLetter: dlq });
    return { clock, scheduler, dlq };
  };

  it('creating an existing name is a no-op and deleting a missing one is fine', async () => {
    // Prepare
    const { scheduler } = setup();
    await scheduler.schedule({ name: 't', at: new Date('2026-11-18T16:05:00Z'), payload });

    // Act
    await scheduler.schedule({ name: 't', at: new Date('2026-11-18T17:00:00Z'), payload });
    await scheduler.cancel('missing');

    // Assess
    expect(scheduler.list().map((s) => new Date(s.at).toISOString())).toEqual(['2026-11-18T16:05:00.000Z']);
  });

  it('never fires early: at() is rounded up to the whole second', async () => {
    // Prepare
    const { clock, scheduler } = setup();
    await scheduler.schedule({ name: 't', at: new Date('2026-11-18T16:05:00.200Z'), payload });
    const fired: unknown[] = [];

    // Act
    clock.set('2026-11-18T16:05:00.500Z');
    await scheduler.fireDue(async (p) => fired.push(p));
    clock.set('2026-11-18T16:05:01.000Z');
    await scheduler.fireDue(async (p) => fired.push(p));

    // Assess
    expect(fired).toHaveLength(1);
    expect(scheduler.list()).toHaveLength(0);
  });

  it('retries a failing target, then dead-letters the invocation', async () => {
    // Prepare
    const { clock, scheduler, dlq } = setup();
    await scheduler.schedule({ name: 't', at: clock.now(), payload });
    const failing = async () => {
      throw new Error('boom');
    };

    // Act
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      outcomes.push(...(await scheduler.fireDue(failing)).map((f) => f.outcome));
      clock.advance(60);
    }

    // Assess
    expect(outcomes).toEqual(['retrying', 'retrying', 'dead_lettered']);
    expect(JSON.parse(dlq.list()[0]?.body ?? '{}')).toMatchObject({
      requestContext: { condition: 'RetriesExhausted' },
      requestPayload: payload,
    });
  });
});
