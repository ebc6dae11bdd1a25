/**
 * One open lead per customer phone (docs/product-rules.md §2), decided by the phone's marker: parallel
 * submissions agree on one lead, and a marker left behind (a crash half way, a closed lead, an ended
 * window not yet deleted by TTL, a lead whose phone changed) never blocks the next submission.
 */
import { describe, expect, it } from 'vitest';
import { IntakeService } from '../../../shared/app/intake-service';
import type { Lead } from '../../../shared/domain/lead';
import { leadIdForExternal } from '../../../shared/ids';
import { fakeDeps } from '../../support/fakes';

const PHONE = '+15125550199';

const complete = {
  fullName: 'Ana Diaz',
  phone: '(512) 555-0199',
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Kitchen sink drains slowly',
  consent: { sms: true, email: false },
};

const setup = (ids?: readonly string[]) => {
  const { deps, store, clock, queue } = fakeDeps();
  const fixed = ids ? [...ids] : undefined;
  const intake = new IntakeService(
    fixed ? { ...deps, ids: { newLeadId: () => fixed.shift() ?? 'out-of-ids' } } : deps,
  );
  const submit = (notes: string, extra: Record<string, unknown> = {}) =>
    intake.submit({ channel: 'web_form', format: 'json', body: { ...complete, notes, ...extra } });
  return { intake, submit, store, clock, queue };
};

/** What the customer said on each contact: the lead's own notes, then each repeat contact's summary. */
const saidOn = (lead: Lead | undefined): string[] => [
  lead?.notes ?? '',
  ...(lead?.timeline ?? []).filter((entry) => entry.type === 'contacted_again').map((entry) => entry.summary),
];

