import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan } from '../../local/faults';
import { timerName } from '../../shared/domain/timer-names';
import { QUEUE_SETTINGS } from '../../shared/settings';
import { staticConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import {
  AFTER_HOURS,
  getLead,
  handoffChain,
  IN_HOURS,
  leadBody,
  onlyMarcoOnCall,
  postLead,
  received,
} from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

const MARCO = '+15125550103';
const listFailures = async () =>
  (await api.request('GET', '/ops/failed-handoffs', { key: KEYS.ops })).json.items as {
    id: string;
    leadId: string;
    seq: number;
    kind: string;
    reason: string;
    attempts: number;
    firstSeenAt: string;
    lastSeenAt: string;
  }[];
const retry = (id: string) => api.request('POST', `/ops/failed-handoffs/${id}/retry`, { key: KEYS.ops });

describe('failed handoffs are recorded with lead, step and reason (docs/product-rules.md §9)', () => {
  it('an opted-out number: a record, an entry on the timeline, a metric', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    api.app.sms.optedOut.add(MARCO);

    // Act
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));

    // Assess
    const [failure] = await listFailures();
    expect(failure).toMatchObject({
      leadId: id,
      seq: 1,
      kind: 'notification',
      reason: 'opted_out',
      attempts: 1,
    });
    expect(failure?.firstSeenAt).toBe(failure?.lastSeenAt);
    expect((await getLead(api, id)).timeline.some((e) => e.type === 'failed_handoff')).toBe(true);
    expect(api.app.metrics.total('FailedHandoffs')).toBe(1);
  });

  it('retrying after the number is opted back in delivers it once and closes the record', async () => {
    // Prepare: nobody to fall over to, so the handoff keeps waiting on Marco
    api = await startLocalApi(AFTER_HOURS, { config: staticConfig(onlyMarcoOnCall()) });
    api.app.sms.optedOut.add(MARCO);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    const [failure] = await listFailures();
    api.app.sms.optedOut.delete(MARCO);

    // Act
    const res = await retry(failure?.id ?? '');
    const again = await retry(failure?.id ?? '');

    // Assess
    expect(res.json.outcome).toBe('queued');
    expect(again.json.outcome).toBe('already_resolved');
    expect(await listFailures()).toEqual([]);
    expect(received(api, 'marco').filter((m) => m.channel === 'sms')).toHaveLength(1);
    expect((await getLead(api, id)).timeline.some((e) => e.type === 'retried')).toBe(true);
  });

  it('SMS throttled on every try lands in the DLQ with a record; retry-all redrives it and closes the record', async () => {
    // Prepare: Marco's "lead moved" note (sent at the first escalation) is throttled on every try
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(5 * 60 - 5);
    api.app.sms.throttleNext(1000);
    const { visibilityTimeoutSeconds, maxReceiveCount } = QUEUE_SETTINGS['notify-urgent'];
    await api.advance(10 + visibilityTimeoutSeconds * maxReceiveCount);
    const failure = (await listFailures()).find((f) => f.id.endsWith('.marco.sms.moved'));
    const dlqDepth = api.app.queues.deadLetters['notify-urgent'].depth;
    api.app.sms.throttleNext(0);

    // Act
    const res = await api.request('POST', '/ops/failed-handoffs/retry-all', { key: KEYS.ops });

    // Assess
    expect(failure).toMatchObject({ leadId: id, kind: 'notification', attempts: maxReceiveCount });
    expect(failure?.reason).toBe(`throttled after ${maxReceiveCount} attempts`);
    expect(dlqDepth).toBeGreaterThanOrEqual(1);
    expect(res.status).toBe(200);
    expect(res.json.redrives.find((r: { queue: string }) => r.queue === 'notify-urgent').started).toBe(true);
    expect(api.app.queues.deadLetters['notify-urgent'].depth).toBe(0);
    expect((await listFailures()).find((f) => f.id === failure?.id)).toBeUndefined();
    const moved = received(api, 'marco').filter((m) => m.channel === 'sms' && !m.link);
    expect(moved).toHaveLength(1);
  });

  it('a timer that cannot be created: dispatch retries, then a "timer" record; retry creates it', async () => {
    // Prepare
    const faults = new FaultPlan();
    api = await startLocalApi(IN_HOURS, { faults });
    faults.failNext('timers', 1000);
    const id = await postLead(api, leadBody());
    await api.advance(
      (QUEUE_SETTINGS.dispatch.visibilityTimeoutSeconds + 1) * QUEUE_SETTINGS.dispatch.maxReceiveCount,
    );
    const failure = (await listFailures()).find((f) => f.kind === 'timer');
    faults.clear();

    // Act
    await retry(failure?.id ?? '');

    // Assess
    expect(failure).toMatchObject({
      leadId: id,
      kind: 'timer',
      attempts: QUEUE_SETTINGS.dispatch.maxReceiveCount,
    });
    // The deadline passed during the outage: once the timer exists it fires at once and the lead moves on.
    const lead = await getLead(api, id);
    expect(lead.handoff?.dispatch).toBe('done');
    expect(api.app.scheduler.has(timerName(id, lead.handoff?.seq ?? 0))).toBe(true);
    expect(handoffChain(lead)).toEqual(['tomas', 'priya']);
    expect((await listFailures()).filter((f) => f.kind === 'timer')).toEqual([]);
  });

  it('a deadline invocation that exhausts its retries is recorded by the reconciler and repaired', async () => {
    // Prepare
    const faults = new FaultPlan();
    api = await startLocalApi(IN_HOURS, { faults });
    faults.failNext('deadline', 3);
    const id = await postLead(api, leadBody());

    // Act
    await api.advance(15 * 60 + 1 + 3 * 60 + 5 * 60);

    // Assess
    const lead = await getLead(api, id);
    expect(handoffChain(lead)).toEqual(['tomas', 'priya']);
    const types = lead.timeline.map((e) => e.type);
    expect(types).toContain('failed_handoff');
    expect(lead.timeline.find((e) => e.type === 'failed_handoff')?.summary).toMatch(
      /deadline function failed/,
    );
    expect(types).toContain('retried');
    expect(await listFailures()).toEqual([]);
  });

  it('a lost timer: the reconciler finds the missed deadline through the index and escalates', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    await api.app.scheduler.cancel(timerName(id, 1));

    // Act
    await api.advance(25 * 60);

    // Assess
    const lead = await getLead(api, id);
    expect(handoffChain(lead)).toEqual(['tomas', 'priya']);
    expect(lead.timeline.find((e) => e.type === 'retried')?.summary).toContain('repaired by the reconciler');
  });

  it('a dispatch that was never queued is queued again by the reconciler', async () => {
    // Prepare
    const faults = new FaultPlan();
    api = await startLocalApi(IN_HOURS, { faults });
    faults.failNext('queue', 1);
    const id = await postLead(api, leadBody());
    const stuck = (await getLead(api, id)).handoff?.dispatch;

    // Act
    await api.advance(6 * 60);

    // Assess
    expect(stuck).toBe('pending');
    expect((await getLead(api, id)).handoff?.dispatch).toBe('done');
    expect(received(api, 'tomas').length).toBeGreaterThan(0);
  });

  it('a ladder that runs out is an "unowned" record; retry restarts it with the last person', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(5 * 60 * 12);
    const [failure] = await listFailures();
    const before = received(api, 'ruth').filter((m) => m.channel === 'sms' && m.link).length;

    // Act
    const res = await retry(failure?.id ?? '');

    // Assess
    expect(failure).toMatchObject({ leadId: id, kind: 'unowned' });
    expect(res.json.outcome).toBe('resolved');
    expect(received(api, 'ruth').filter((m) => m.channel === 'sms' && m.link)).toHaveLength(before + 1);
    expect(api.app.scheduler.list().length).toBe(1);
  });
});

describe('ops endpoints', () => {
  it('refuse intake keys (403) and malformed ids (400)', async () => {
    api = await startLocalApi(IN_HOURS);
    expect((await api.request('GET', '/ops/failed-handoffs', { key: KEYS.webForm })).status).toBe(403);
    expect((await retry('nope')).status).toBe(400);
    expect((await retry('01ZZZZZZZZZZZZZZZZZZZZZZZZ.1.dispatch')).status).toBe(404);
  });
});
