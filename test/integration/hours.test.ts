/**
 * Hours (docs/product-rules.md §5), end to end on the local runner and the manual clock: each test is
 * named after the rule it proves. Business: America/Chicago, Mon–Fri 07:30–17:30, Sat 08:00–12:00,
 * closed Sunday and on 2026-11-26 (Thanksgiving). Marco and Jules are on call at any hour, Ruth (the
 * business owner) too; everyone else works business hours. US DST 2026: 8 March and 1 November.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../shared/domain/config';
import { openingTimerName, timerName } from '../../shared/domain/timer-names';
import { exampleConfig, staticConfig } from '../support/fakes';
import type { LocalApi } from '../support/local-api';
import { startLocalApi } from '../support/local-api';
import { getLead, handoffChain, leadBody, postLead, received } from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api?.stop();
});

/** Moves the manual clock to `iso`, running everything due on the way. */
const advanceTo = async (iso: string) => api.advance((Date.parse(iso) - api.clock.now().getTime()) / 1000);

/** Every message to anyone on the staff (the end-of-day digest and weekly report left out). */
const staffMessages = () =>
  api.app.outbox
    .list()
    .filter((m) => m.recipientId !== 'customer' && m.ref?.leadId !== undefined)
    .map((m) => ({ to: m.recipientId, at: m.sentAt, channel: m.channel }));

/** The first SMS with a handoff link a person got. */
const firstRequest = (person: string) => received(api, person).find((m) => m.channel === 'sms' && m.link);

const withPeople = (change: (config: AppConfig) => void) => {
  const config = exampleConfig();
  change(config);
  return { config: staticConfig(config) };
};

describe('hours (docs/product-rules.md §5): a non-urgent lead after hours starts at opening', () => {
  it('a standard lead on Friday 23:00: no staff message until Saturday 08:00, then the on-shift tech; the customer is told the window', async () => {
    // Prepare: Friday 20 November 2026, 11 PM in Chicago
    api = await startLocalApi('2026-11-21T05:00:00Z');

    // Act
    const id = await postLead(api, leadBody());
    await advanceTo('2026-11-21T13:59:59Z'); // Sat 7:59:59 AM
    const atNight = staffMessages();
    const held = await getLead(api, id);
    await advanceTo('2026-11-21T14:01:00Z'); // Sat 8:01 AM

    // Assess
    expect(atNight).toEqual([]);
    expect(api.app.outbox.list('customer')[0]?.body).toContain(
      'we will call you between Sat 8:00 AM and 10:00 AM',
    );
    expect(held.handoff).toMatchObject({ to: { id: 'tomas' }, startsAt: '2026-11-21T14:00:00.000Z' });
    expect(firstRequest('tomas')?.sentAt).toBe('2026-11-21T14:00:00.000Z');
    const lead = await getLead(api, id);
    expect(lead.handoff).toMatchObject({ seq: 1, state: 'awaiting_acceptance', dispatch: 'done' });
    expect(lead.handoff?.startsAt).toBeUndefined();
    expect(lead.handoff?.acceptBy).toBe('2026-11-21T14:15:00.000Z'); // its normal 15-minute window
    expect(api.app.scheduler.has(timerName(id, 1))).toBe(true);
    expect(lead.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['handoff_held', 'acknowledgement_sent', 'handoff_started']),
    );
  });

  it('a lost opening timer is repaired by the reconciler: the handoff starts, and nothing is sent twice', async () => {
    // Prepare
    api = await startLocalApi('2026-11-21T05:00:00Z');
    const id = await postLead(api, leadBody());
    await api.app.scheduler.cancel(openingTimerName(id, 1));

    // Act
    await advanceTo('2026-11-21T14:20:00Z'); // Sat 8:20 AM: past the start and the reconciler's grace

    // Assess
    const lead = await getLead(api, id);
    expect(lead.handoff?.startsAt).toBeUndefined();
    expect(received(api, 'tomas').filter((m) => m.channel === 'sms' && m.link)).toHaveLength(1);
    expect(api.app.outbox.list('customer')).toHaveLength(1);
  });

  it('emergency at 02:00: the on-call tech is paged within a minute', async () => {
    // Prepare: Wednesday 18 November 2026, 2 AM in Chicago
    api = await startLocalApi('2026-11-18T08:00:00Z');

    // Act
    await postLead(api, leadBody({ urgency: 'emergency' }));
    await api.advance(60);

    // Assess
    const page = firstRequest('marco');
    expect(Date.parse(page?.sentAt ?? '') - Date.parse('2026-11-18T08:00:00Z')).toBeLessThanOrEqual(60_000);
  });

  it('on a holiday a standard lead waits for the next business day (Thanksgiving → Friday 07:30)', async () => {
    // Prepare: Thursday 26 November 2026 (Thanksgiving), 10 AM
    api = await startLocalApi('2026-11-26T16:00:00Z');

    // Act
    const id = await postLead(api, leadBody());
    await advanceTo('2026-11-27T13:29:00Z'); // Fri 7:29 AM
    const before = staffMessages();
    await advanceTo('2026-11-27T13:31:00Z');

    // Assess
    expect(before).toEqual([]);
    expect(api.app.outbox.list('customer')[0]?.body).toContain('between Fri 7:30 AM and 9:30 AM');
    expect(firstRequest('tomas')?.sentAt).toBe('2026-11-27T13:30:00.000Z');
    expect((await getLead(api, id)).handoff?.acceptBy).toBe('2026-11-27T13:45:00.000Z');
  });
});

