import { describe, expect, it } from 'vitest';
import { DispatchService } from '../../../shared/app/dispatch-service';
import { LeadsService } from '../../../shared/app/leads-service';
import type { QueueMessage, WorkQueue } from '../../../shared/ports';
import type { QueueName } from '../../../shared/settings';
import { completeLead, dispatchLead, notifyMessages, pipeline, stored, submitLead } from './support';

const setup = () => {
  const p = pipeline();
  return { ...p, dispatch: new DispatchService(p.deps) };
};

/** A queue whose next `failures` sends throw, then pass to the recording queue. */
const flakyQueue = (inner: WorkQueue, failures: number): WorkQueue => {
  let left = failures;
  return {
    send: async (queue: QueueName, messages: readonly QueueMessage[]) => {
      if (left > 0) {
        left -= 1;
        throw new Error('SQS unavailable');
      }
      await inner.send(queue, messages);
    },
  };
};

describe('DispatchService', () => {
  it('creates the acceptance timer under the deterministic name, due at the acceptance deadline', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);

    // Act
    const outcome = await p.dispatch.dispatch(lead.id, 1);

    // Assess
    expect(outcome).toBe('dispatched');
    expect(p.timers.live.get(`handoff-${lead.id}-1`)).toEqual({
      at: lead.handoff?.acceptBy,
      payload: { kind: 'acceptance_deadline', leadId: lead.id, seq: 1 },
    });
  });

  it('queues the handoff request to the recipient on each of their channels, and the customer acknowledgement, on the standard lane', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const to = lead.handoff?.to.id;

    // Act
    await p.dispatch.dispatch(lead.id, 1);

    // Assess
    expect(p.queue.sent.every((sent) => sent.queue === 'notify-standard')).toBe(true);
    const sent = notifyMessages(p).map((m) => [m.recipientId, m.channel, m.purpose]);
    expect(sent).toEqual([
      [to, 'sms', 'handoff'],
      [to, 'email', 'handoff'],
      ['customer', 'sms', 'acknowledgement'],
    ]);
  });

  it('queues an emergency handoff on the urgent lane', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p, {
      ...completeLead,
      urgency: 'emergency',
      notes: 'Water pouring from ceiling',
    });

    // Act
    await p.dispatch.dispatch(lead.id, 1);

    // Assess
    expect(p.queue.sent.length).toBeGreaterThan(0);
    expect(new Set(p.queue.sent.map((sent) => sent.queue))).toEqual(new Set(['notify-urgent']));
  });

  it('marks the handoff dispatched, so a second delivery of the message is stale and sends nothing', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    await p.dispatch.dispatch(lead.id, 1);
    const queuedOnce = p.queue.sent.length;

    // Act
    const again = await p.dispatch.dispatch(lead.id, 1);

    // Assess
    expect(again).toBe('stale');
    expect((await stored(p, lead.id)).handoff?.dispatch).toBe('done');
    expect(p.queue.sent.length).toBe(queuedOnce);
    expect(p.timers.created).toEqual([`handoff-${lead.id}-1`]);
  });

  it('ignores a dispatch for a step the lead has moved past', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    await new LeadsService(p.deps).transfer(
      lead.id,
      { to: 'sam', reason: 'Sales owns repipes' },
      { kind: 'ops' },
    );
    p.queue.sent.length = 0;

    // Act
    const outcome = await p.dispatch.dispatch(lead.id, 1);

    // Assess
    expect(outcome).toBe('stale');
    expect(p.timers.created).toEqual([]);
    expect(p.queue.sent).toEqual([]);
  });

  it('completes on retry after the notifications could not be queued: one timer, each notification once', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const dispatch = new DispatchService({ ...p.deps, queue: flakyQueue(p.queue, 1) });
    const first = await dispatch.dispatch(lead.id, 1).catch((e: unknown) => e);

    // Act
    const retry = await dispatch.dispatch(lead.id, 1, { attempt: 2 });

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(retry).toBe('dispatched');
    expect([...p.timers.live.keys()]).toEqual([`handoff-${lead.id}-1`]);
    const keys = notifyMessages(p).map((m) => `${m.recipientId}/${m.channel}/${m.purpose}`);
    expect(keys.length).toBe(3);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await stored(p, lead.id)).handoff?.dispatch).toBe('done');
  });

  it('reports a failed timer handoff on the last attempt, and a later successful dispatch closes it', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    p.timers.failNextSchedules = 1;
    await p.dispatch.dispatch(lead.id, 1, { attempt: 5 }).catch(() => undefined);
    const [failure] = (await p.failureStore.listOpen()).items;

    // Act
    await p.dispatch.dispatch(lead.id, 1, { attempt: 1 });

    // Assess
    expect(failure).toMatchObject({ leadId: lead.id, seq: 1, kind: 'timer', status: 'open' });
    expect((await p.failureStore.get(failure?.id ?? '?'))?.status).toBe('resolved');
    const after = await stored(p, lead.id);
    expect(after.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['failed_handoff', 'retried']));
    expect(after.openFailures ?? []).toEqual([]);
  });

  it('does not report a failure before the last attempt (the queue will retry)', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    p.timers.failNextSchedules = 1;

    // Act
    const error = await p.dispatch.dispatch(lead.id, 1, { attempt: 2 }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect((await p.failureStore.listOpen()).items).toEqual([]);
    expect((await stored(p, lead.id)).handoff?.dispatch).toBe('pending');
  });

  it('for a transfer, deletes the previous step timer and tells the previous recipient the lead moved', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    const from = lead.handoff?.to.id;
    await new LeadsService(p.deps).transfer(
      lead.id,
      { to: 'sam', reason: 'Sales owns repipes' },
      { kind: 'ops' },
    );
    p.queue.sent.length = 0;

    // Act
    await p.dispatch.dispatch(lead.id, 2);

    // Assess
    expect(p.timers.cancelled).toEqual([`handoff-${lead.id}-1`]);
    expect([...p.timers.live.keys()]).toEqual([`handoff-${lead.id}-2`]);
    const messages = notifyMessages(p).map((m) => [m.recipientId, m.purpose]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ['sam', 'handoff'],
        [from, 'moved'],
      ]),
    );
  });
});
