/**
 * The SOP after acceptance (docs/product-rules.md §7, §8), end to end on the local runner and the manual clock: each
 * test is named after the rule it proves. Business: America/Chicago, Mon–Fri 07:30–17:30, Sat
 * 08:00–12:00, closed Sunday and on 2026-11-26 (Thanksgiving); Lee is the operations lead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { firstEstimateFollowUpDue } from '../../shared/domain/follow-ups';
import type { Lead } from '../../shared/domain/lead';
import { STAGE_LABELS, STAGES } from '../../shared/domain/lead';
import { toLocalInputValue } from '../../shared/domain/local-input';
import { followUpTimerName } from '../../shared/domain/timer-names';
import { exampleConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import {
  AFTER_HOURS,
  acceptLink,
  getLead,
  IN_HOURS,
  latestLink,
  leadBody,
  linkPath,
  openLink,
  postLead,
  received,
} from '../support/scenario';

const TZ = 'America/Chicago';
const business = exampleConfig().business;

let api: LocalApi;
afterEach(async () => {
  await api?.stop();
});

let submissions = 0;
/** Posts one lead card form like the page does (with a fresh `submission` id). */
const postCard = (link: string, action: string, fields: Record<string, string>) => {
  submissions += 1;
  return api.request('POST', linkPath(link), {
    body: new URLSearchParams({ action, submission: `test-${submissions}`, ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
};

/** A standard lead accepted by Tomás; returns its id and Tomás's link (now his lead card). */
const acceptedLead = async (overrides: Record<string, unknown> = {}) => {
  const id = await postLead(api, leadBody(overrides));
  const link = latestLink(api, 'tomas', 'email');
  const res = await acceptLink(api, link);
  expect(res.status).toBe(200);
  return { id, link };
};

const local = (iso: string) => toLocalInputValue(iso, TZ);
/** Moves the manual clock to `iso`, running everything due on the way. */
const advanceTo = async (iso: string) => api.advance((Date.parse(iso) - api.clock.now().getTime()) / 1000);
const estimateSent = (link: string) =>
  postCard(link, 'set_status', {
    stage: 'estimate_sent',
    follow_up_at: local(firstEstimateFollowUpDue(api.clock.now(), business).toISOString()),
  });
const dues = (lead: Lead) =>
  (lead.followUps ?? []).filter((f) => f.state !== 'cancelled').map((f) => f.dueAt);

describe('lead card (docs/product-rules.md §7): after acceptance the owner’s link becomes the lead card', () => {
  it('shows the handoff note, the timeline and the three forms with the seven locked status names', async () => {
    api = await startLocalApi(IN_HOURS);
    const { link } = await acceptedLead();

    const res = await openLink(api, link);

    expect(res.status).toBe(200);
    expect(res.body).toContain('data-state="card"');
    for (const stage of STAGES) expect(res.body).toContain(`>${STAGE_LABELS[stage]}<`);
    for (const form of ['contact-form', 'status-form', 'next-action-form', 'timeline', 'note']) {
      expect(res.body).toContain(`id="${form}"`);
    }
  });

  it('logs a contact: when, who, what was said or sent, and who is waiting on whom', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await api.advance(15 * 60);

    const res = await postCard(link, 'log_contact', {
      contact_at: '2026-11-18T10:05',
      contact_by: 'tomas',
      contact_channel: 'call',
      contact_summary: 'Called Ana: sent the estimate range, she wants Friday morning',
      waiting_on: 'customer',
    });

    expect(res.status).toBe(200);
    const lead = await getLead(api, id);
    expect(lead.lastContact).toMatchObject({
      at: '2026-11-18T16:05:00.000Z',
      by: { id: 'tomas' },
      channel: 'call',
      summary: 'Called Ana: sent the estimate range, she wants Friday morning',
      waitingOn: 'customer',
    });
    expect(lead.timeline.at(-1)).toMatchObject({ type: 'contact_logged', actor: { id: 'tomas' } });
    expect((await openLink(api, link)).body).toContain('she wants Friday morning');
  });

  it('a double-submitted form is applied once', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    const form = new URLSearchParams({
      action: 'log_contact',
      submission: 'same-page',
      contact_channel: 'sms',
      contact_summary: 'Texted two appointment options',
      waiting_on: 'customer',
    }).toString();
    const post = () =>
      api.request('POST', linkPath(link), { body: form, contentType: 'application/x-www-form-urlencoded' });

    await post();
    await post();

    const lead = await getLead(api, id);
    expect(lead.timeline.filter((e) => e.type === 'contact_logged')).toHaveLength(1);
  });

  it.each(['no_decision', 'estimate_sent'])(
    '%s requires a follow-up date: refused with a clear message, nothing changed',
    async (stage) => {
      api = await startLocalApi(IN_HOURS);
      const { id, link } = await acceptedLead();
      const before = await getLead(api, id);

      const res = await postCard(link, 'set_status', { stage, follow_up_at: '' });

      expect(res.status).toBe(400);
      expect(res.body).toContain('needs a follow-up date');
      expect(await getLead(api, id)).toEqual(before);
    },
  );

  it('the next action must be specific: "follow up" is refused, a specific one is set with its due time', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();

    const vague = await postCard(link, 'set_next_action', {
      next_action: 'follow up',
      next_action_due: '2026-11-19T09:00',
    });
    const specific = await postCard(link, 'set_next_action', {
      next_action: 'Send two appointment options for Friday by text',
      next_action_due: '2026-11-19T09:00',
    });

    expect(vague.status).toBe(400);
    expect(specific.status).toBe(200);
    expect(await getLead(api, id)).toMatchObject({
      nextAction: 'Send two appointment options for Friday by text',
      nextActionDueAt: '2026-11-19T15:00:00.000Z',
    });
  });

  it('only the owner’s own link is a card: a review link is read only (403) and changes nothing', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id } = await acceptedLead();
    await advanceTo('2026-11-18T23:31:00Z'); // the end-of-day review at 17:30 sends Lee review links
    const review = latestLink(api, 'lee', 'email');
    const before = await getLead(api, id);

    const page = await openLink(api, review);
    const post = await postCard(review, 'log_contact', {
      contact_channel: 'call',
      contact_summary: 'Lee tries to log a contact',
      waiting_on: 'us',
    });

    expect(page.status).toBe(200);
    expect(page.body).toContain('data-state="review"');
    expect(page.body).not.toContain('<form');
    expect(post.status).toBe(403);
    expect(await getLead(api, id)).toEqual(before);
  });

  it('Closed Won closes the lead: it leaves the open index and the card turns read only', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();

    const res = await postCard(link, 'set_status', { stage: 'closed_won', follow_up_at: '' });

    expect(res.status).toBe(200);
    expect(await getLead(api, id)).toMatchObject({ status: 'closed', stage: 'closed_won' });
    const open = await api.app.deps.store.listOpen();
    expect(open.items.map((ref) => ref.leadId)).not.toContain(id);
    expect((await openLink(api, link)).body).not.toContain('<form');
  });
});

