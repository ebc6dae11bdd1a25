import { describe, expect, it } from 'vitest';
import { DispatchRequester } from '../../../shared/app/dispatch-requester';
import { IntakeService } from '../../../shared/app/intake-service';
import { ValidationError } from '../../../shared/errors';
import { fakeDeps } from '../../support/fakes';

const complete = {
  fullName: 'Ana Diaz',
  phone: '(512) 555-0199',
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Kitchen sink drains slowly',
  consent: { sms: true, email: false },
};

const setup = (start?: string) => {
  const { deps, store, clock, queue, metrics } = fakeDeps(start);
  return { intake: new IntakeService(deps), store, clock, queue, metrics, deps };
};

describe('IntakeService', () => {
  it('captures a complete lead and hands it to one named owner with a next action, due time and deadline', async () => {
    // Prepare
    const { intake, store } = setup();

    // Act
    const outcome = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    expect(outcome.kind).toBe('created');
    const stored = await store.get(outcome.view.leadId);
    expect(stored?.status).toBe('awaiting_acceptance');
    expect(stored?.phone).toBe('+15125550199');
    expect(stored?.handoff).toMatchObject({
      seq: 1,
      kind: 'route',
      state: 'awaiting_acceptance',
      dispatch: 'pending',
    });
    expect(stored?.handoff?.to.id).toBe(outcome.view.owner?.id);
    expect(stored?.handoff?.nextAction).toMatch(/\w+ \w+ \w+/);
    expect(stored?.handoff?.acceptBy).toBe('2026-11-18T16:15:00.000Z');
    expect(outcome.view.acceptBy).toBe('2026-11-18T16:15:00.000Z');
  });

  it('records intake, the routing decision with its reason, and the handoff on the timeline', async () => {
    // Prepare
    const { intake, store } = setup();

    // Act
    const { view } = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    const timeline = (await store.get(view.leadId))?.timeline ?? [];
    expect(timeline.map((e) => e.type)).toEqual(['lead_received', 'routed', 'handoff_created']);
    expect(timeline[1]?.summary).toContain(view.owner?.name ?? '?');
    const routed = timeline[1];
    expect(routed?.type === 'routed' ? routed.data.ruleId : undefined).toBeTruthy();
  });

  it('refuses only a lead nobody can contact, with the contact’s problems, and stores nothing', async () => {
    // Prepare
    const { intake, store } = setup();

    // Act
    const attempt = intake.submit({
      channel: 'web_form',
      format: 'json',
      body: { phone: 'call me maybe', urgency: 'whenever', fit: 42 },
    });

    // Assess
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((i) => i.path);
    expect(paths).toEqual(['phone', 'phone']);
    expect(store.leads.size).toBe(0);
  });

  it('captures odd input with warnings: unknown fields under extra, an unknown urgency as standard', async () => {
    // Prepare
    const { intake, store } = setup();

    // Act
    const outcome = await intake.submit({
      channel: 'phone',
      format: 'json',
      body: { ...complete, urgency: 'whenever', fit: 42, CallSid: 'CA9' },
    });

    // Assess
    const stored = await store.get(outcome.view.leadId);
    expect(outcome.kind).toBe('created');
    expect(stored).toMatchObject({
      status: 'awaiting_acceptance',
      urgency: 'standard',
      extra: { CallSid: 'CA9' },
    });
    expect(stored?.warnings?.map((w) => w.field)).toEqual(['fit', 'urgency', 'CallSid']);
    expect(outcome.view.warnings).toEqual(stored?.warnings);
  });

  it('stores a test lead closed and marked: never routed, nothing dispatched, not counted, no phone marker', async () => {
    // Prepare
    const { intake, store, queue, metrics } = setup();

    // Act
    const test = await intake.submit({
      channel: 'google_lead_form',
      format: 'json',
      body: { ...complete, test: true },
    });
    const real = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    const stored = await store.get(test.view.leadId);
    expect(stored).toMatchObject({ status: 'closed', test: true, missing: [] });
    expect(stored?.handoff).toBeUndefined();
    expect(test.view).toEqual({ leadId: test.view.leadId, status: 'closed', test: true });
    expect(queue.sent.map((sent) => sent.message)).toEqual([
      { type: 'dispatch', leadId: real.view.leadId, seq: 1 },
    ]);
    expect(metrics.records.filter((r) => r.name === 'LeadsReceived')).toHaveLength(1);
    // The real lead from the same phone is a new lead, not a repeat contact of the test.
    expect([real.kind, real.view.leadId === test.view.leadId]).toEqual(['created', false]);
  });

  it('a test lead retried with its source id gets the same lead', async () => {
    // Prepare
    const { intake, store } = setup();
    const body = { ...complete, externalId: 'G-1', test: true };

    // Act
    const first = await intake.submit({ channel: 'google_lead_form', format: 'json', body });
    const again = await intake.submit({ channel: 'google_lead_form', format: 'json', body });

    // Assess
    expect([first.kind, again.kind, again.view.leadId]).toEqual(['created', 'existing', first.view.leadId]);
    expect(store.leads.size).toBe(1);
  });

  it('a repeat contact adds its extra fields and warnings to the open lead', async () => {
    // Prepare
    const { intake, store } = setup();
    const first = await intake.submit({ channel: 'web_form', format: 'json', body: { ...complete, a: '1' } });

    // Act
    const again = await intake.submit({
      channel: 'web_form',
      format: 'json',
      body: { phone: complete.phone, market: 'north side', b: '2' },
    });

    // Assess
    const stored = await store.get(first.view.leadId);
    expect(again.view.duplicateOf).toBe(first.view.leadId);
    expect(stored?.extra).toEqual({ a: '1', b: '2' });
    expect(stored?.warnings?.map((w) => w.field)).toEqual(['a', 'market', 'b']);
    expect(again.view.warnings?.map((w) => w.field)).toEqual(['market', 'b']);
  });

  it('stores an incomplete lead as needs_info with intake as its owner and the missing fields listed', async () => {
    // Prepare
    const { intake, store } = setup();

    // Act
    const { view } = await intake.submit({
      channel: 'web_form',
      format: 'json',
      body: { email: 'bob@example.com', notes: 'Need a quote for a water heater' },
    });

    // Assess
    expect(view.status).toBe('needs_info');
    expect(view.owner?.role).toBe('intake');
    expect(view.missing).toEqual(
      expect.arrayContaining(['fullName', 'phone', 'serviceAddress', 'serviceType']),
    );
    const stored = await store.get(view.leadId);
    expect(stored?.handoff?.kind).toBe('needs_info');
    expect(stored?.handoff?.acceptBy).toBeDefined();
  });

  it('phone-system retries with the same externalId create one lead', async () => {
    // Prepare
    const { intake, store } = setup();
    const call = { ...complete, externalId: 'call-7731' };

    // Act
    const first = await intake.submit({ channel: 'phone', format: 'json', body: call });
    const retry = await intake.submit({ channel: 'phone', format: 'json', body: call });

    // Assess
    expect(retry.kind).toBe('existing');
    expect(retry.view.leadId).toBe(first.view.leadId);
    expect(store.leads.size).toBe(1);
  });

  it('the same phone within 24 h attaches to the open lead instead of double-contacting the customer', async () => {
    // Prepare
    const { intake, store, clock } = setup();
    const first = await intake.submit({ channel: 'web_form', format: 'json', body: complete });
    clock.advance(3 * 3600);

    // Act
    const again = await intake.submit({
      channel: 'phone',
      format: 'json',
      body: { ...complete, notes: 'Called back: now leaking on the floor' },
    });

    // Assess
    expect(again.view.duplicateOf).toBe(first.view.leadId);
    expect(again.view.leadId).toBe(first.view.leadId);
    expect(store.leads.size).toBe(1);
    const timeline = (await store.get(first.view.leadId))?.timeline ?? [];
    expect(timeline.at(-1)?.type).toBe('contacted_again');
    expect(timeline.at(-1)?.summary).toContain('now leaking on the floor');
  });

  it('the same phone after 24 h is a new lead', async () => {
    // Prepare
    const { intake, store, clock } = setup();
    await intake.submit({ channel: 'web_form', format: 'json', body: complete });
    clock.advance(25 * 3600);

    // Act
    const later = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    expect(later.kind).toBe('created');
    expect(later.view.duplicateOf).toBeUndefined();
    expect(store.leads.size).toBe(2);
  });

  it('a repeat contact that supplies the missing details completes and routes the needs_info lead', async () => {
    // Prepare
    const { intake, store } = setup();
    const partial = await intake.submit({
      channel: 'phone',
      format: 'json',
      body: { phone: complete.phone, notes: 'Missed the rest of the call' },
    });

    // Act
    const again = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    expect(again.view.duplicateOf).toBe(partial.view.leadId);
    const stored = await store.get(partial.view.leadId);
    expect(stored?.status).toBe('awaiting_acceptance');
    expect(stored?.missing).toEqual([]);
    expect(stored?.handoff).toMatchObject({ seq: 2, kind: 'route' });
    expect(stored?.handoff?.from?.role).toBe('intake');
  });

  it('estimate leads need both an owner and a target follow-up date', async () => {
    // Prepare
    const { intake, store } = setup();

    // Act
    const { view } = await intake.submit({
      channel: 'web_form',
      format: 'json',
      body: {
        ...complete,
        urgency: 'estimate',
        serviceType: 'hvac_install',
        notes: 'Quote for a new AC unit',
      },
    });

    // Assess
    const stored = await store.get(view.leadId);
    expect(stored?.handoff?.to).toBeDefined();
    expect(stored?.followUpAt).toBeDefined();
    expect(new Date(stored?.followUpAt ?? 0).getTime()).toBeGreaterThan(
      new Date('2026-11-18T16:00:00Z').getTime(),
    );
  });

  it('queues the dispatch of the new handoff (timer and notifications happen off the request path)', async () => {
    // Prepare
    const { intake, queue } = setup();

    // Act
    const { view } = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    expect(queue.sent).toEqual([
      { queue: 'dispatch', message: { type: 'dispatch', leadId: view.leadId, seq: 1 } },
    ]);
  });

  it('never loses a lead when the dispatch queue is down: it is stored with its dispatch pending', async () => {
    // Prepare
    const { deps, store, metrics } = setup();
    const intake = new IntakeService({
      ...deps,
      dispatches: new DispatchRequester({
        queue: {
          send: async () => {
            throw new Error('queue unavailable');
          },
        },
        metrics,
      }),
    });

    // Act
    const outcome = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Assess
    expect(outcome.kind).toBe('created');
    expect((await store.get(outcome.view.leadId))?.handoff?.dispatch).toBe('pending');
    expect(metrics.records.map((r) => r.name)).toContain('DispatchEnqueueFailed');
  });
});
