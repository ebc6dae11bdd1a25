import { afterEach, describe, expect, it } from 'vitest';
import { timerName } from '../../shared/domain/timer-names';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import {
  AFTER_HOURS,
  getLead,
  handoffChain,
  IN_HOURS,
  leadBody,
  postLead,
  received,
} from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

const minutes = (n: number) => n * 60;

describe('escalation ladder (docs/product-rules.md §5), on the manual clock', () => {
  it('emergency after hours: on-call, next on-call, office manager, business owner, 5 minutes each', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));

    // Act
    await api.advance(minutes(5) + 1);
    await api.advance(minutes(5));
    await api.advance(minutes(5));

    // Assess
    const lead = await getLead(api, id);
    expect(handoffChain(lead)).toEqual(['marco', 'jules', 'priya', 'ruth']);
    const first = (person: string) => received(api, person).find((m) => m.channel === 'sms' && m.link);
    expect(first('marco')?.sentAt).toBe('2026-11-18T05:00:00.000Z');
    expect(first('jules')?.sentAt).toBe('2026-11-18T05:05:00.000Z');
    expect(first('priya')?.sentAt).toBe('2026-11-18T05:10:00.000Z');
    expect(first('ruth')?.sentAt).toBe('2026-11-18T05:15:00.000Z');
    expect(lead.handoff).toMatchObject({ seq: 4, kind: 'escalation', state: 'awaiting_acceptance' });
    expect(Date.parse(lead.handoff?.acceptBy ?? '') - Date.parse('2026-11-18T05:15:00Z')).toBe(5 * 60_000);
  });

  it('tells the previous recipient the lead moved, and to whom', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    await postLead(api, leadBody({ urgency: 'emergency' }));

    // Act
    await api.advance(minutes(5) + 1);

    // Assess
    const moved = received(api, 'marco').filter((m) => !m.link);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved[0]?.body).toContain('Jules');
  });

  it('emergency in business hours goes to dispatch first, then the on-call tech for the market', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));

    // Act
    await api.advance(minutes(5) + 1);

    // Assess
    expect(handoffChain(await getLead(api, id))).toEqual(['dana', 'marco']);
  });

  it('a chain that runs out raises UnownedLead and re-notifies the last person at the step interval, then stops', async () => {
    // Prepare
    api = await startLocalApi(AFTER_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'emergency' }));

    // Act
    await api.advance(minutes(5) * 4 + 1); // through the chain to ruth, then one re-notification
    const afterFirstRenotify = await getLead(api, id);
    await api.advance(minutes(5) * 10); // far past the re-notification budget (6)

    // Assess
    expect(afterFirstRenotify.handoff).toMatchObject({ kind: 'renotify', to: { id: 'ruth' } });
    const lead = await getLead(api, id);
    const ruthRequests = received(api, 'ruth').filter((m) => m.channel === 'sms' && m.link);
    expect(ruthRequests).toHaveLength(1 + 6);
    expect(lead.timeline.filter((e) => e.type === 'unowned')).toHaveLength(1);
    expect(api.app.metrics.records.filter((r) => r.name === 'UnownedLead').length).toBeGreaterThanOrEqual(1);
    expect(lead.handoff?.state).toBe('awaiting_acceptance');
    expect(api.app.scheduler.list()).toHaveLength(0);
  });

  it('standard inbound: 15 minutes, then the office manager', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody({ urgency: 'standard' }));

    // Act
    await api.advance(minutes(15) - 1);
    const before = handoffChain(await getLead(api, id));
    await api.advance(2);

    // Assess
    expect(before).toEqual(['tomas']);
    expect(handoffChain(await getLead(api, id))).toEqual(['tomas', 'priya']);
  });

  it('an escalation does not delete the deadline that fired (it deleted itself); a transfer deletes the pending one', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const cancelled: string[] = [];
    const cancel = api.app.scheduler.cancel.bind(api.app.scheduler);
    api.app.scheduler.cancel = async (name: string) => {
      cancelled.push(name);
      return cancel(name);
    };
    const escalated = await postLead(api, leadBody({ urgency: 'standard' }));
    const transferred = await postLead(api, leadBody({ urgency: 'standard' }));

    // Act
    await api.request('POST', `/leads/${transferred}/transfer`, {
      key: KEYS.ops,
      body: { to: 'kelly', reason: 'Tomás is out sick today' },
    });
    await api.advance(minutes(15) + 1);

    // Assess
    expect(handoffChain(await getLead(api, escalated))).toEqual(['tomas', 'priya']);
    expect(cancelled).toEqual([timerName(transferred, 1)]);
    expect(api.app.scheduler.has(timerName(escalated, 1))).toBe(false);
  });

  it('warm estimate: 60 minutes without acceptance, then the sales owner', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(
      api,
      leadBody({
        urgency: 'estimate',
        serviceType: 'hvac_install',
        serviceAddress: '9 Elm St, Buda TX 78610',
      }),
    );

    // Act
    await api.advance(minutes(59));
    const before = handoffChain(await getLead(api, id));
    await api.advance(minutes(1) + 1);

    // Assess
    expect(before).toEqual(['kelly']);
    expect(handoffChain(await getLead(api, id))).toEqual(['kelly', 'sam']);
  });

  it('an incomplete lead belongs to intake with a deadline, then the office manager', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const res = await api.request('POST', '/leads', {
      key: 'local-phone-key',
      body: { phone: '512-555-0999', notes: 'Caller hung up' },
    });

    // Act
    await api.advance(minutes(15) + 1);

    // Assess
    const lead = await getLead(api, res.json.leadId);
    expect(handoffChain(lead)).toEqual(['irene', 'priya']);
    expect(received(api, 'irene').some((m) => m.link)).toBe(true);
  });
});