describe('estimate follow-up sequence (docs/product-rules.md §7, seed 002)', () => {
  it('sent before 3 PM: first follow-up the same day (by closing), second at 48 h, third at day 5', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await advanceTo('2026-11-18T20:59:00Z'); // Wed 2:59 PM

    const res = await estimateSent(link);

    expect(res.status).toBe(200);
    expect(dues(await getLead(api, id))).toEqual([
      '2026-11-18T23:30:00.000Z', // Wed 5:30 PM, closing
      '2026-11-20T20:59:00.000Z', // Fri 2:59 PM
      '2026-11-23T20:59:00.000Z', // Mon 2:59 PM
    ]);
  });

  it('sent after 3 PM: first follow-up the next business morning', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await advanceTo('2026-11-18T22:10:00Z'); // Wed 4:10 PM

    await estimateSent(link);

    expect(dues(await getLead(api, id))[0]).toBe('2026-11-19T15:30:00.000Z'); // Thu 9:30 AM (7:30 + 2 h)
  });

  it('each follow-up is a one-time schedule that reminds the owner with the lead card link', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await advanceTo('2026-11-18T20:00:00Z'); // Wed 2 PM
    await estimateSent(link);
    const before = received(api, 'tomas').length;

    await advanceTo('2026-11-18T22:35:00Z'); // past the 4:30 PM reminder

    // Each follow-up has its reminder and its due check; the first reminder has fired.
    expect(api.app.scheduler.has(followUpTimerName(id, { sequence: 1, n: 1 }, 'remind'))).toBe(false);
    for (const n of [1, 2, 3]) {
      expect(api.app.scheduler.has(followUpTimerName(id, { sequence: 1, n }, 'due'))).toBe(true);
    }
    expect(api.app.scheduler.has(followUpTimerName(id, { sequence: 1, n: 2 }, 'remind'))).toBe(true);
    const reminders = received(api, 'tomas').slice(before);
    expect(reminders.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(reminders.every((m) => m.body.includes('follow-up 1 of 3') && m.link)).toBe(true);
    const card = await openLink(api, reminders[0]?.link ?? '');
    expect(card.body).toContain('data-state="card"');
  });

  it('a follow-up not logged by its due time escalates to the operations lead', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await advanceTo('2026-11-18T20:00:00Z');
    await estimateSent(link);

    await advanceTo('2026-11-18T23:31:00Z'); // Wed 5:31 PM, FU1 was due 5:30

    const lead = await getLead(api, id);
    expect(lead.followUps?.[0]).toMatchObject({ state: 'missed', escalatedTo: { id: 'lee' } });
    expect(lead.timeline.some((e) => e.type === 'follow_up_missed')).toBe(true);
    const notices = received(api, 'lee').filter((m) => m.ref?.purpose === 'follow_up_missed');
    expect(notices.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(notices.find((m) => m.channel === 'email')?.body).toContain('Owner: Tomás');
  });

  it('a contact logged in the window logs the follow-up: its timers are deleted and nobody is escalated', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await advanceTo('2026-11-18T20:00:00Z');
    await estimateSent(link);
    await advanceTo('2026-11-18T22:45:00Z');

    await postCard(link, 'log_contact', {
      contact_channel: 'call',
      contact_summary: 'Called about the estimate; she will decide by Friday',
      waiting_on: 'customer',
    });
    await advanceTo('2026-11-19T00:00:00Z');

    const lead = await getLead(api, id);
    expect(lead.followUps?.map((f) => f.state)).toEqual(['logged', 'scheduled', 'scheduled']);
    expect(api.app.scheduler.has(followUpTimerName(id, { sequence: 1, n: 1 }, 'due'))).toBe(false);
    expect(received(api, 'lee').filter((m) => m.ref?.purpose === 'follow_up_missed')).toEqual([]);
  });

  it('Work Approved cancels the pending follow-ups and their timers', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await estimateSent(link);

    await postCard(link, 'set_status', { stage: 'work_approved', follow_up_at: '' });

    const lead = await getLead(api, id);
    expect(lead.followUps?.map((f) => f.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    for (const n of [1, 2, 3]) {
      expect(api.app.scheduler.has(followUpTimerName(id, { sequence: 1, n }, 'remind'))).toBe(false);
    }
  });

  it('a lost follow-up timer is run by the reconciler (queried on the open index)', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id, link } = await acceptedLead();
    await advanceTo('2026-11-18T20:00:00Z');
    await estimateSent(link);
    await api.app.scheduler.cancel(followUpTimerName(id, { sequence: 1, n: 1 }, 'remind'));

    await advanceTo('2026-11-18T23:00:00Z');

    expect((await getLead(api, id)).followUps?.[0]?.state).toBe('reminded');
    expect(received(api, 'tomas').some((m) => m.ref?.purpose === 'follow_up')).toBe(true);
  });
});