describe('IntakeService: one lead per phone', () => {
  it('two parallel submissions from one phone make one lead; the other is a repeat contact on it', async () => {
    // Prepare
    const { submit, store } = setup();

    // Act
    const [a, b] = await Promise.all([submit('first click'), submit('second click')]);

    // Assess
    expect(store.leads.size).toBe(1);
    expect(a.view.leadId).toBe(b.view.leadId);
    expect([a.kind, b.kind].sort()).toEqual(['created', 'existing']);
    const lead = await store.get(a.view.leadId);
    const said = saidOn(lead).join('\n');
    expect(said).toContain('first click');
    expect(said).toContain('second click');
    expect(store.phoneMarkers.get(PHONE)?.leadId).toBe(a.view.leadId);
  });

  it('points the marker at the new lead until the end of the 24-hour window', async () => {
    // Prepare
    const { submit, store } = setup();

    // Act
    const { view } = await submit('hello');

    // Assess
    expect(store.phoneMarkers.get(PHONE)).toEqual({
      phone: PHONE,
      leadId: view.leadId,
      expiresAt: '2026-11-19T16:00:00.000Z',
    });
  });

  it('a marker left by a crash before its lead was written does not block: the lead is made under its id, with a fresh window', async () => {
    // Prepare
    const { submit, store, clock } = setup(['01NEXT']);
    store.phoneMarkers.set(PHONE, {
      phone: PHONE,
      leadId: '01CRASHED',
      expiresAt: '2026-11-19T10:00:00.000Z',
    });
    clock.advance(3600);

    // Act
    const outcome = await submit('after the crash');

    // Assess
    expect(outcome.kind).toBe('created');
    expect(outcome.view.leadId).toBe('01CRASHED');
    expect((await store.get('01CRASHED'))?.notes).toBe('after the crash');
    expect(store.phoneMarkers.get(PHONE)).toEqual({
      phone: PHONE,
      leadId: '01CRASHED',
      expiresAt: '2026-11-19T17:00:00.000Z',
    });
  });

  it('the submission that held the marker but was overtaken joins the lead made under its id, losing nothing', async () => {
    // Prepare: B found A's marker before A's lead existed and made the lead under A's id.
    const { submit, store } = setup(['01B', '01A']);
    store.phoneMarkers.set(PHONE, { phone: PHONE, leadId: '01A', expiresAt: '2026-11-19T16:00:00.000Z' });
    const b = await submit('B was quicker', { email: undefined });

    // Act: A, whose id the marker names, now writes its lead.
    const a = await submit('A held the marker', { email: 'ana@example.com' });

    // Assess
    expect([a.view.leadId, b.view.leadId]).toEqual(['01A', '01A']);
    expect(a.kind).toBe('existing');
    expect(store.leads.size).toBe(1);
    const lead = await store.get('01A');
    expect(saidOn(lead).join('\n')).toMatch(/B was quicker[\s\S]*A held the marker/);
    expect(lead?.email).toBe('ana@example.com');
  });

  it('a marker pointing at a closed lead is taken over by a new lead', async () => {
    // Prepare
    const { submit, store, clock } = setup();
    const first = await submit('first job');
    const stored = await store.get(first.view.leadId);
    if (!stored) throw new Error('not stored');
    await store.replace(
      { ...stored, status: 'closed', stage: 'closed_won', version: stored.version + 1 },
      stored.version,
    );
    clock.advance(600);

    // Act
    const again = await submit('a new job');

    // Assess
    expect(again.kind).toBe('created');
    expect(again.view.leadId).not.toBe(first.view.leadId);
    expect(store.phoneMarkers.get(PHONE)).toEqual({
      phone: PHONE,
      leadId: again.view.leadId,
      expiresAt: '2026-11-19T16:10:00.000Z',
    });
  });

  it('a marker whose window has ended is taken even if it is still stored', async () => {
    // Prepare
    const { submit, store, clock } = setup();
    const first = await submit('yesterday');
    clock.advance(24 * 3600);

    // Act
    const later = await submit('today');

    // Assess
    expect(later.kind).toBe('created');
    expect(later.view.leadId).not.toBe(first.view.leadId);
    expect(store.leads.size).toBe(2);
  });

  it('a marker pointing at a lead whose phone was changed since is taken over', async () => {
    // Prepare
    const { submit, store } = setup();
    const first = await submit('first');
    const stored = await store.get(first.view.leadId);
    if (!stored) throw new Error('not stored');
    await store.replace({ ...stored, phone: '+15125550100', version: stored.version + 1 }, stored.version);

    // Act
    const again = await submit('second');

    // Assess
    expect(again.kind).toBe('created');
    expect(store.phoneMarkers.get(PHONE)?.leadId).toBe(again.view.leadId);
  });

  it('a retried call (same externalId) gets its own lead back, not a repeat contact, even after the customer wrote in between', async () => {
    // Prepare
    const { intake, store } = setup();
    const call = { ...complete, notes: 'phone call', externalId: 'call-1' };
    const first = await intake.submit({ channel: 'phone', format: 'json', body: call });
    const web = await intake.submit({ channel: 'web_form', format: 'json', body: complete });

    // Act
    const retry = await intake.submit({ channel: 'phone', format: 'json', body: call });

    // Assess
    expect(web.view.duplicateOf).toBe(first.view.leadId);
    expect(retry).toMatchObject({ kind: 'existing', view: { leadId: first.view.leadId } });
    expect(retry.view.duplicateOf).toBeUndefined();
    const lead = await store.get(first.view.leadId);
    expect(lead?.timeline.filter((entry) => entry.type === 'contacted_again')).toHaveLength(1);
  });

  it('a call whose lead another submission made under its marker (the call crashed half way) joins that lead', async () => {
    // Prepare: the call's first try claimed the marker for its own id, then crashed.
    const { intake, store } = setup();
    const callLead = leadIdForExternal('phone', 'call-1');
    store.phoneMarkers.set(PHONE, { phone: PHONE, leadId: callLead, expiresAt: '2026-11-19T16:00:00.000Z' });
    await intake.submit({ channel: 'web_form', format: 'json', body: { ...complete, notes: 'web form' } });

    // Act
    const call = await intake.submit({
      channel: 'phone',
      format: 'json',
      body: { ...complete, notes: 'phone call', externalId: 'call-1' },
    });

    // Assess
    expect(call).toMatchObject({ kind: 'existing', view: { leadId: callLead, duplicateOf: callLead } });
    expect(store.leads.size).toBe(1);
    expect(saidOn(await store.get(callLead))).toEqual([
      'web form',
      'Customer contacted again via phone call: "phone call"',
    ]);
  });

  it('30 parallel submissions from one phone make one lead with all 30 contacts on it', async () => {
    // Prepare
    const { submit, store } = setup();

    // Act
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, n) => submit(`click ${n}`)));

    // Assess
    expect(store.leads.size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'created')).toHaveLength(1);
    const said = saidOn(await store.get(outcomes[0]?.view.leadId ?? '')).join('\n');
    for (let n = 0; n < 30; n += 1) expect(said).toContain(`click ${n}`);
  });
});