describe('hours (docs/product-rules.md §5): a non-urgent window pauses at closing', () => {
  it('a 15-minute window started at 17:25 ends at 07:40 the next business day', async () => {
    // Prepare: Wednesday 18 November 2026, 5:25 PM
    api = await startLocalApi('2026-11-18T23:25:00Z');

    // Act
    const id = await postLead(api, leadBody());
    const { handoff } = await getLead(api, id);
    await advanceTo('2026-11-19T13:39:00Z'); // Thu 7:39 AM
    const overnight = handoffChain(await getLead(api, id));
    await advanceTo('2026-11-19T13:41:00Z');

    // Assess
    expect(handoff?.acceptBy).toBe('2026-11-19T13:40:00.000Z');
    expect(firstRequest('tomas')?.sentAt).toBe('2026-11-18T23:25:00.000Z');
    expect(overnight).toEqual(['tomas']);
    expect(handoffChain(await getLead(api, id))).toEqual(['tomas', 'priya']);
    expect(firstRequest('priya')?.sentAt).toBe('2026-11-19T13:40:00.000Z');
  });

  it('a window ending at closing: the next ladder step waits for opening (nobody is messaged at night)', async () => {
    // Prepare: Wednesday 18 November 2026, 5:15 PM; the window ends at closing, 5:30 PM
    api = await startLocalApi('2026-11-18T23:15:00Z');
    const id = await postLead(api, leadBody());

    // Act
    await advanceTo('2026-11-19T13:29:00Z'); // Thu 7:29 AM
    const overnight = staffMessages().filter((m) => m.to !== 'tomas' || m.at > '2026-11-18T23:16:00Z');
    const held = await getLead(api, id);
    await advanceTo('2026-11-19T13:31:00Z');

    // Assess
    expect(overnight).toEqual([]);
    expect(held.handoff).toMatchObject({ seq: 2, to: { id: 'priya' }, startsAt: '2026-11-19T13:30:00.000Z' });
    expect(firstRequest('priya')?.sentAt).toBe('2026-11-19T13:30:00.000Z');
    const moved = received(api, 'tomas').filter((m) => m.ref?.purpose === 'moved');
    expect(moved.map((m) => m.sentAt >= '2026-11-19T13:30:00.000Z')).toEqual([true, true]); // SMS and email
    expect((await getLead(api, id)).handoff?.acceptBy).toBe('2026-11-19T13:45:00.000Z');
  });
});