describe('customer acknowledgement (docs/product-rules.md §7)', () => {
  const toCustomer = () => api.app.outbox.list('customer');

  it('in business hours, a lead with SMS consent gets a first response within 5 minutes', async () => {
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());

    await api.advance(300);

    const [sms] = toCustomer();
    expect(sms?.channel).toBe('sms');
    expect(Date.parse(sms?.sentAt ?? '') - Date.parse(IN_HOURS)).toBeLessThanOrEqual(5 * 60_000);
    expect(sms?.body).toMatch(/^Hi Ana, thanks for contacting Lone Star Plumbing & Air/);
    expect(sms?.body).toContain('Reply STOP to opt out');
    const event = (await getLead(api, id)).timeline.find((e) => e.type === 'acknowledgement_sent');
    expect(event?.summary).toContain(sms?.body ?? 'missing');
  });

  it('after hours, the acknowledgement gives the next contact window', async () => {
    api = await startLocalApi(AFTER_HOURS); // Tue 11 PM
    await postLead(api, leadBody());

    await api.advance(300);

    expect(toCustomer()[0]?.body).toContain('we will call you between Wed 7:30 AM and 9:30 AM');
  });

  it('no SMS without consent: nothing is sent to the customer and the timeline says nothing was', async () => {
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody({ consent: { sms: false, email: true } }));

    await api.advance(600);

    expect(toCustomer()).toEqual([]);
    expect((await getLead(api, id)).timeline.some((e) => e.type === 'acknowledgement_sent')).toBe(false);
  });
});