describe('hours (docs/product-rules.md §5): DST weekends', () => {
  it('spring forward (8 March 2026): Saturday 23:00 CST starts Monday 07:30 CDT', async () => {
    api = await startLocalApi('2026-03-08T05:00:00Z');
    await postLead(api, leadBody());

    await advanceTo('2026-03-09T12:31:00Z');

    expect(api.app.outbox.list('customer')[0]?.body).toContain('between Mon 7:30 AM and 9:30 AM');
    expect(staffMessages()[0]).toMatchObject({ to: 'tomas', at: '2026-03-09T12:30:00.000Z' });
  });

  it('fall back (1 November 2026): Saturday 23:00 CDT starts Monday 07:30 CST', async () => {
    api = await startLocalApi('2026-11-01T04:00:00Z');
    await postLead(api, leadBody());

    await advanceTo('2026-11-02T13:31:00Z');

    expect(api.app.outbox.list('customer')[0]?.body).toContain('between Mon 7:30 AM and 9:30 AM');
    expect(staffMessages()[0]).toMatchObject({ to: 'tomas', at: '2026-11-02T13:30:00.000Z' });
  });

  it('a window across the spring change: Saturday 11:50 CST + 15 minutes ends Monday 07:35 CDT', async () => {
    api = await startLocalApi('2026-03-07T17:50:00Z');
    const id = await postLead(api, leadBody());

    await advanceTo('2026-03-09T12:36:00Z');

    expect(handoffChain(await getLead(api, id))).toEqual(['tomas', 'priya']);
    expect(firstRequest('priya')?.sentAt).toBe('2026-03-09T12:35:00.000Z');
  });

  it('a window across the autumn change: Saturday 11:50 CDT + 15 minutes ends Monday 07:35 CST', async () => {
    api = await startLocalApi('2026-10-31T16:50:00Z');
    const id = await postLead(api, leadBody());

    await advanceTo('2026-11-02T13:36:00Z');

    expect(handoffChain(await getLead(api, id))).toEqual(['tomas', 'priya']);
    expect(firstRequest('priya')?.sentAt).toBe('2026-11-02T13:35:00.000Z');
  });
});

describe('hours (docs/product-rules.md §5): working hours', () => {
  it('a person off their own shift is not named while someone on shift can take it', async () => {
    // Prepare: Tomás works 09:00–17:30; Wednesday 8 AM a north plumbing lead comes in
    const options = withPeople((config) => {
      const tomas = config.roster.people.find((p) => p.id === 'tomas');
      if (tomas) tomas.hours = { mon: ['09:00-17:30'], tue: ['09:00-17:30'], wed: ['09:00-17:30'] };
    });
    api = await startLocalApi('2026-11-18T14:00:00Z', options);

    // Act
    const id = await postLead(api, leadBody());

    // Assess
    expect((await getLead(api, id)).handoff?.to.id).toBe('dana');
    expect(firstRequest('dana')?.sentAt).toBe('2026-11-18T14:00:00.000Z');
    expect(received(api, 'tomas')).toEqual([]);
  });

  it('with nobody on shift who can take it, the lead waits for the first shift instead of naming someone off shift', async () => {
    // Prepare: everyone but the on-call techs starts at 09:00, although the business opens at 07:30
    const options = withPeople((config) => {
      for (const person of config.roster.people) {
        if (person.role !== 'on_call') person.hours = { wed: ['09:00-17:30'] };
      }
    });
    api = await startLocalApi('2026-11-18T14:00:00Z', options); // Wed 8 AM

    // Act
    const id = await postLead(api, leadBody());
    await advanceTo('2026-11-18T14:59:00Z');
    const before = staffMessages();
    await advanceTo('2026-11-18T15:01:00Z');

    // Assess
    expect(before).toEqual([]);
    expect((await getLead(api, id)).handoff?.to.id).toBe('tomas');
    expect(firstRequest('tomas')?.sentAt).toBe('2026-11-18T15:00:00.000Z');
  });
});