describe('end-of-day review (docs/product-rules.md §8, seeds 002 and 003)', () => {
  it('at closing time, the operations lead gets one digest of open loops, each with its link', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id: owned } = await acceptedLead({ fullName: 'Owned Nocontact' });
    await postLead(api, leadBody({ fullName: 'Waiting Nobody', serviceType: 'drain_cleaning' }));

    await advanceTo('2026-11-18T23:29:00Z'); // 5:29 PM: not yet
    const early = received(api, 'lee').filter((m) => m.subject?.startsWith('End-of-day review'));
    await advanceTo('2026-11-18T23:31:00Z');

    const digests = received(api, 'lee').filter((m) => m.subject?.startsWith('End-of-day review'));
    expect(early).toEqual([]);
    expect(digests).toHaveLength(1);
    const body = digests[0]?.body ?? '';
    expect(body).toContain('Owned Nocontact');
    expect(body).toContain('Waiting Nobody');
    expect(body).toMatch(/\/h\/[A-Za-z0-9_-]{20,}/);
    expect((await getLead(api, owned)).status).toBe('accepted');
  });

  it('runs once per business day, and not on a holiday', async () => {
    api = await startLocalApi('2026-11-24T16:00:00Z'); // Tue Nov 24
    await postLead(api, leadBody());

    await advanceTo('2026-11-27T12:00:00Z'); // through Thanksgiving (Thu Nov 26)

    const dates = received(api, 'lee')
      .filter((m) => m.subject?.startsWith('End-of-day review'))
      .map((m) => m.sentAt.slice(0, 10));
    expect(dates).toEqual(['2026-11-24', '2026-11-25']);
  });

  it('GET /ops/reports/daily shows the same open loops as JSON', async () => {
    api = await startLocalApi(IN_HOURS);
    const { id } = await acceptedLead();

    const res = await api.request('GET', '/ops/reports/daily', { key: KEYS.ops });

    expect(res.status).toBe(200);
    const loops = (res.json as { loops: { leadId: string; kinds: string[] }[] }).loops;
    expect(loops.find((loop) => loop.leadId === id)?.kinds).toContain('missing_last_contact');
  });
});

describe('weekly numbers and QA (docs/product-rules.md §8, seed 001)', () => {
  it('GET /ops/reports/weekly: speed to first response, acceptance latency, estimates, escalations, QA sample', async () => {
    api = await startLocalApi('2026-11-16T15:00:00Z'); // Mon Nov 16, 9 AM
    for (let i = 0; i < 6; i += 1) {
      const { link } = await acceptedLead({ fullName: `Weekly Customer${i}` });
      if (i < 3) {
        await estimateSent(link);
        await api.advance(3600);
        await postCard(link, 'log_contact', {
          contact_channel: 'call',
          contact_summary: 'Followed up on the estimate by phone',
          waiting_on: 'customer',
        });
      }
      await api.advance(1800);
    }
    await postLead(api, leadBody({ fullName: 'Never Accepted' }));
    await advanceTo('2026-11-23T15:00:00Z');

    const res = await api.request('GET', '/ops/reports/weekly', {
      key: KEYS.ops,
      query: { week: '2026-W47' },
    });

    expect(res.status).toBe(200);
    const report = res.json as {
      leadsReceived: number;
      speedToFirstResponse: { count: number; medianSeconds: number };
      acceptanceLatency: { count: number };
      estimates: { sent: number; followedUpWithin48h: number; percent: number };
      escalationsByStep: unknown[];
      qaSample: { questions: { question: string; evidence: string }[] }[];
    };
    expect(report.leadsReceived).toBe(7);
    expect(report.speedToFirstResponse.count).toBe(7);
    expect(report.speedToFirstResponse.medianSeconds).toBeLessThanOrEqual(300);
    expect(report.acceptanceLatency.count).toBe(6);
    expect(report.estimates).toMatchObject({ sent: 3, followedUpWithin48h: 3, percent: 100 });
    expect(report.escalationsByStep.length).toBeGreaterThan(0); // "Never Accepted" climbed its ladder
    expect(report.qaSample).toHaveLength(5);
    for (const item of report.qaSample) expect(item.questions).toHaveLength(5);
  });

  it('refuses a malformed week with 400', async () => {
    api = await startLocalApi(IN_HOURS);

    const res = await api.request('GET', '/ops/reports/weekly', { key: KEYS.ops, query: { week: 'last' } });

    expect(res.status).toBe(400);
  });

  it('the weekly email goes out Monday morning to the operations lead and the business owner', async () => {
    api = await startLocalApi('2026-11-20T16:00:00Z'); // Fri
    await postLead(api, leadBody());

    await advanceTo('2026-11-23T14:00:00Z'); // Mon 8 AM

    for (const person of ['lee', 'ruth']) {
      const weekly = received(api, person).filter(
        (m) => m.channel === 'email' && /week/i.test(m.subject ?? ''),
      );
      expect(weekly).toHaveLength(1);
      expect(weekly[0]?.body).toContain('Was the owner assignment correct?');
    }
  });
});

describe('all of it reads indexes, never a Scan', () => {
  it('the daily review, the weekly report and the reconciler issue no Scan', async () => {
    api = await startLocalApi(IN_HOURS);
    for (let i = 0; i < 3; i += 1) await acceptedLead();
    const commands: string[] = [];
    api.engine.client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );

    await api.app.reviews.review();
    await api.app.reviews.weeklyReport('2026-W47');
    await api.app.reconciler.run();

    expect(commands).toContain('QueryCommand');
    expect(commands).not.toContain('ScanCommand');
  });
});
