/**
 * In people's words (docs/product-rules.md §8, issue 13): every text a person reads — every SMS and
 * email the pipeline sent (handoff, escalation, re-notification, transfer, needs-info, moved, "taken by",
 * idle next action, customer acknowledgement in and after hours, follow-up reminder, missed follow-up,
 * end-of-day review, sign-in link), the weekly report, every page (each link-page state, lead cards and
 * review links with their timelines, refused forms, problem pages, the demo form and its thank-you page,
 * the board in every view and its lead pages, the sign-in pages, the local phone) and the demo's
 * timeline table — carries labels, never an internal identifier. The leads are made the way people make
 * them, over HTTP on the manual clock with the example roster, and cover every service type, source,
 * urgency, role, status, message purpose and timeline entry type (checked, so the scenario cannot
 * quietly shrink). Rule ids, field keys and status codes stay in the JSON answers for integrations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineTable } from '../../local/demo';
import { localPages } from '../../local/local-pages';
import { BOARD_VIEWS } from '../../shared/domain/board-query';
import type { AppConfig } from '../../shared/domain/config';
import { dailyReviewSms } from '../../shared/domain/daily-review-messages';
import { handoffNote } from '../../shared/domain/handoff-note';
import {
  LEAD_STATUSES,
  type Lead,
  REJECT_REASONS,
  ROLES,
  SOURCES,
  URGENCIES,
} from '../../shared/domain/lead';
import { NOTIFICATION_PURPOSES } from '../../shared/domain/notification-state';
import { rejectHandoff } from '../../shared/domain/transitions';
import { weeklyEmail } from '../../shared/domain/weekly-email';
import { ROLE_LABELS, rejectReasonLabel, TIMELINE_LABELS } from '../../shared/domain/wording';
import { demoForm, thanksPage } from '../../shared/web/demo-form';
import { linkPage } from '../../shared/web/link-page';
import {
  signInFormPage,
  signInLinkGonePage,
  signInLinkPage,
  signInSentPage,
} from '../../shared/web/sign-in-pages';
import { boardPage, signIn } from '../support/board-list';
import { exampleConfig, staticConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import { forbiddenWords, leaksIn, visibleText } from '../support/plain-words';
import { acceptLink, getLead, IN_HOURS, linkForLead, linkPath, rejectLink } from '../support/scenario';

/** The example business and roster; links last 3 hours instead of 24, so some expire within the day. */
const config: AppConfig = (() => {
  const example = exampleConfig();
  return {
    ...example,
    business: { ...example.business, messaging: { ...example.business.messaging, linkTtlHours: 3 } },
  };
})();
const FORBIDDEN = forbiddenWords(config);

/** One text a person reads, and where it came from. */
interface Shown {
  where: string;
  text: string;
}

let api: LocalApi;
const leads: Record<string, string> = {};
/** Pages answered along the way (refused forms, notices, problem pages, the board), as text. */
const pages: Shown[] = [];
/** The page behind every link sent, opened at three moments, and the states seen. */
const linkPages: Shown[] = [];
const linkStates = new Set<string>();

let phone = 400;
const lead = (fields: Record<string, unknown>) => {
  phone += 1;
  return {
    fullName: 'Ana Diaz',
    phone: `512-555-0${phone}`,
    serviceAddress: '400 Main St, Round Rock TX 78664',
    notes: 'Water leaking under the kitchen sink',
    consent: { sms: true, email: true },
    ...fields,
  };
};

const post = async (name: string, body: Record<string, unknown>, key: string = KEYS.webForm) => {
  const res = await api.request('POST', '/leads', { key, body });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${name}: ${res.status} ${res.body}`);
  leads[name] = res.json.leadId as string;
  return leads[name];
};

const page = async (where: string, request: Promise<{ status: number; body: string }>) => {
  const res = await request;
  pages.push({ where, text: visibleText(res.body) });
  return res;
};

let submissions = 0;
const postCard = (where: string, link: string, action: string, fields: Record<string, string>) => {
  submissions += 1;
  return page(
    where,
    api.request('POST', linkPath(link), {
      body: new URLSearchParams({ action, submission: `plain-${submissions}`, ...fields }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    }),
  );
};

const ops = (method: string, path: string, body?: unknown) =>
  api.request(method, path, { key: KEYS.ops, ...(body === undefined ? {} : { body }) });

const advanceTo = (iso: string) => api.advance((Date.parse(iso) - api.clock.now().getTime()) / 1000);

const openEveryLink = async () => {
  for (const link of new Set(api.app.outbox.list().flatMap((m) => (m.link ? [m.link] : [])))) {
    const res = await api.request('GET', linkPath(link));
    linkStates.add(/data-state="([^"]+)"/.exec(res.body)?.[1] ?? '');
    linkPages.push({ where: link, text: visibleText(res.body) });
  }
};

/** The current recipient of the lead accepts through the link in their email. */
const accept = async (where: string, name: string) => {
  const id = leads[name] ?? '';
  const to = (await getLead(api, id)).handoff?.to.id ?? '';
  return page(where, acceptLink(api, await linkForLead(api, to, id, 'email')));
};

/** Every view of the board and every lead's board page, as the office manager and as a tech. */
const readTheBoard = async () => {
  for (const person of ['priya', 'tomas'] as const) {
    const cookie = await signIn(api, person);
    for (const view of BOARD_VIEWS) await page(`board ${view} (${person})`, boardPage(api, cookie, { view }));
    if (person === 'priya') {
      for (const id of Object.values(leads)) {
        await page(`board lead ${id}`, api.request('GET', `/board/leads/${id}`, { headers: { cookie } }));
      }
    }
  }
};

beforeAll(async () => {
  api = await startLocalApi(IN_HOURS, { config: staticConfig(config) }); // Wed Nov 18, 10:00 AM in Austin

  // Every service type and urgency; a poor fit, a referral, a missed call, a high value; every source.
  await post(
    'emergency',
    lead({
      urgency: 'emergency',
      serviceType: 'plumbing_repair',
      promisedNextStep: 'A plumber calls back within minutes',
    }),
  );
  await post(
    'standard',
    lead({ fullName: 'Boris Chen', urgency: 'standard', serviceType: 'drain_cleaning' }),
  );
  await post(
    'estimate',
    lead({
      fullName: 'Cyrus Park',
      urgency: 'estimate',
      serviceType: 'hvac_install',
      serviceAddress: '9 Elm St, Austin TX 78745',
      campaign: 'Spring tune-up',
    }),
    KEYS.phone,
  );
  const optedOut = '+15125550999';
  api.app.sms.optedOut.add(optedOut);
  await post(
    'activeLoss',
    lead({
      fullName: 'Dee Ortiz',
      phone: '512-555-0999',
      urgency: 'active_loss',
      serviceType: 'water_heater',
      source: 'referral',
      referredBy: 'Neighbour Jo Park',
      serviceAddress: '5 Lake Dr, Austin TX 78704',
    }),
  );
  await post(
    'premium',
    lead({
      fullName: 'Eli Stone',
      urgency: 'premium',
      serviceType: 'leak_detection',
      source: 'missed_call',
      missedBy: 'tomas',
    }),
  );
  await post(
    'poorFit',
    lead({
      fullName: 'Fay Lund',
      urgency: 'standard',
      serviceType: 'hvac_repair',
      source: 'other',
      fit: 'poor',
      serviceAddress: '7 Hill Rd, Buda TX 78610',
    }),
  );
  await post(
    'highValue',
    lead({ fullName: 'Gus Hale', urgency: 'standard', serviceType: 'leak_detection', estimatedValue: 9000 }),
  );
  const covered = new Set(['web_form', 'phone', 'referral', 'missed_call', 'other']);
  for (const source of SOURCES.filter((s) => !covered.has(s))) {
    await post(
      source,
      lead({ fullName: 'Nia Cole', urgency: 'estimate', serviceType: 'water_heater', source }),
    );
  }
  const repeatPhone = '512-555-0777';
  await post(
    'repeat',
    lead({ fullName: 'Hana Sato', phone: repeatPhone, urgency: 'standard', serviceType: undefined }),
  );
  await post(
    'incomplete',
    lead({
      fullName: 'Ivo Marsh',
      urgency: 'standard',
      serviceType: 'drain_cleaning',
      serviceAddress: undefined,
    }),
  );

  // The same customer again, now saying what they need: one lead, completed and routed.
  await post(
    'repeatAgain',
    lead({
      fullName: 'Hana Sato',
      phone: repeatPhone,
      urgency: 'standard',
      serviceType: 'water_heater',
      notes: 'It is the water heater',
    }),
  );

  // The acknowledgement to an opted-out number failed; the customer opts back in and ops retry it.
  api.app.sms.optedOut.delete(optedOut);
  const failures = (await ops('GET', '/ops/failed-handoffs')).json.items as { id: string }[];
  for (const failure of failures) await ops('POST', `/ops/failed-handoffs/${failure.id}/retry`);

  // Sent back for a missing address, completed by ops, routed again and accepted.
  await page(
    'reject',
    rejectLink(
      api,
      await linkForLead(api, 'tomas', leads.standard ?? '', 'email'),
      'missing_address',
      'No unit number: it is an apartment complex',
    ),
  );
  await ops('PATCH', `/leads/${leads.standard}`, {
    serviceAddress: '400 Main St Apt 12, Round Rock TX 78664',
    promisedNextStep: 'A tech visits this week',
  });
  await accept('accept standard', 'standard');

  // Accepted, then transferred to sales, who accepts; the rest accepted by whoever has them.
  await accept('accept estimate', 'estimate');
  await ops('POST', `/leads/${leads.estimate}/transfer`, {
    to: 'sam',
    reason: 'The customer wants a full system quote',
  });
  for (const name of Object.keys(leads).filter((n) => !['emergency', 'poorFit', 'standard'].includes(n))) {
    await accept(`accept ${name}`, name);
  }

  // Problem pages and a refused post on an open link; then the office manager takes the poor fit.
  const poorFitLink = await linkForLead(api, 'priya', leads.poorFit ?? '', 'email');
  await page(
    'unknown action',
    api.request('POST', linkPath(poorFitLink), {
      body: 'action=dance',
      contentType: 'application/x-www-form-urlencoded',
    }),
  );
  await page(
    'wrong content type',
    api.request('POST', linkPath(poorFitLink), { body: 'x', contentType: 'text/plain' }),
  );
  await page('accept without confirming', acceptLink(api, poorFitLink, ['saw_notes']));
  await page('not found', api.request('GET', '/h/not-a-real-token'));
  await accept('accept poor fit', 'poorFit');

  // The emergency climbs the whole ladder and runs out; ops restart it and the business owner accepts
  // (everyone paged before is told who took it). The premium lead's next action goes overdue.
  await api.advance(50 * 60);
  await openEveryLink();
  await readTheBoard();
  const unowned = (
    (await ops('GET', '/ops/failed-handoffs')).json.items as { id: string; kind: string }[]
  ).filter((f) => f.kind === 'unowned');
  for (const failure of unowned) await ops('POST', `/ops/failed-handoffs/${failure.id}/retry`);
  await accept('accept emergency', 'emergency');

  // The lead card: a contact, Estimate Sent, a next action; a refused post; the follow-ups run.
  const card = await linkForLead(api, 'tomas', leads.standard ?? '', 'email');
  await postCard('card contact', card, 'log_contact', {
    contact_channel: 'sms',
    contact_summary: 'Sent the estimate range',
    waiting_on: 'customer',
    contact_by: 'tomas',
  });
  await postCard('card refused', card, 'set_next_action', { next_action: 'follow up', next_action_due: '' });
  await postCard('card estimate', card, 'set_status', {
    stage: 'estimate_sent',
    follow_up_at: '2026-11-18T17:30',
  });
  await postCard('card next action', card, 'set_next_action', {
    next_action: 'Call to walk through the estimate and book the job',
    next_action_due: '2026-11-19T10:00',
  });
  await advanceTo('2026-11-18T23:45:00Z'); // Wed 5:45 PM: the first follow-up was missed; the review went out
  await postCard('card late contact', card, 'log_contact', {
    contact_channel: 'call',
    contact_summary: 'Walked the customer through the estimate',
    waiting_on: 'customer',
    contact_by: 'tomas',
  });
  await postCard('card no decision', card, 'set_status', {
    stage: 'no_decision',
    follow_up_at: '2026-11-20T10:00',
  });
  await postCard('card won', card, 'set_status', { stage: 'closed_won', follow_up_at: '' });

  // After hours: a standard lead (the next contact window, held until opening), an emergency (on
  // call), an incomplete lead.
  await post(
    'afterHours',
    lead({ fullName: 'Jo Reyes', urgency: 'standard', serviceType: 'plumbing_repair' }),
  );
  await post(
    'afterHoursEmergency',
    lead({ fullName: 'Kim Vo', urgency: 'emergency', serviceType: 'water_heater' }),
  );
  await post('stillIncomplete', lead({ fullName: 'Lia Moro', urgency: 'standard', serviceType: undefined }));
  await api.advance(20 * 60);
  await openEveryLink();

  // Thursday at opening: the held handoffs start.
  await advanceTo('2026-11-19T13:40:00Z');
  await openEveryLink();
  await readTheBoard();
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

const allLeads = async (): Promise<Lead[]> => Promise.all(Object.values(leads).map((id) => getLead(api, id)));

const expectPlain = (shown: readonly Shown[]) => {
  const leaks = shown.flatMap(({ where, text }) =>
    leaksIn(text, FORBIDDEN).map((leak) => `${where}: ${leak}`),
  );
  expect(leaks).toEqual([]);
};

describe('the scenario covers the domain', () => {
  it('every service type, source, urgency, status, role, message and timeline entry type appears', async () => {
    // Act
    const all = await allLeads();
    const types = new Set(all.flatMap((l) => l.timeline.map((event) => event.type)));
    const told = new Set(api.app.outbox.list().map((m) => m.recipientId));
    const purposes = new Set(
      all.flatMap((l) => Object.keys(l.notifications ?? {}).map((key) => key.split('.')[3])),
    );

    // Assess
    expect([...types].sort()).toEqual(Object.keys(TIMELINE_LABELS).sort());
    expect(new Set(all.flatMap((l) => l.serviceType ?? []))).toEqual(new Set(config.roster.serviceTypes));
    expect(new Set(all.map((l) => l.source))).toEqual(new Set(SOURCES));
    expect(new Set(all.map((l) => l.urgency))).toEqual(new Set(URGENCIES));
    expect(new Set(all.map((l) => l.status))).toEqual(new Set(LEAD_STATUSES));
    expect([...purposes].sort()).toEqual([...NOTIFICATION_PURPOSES].sort());
    const roles = new Set(config.roster.people.filter((p) => told.has(p.id)).map((p) => p.role));
    expect(roles).toEqual(new Set(ROLES));
  });
});

describe('every text a person reads is in people’s words', () => {
  it('the checker finds the leaks it is there for', () => {
    // Act
    const found = leaksIn(
      'From web_form: Rejected by Tomás Vega (tech) (missing address); rule urgent-dispatch-in-hours; missing (serviceType); on call dana; renotify; (sms; us)',
      FORBIDDEN,
    );

    // Assess
    expect(found.sort()).toEqual(
      ['web_form', ') (', 'urgent-dispatch-in-hours', 'serviceType', 'dana', 'renotify', 'sms'].sort(),
    );
  });

  it('every SMS and email sent: to staff, to the customer, reviews and sign-in links', () => {
    // Prepare
    const sent = api.app.outbox.list();
    const all = sent.map((m) => `${m.subject ?? ''}\n${m.body}`).join('\n');

    // Assess: every kind of message is there
    for (const words of [
      'Escalated to you:',
      'Reminder',
      'Transferred to you:',
      'Needs info:',
      'moved to',
      'Follow-up due',
      'Missed follow-up',
      'End-of-day review',
      'sign-in link',
      'We are closed now',
      'Our on-call team',
    ]) {
      expect(all).toContain(words);
    }
    expectPlain(
      sent.map((m) => ({ where: `${m.channel} to ${m.recipientId}`, text: `${m.subject ?? ''}\n${m.body}` })),
    );
  });

  it('every page behind every link sent, at three moments', () => {
    // Assess
    expect([...linkStates].sort()).toEqual(
      expect.arrayContaining(['card', 'expired', 'moved', 'open', 'rejected', 'review']),
    );
    expectPlain(linkPages);
  });

  it('the pages answered along the way: refusals, notices, sent back, problems, the board', () => {
    // Assess
    expect(pages.map((p) => p.where)).toEqual(
      expect.arrayContaining(['card refused', 'board failed (priya)']),
    );
    expectPlain(pages);
  });

  it('each rejection reason, as the timeline, the note and the page say it', async () => {
    // Prepare
    const open = (await allLeads()).find(
      (l) => l.handoff?.state === 'awaiting_acceptance' && l.status !== 'needs_info',
    );
    const handoff = open?.handoff;
    if (!open || !handoff) throw new Error('no open handoff');
    const shown: Shown[] = [];

    // Act
    for (const reason of REJECT_REASONS) {
      const now = api.clock.now();
      const result = rejectHandoff(open, {
        seq: handoff.seq,
        recipientId: handoff.to.id,
        reason,
        text: 'See the photos',
        now,
      });
      if (!('lead' in result)) throw new Error(result.message);
      const note = handoffNote(result.lead, handoff, config);
      shown.push({
        where: reason,
        text: `${result.lead.timeline.at(-1)?.summary}\n${note.unclear.join('\n')}`,
      });
      const reasonLabel = rejectReasonLabel(reason);
      shown.push({ where: reason, text: visibleText(linkPage({ kind: 'rejected', note, reasonLabel })) });
    }

    // Assess
    expectPlain(shown);
  });

  it('the pages nobody links to here: accepted by someone else, sign-in, the demo form, the reports', async () => {
    // Prepare
    const all = await allLeads();
    const now = api.clock.now();
    const accepted = all.find((l) => l.status === 'accepted' && l.handoff);
    if (!accepted?.handoff) throw new Error('no accepted lead');
    const review = await api.app.reviews.review();
    const weekly = weeklyEmail(await api.app.reviews.weeklyReport('2026-W47'), config);
    const { name, timezone } = config.business;
    const html = [
      linkPage({
        kind: 'accepted',
        note: handoffNote(accepted, accepted.handoff, config),
        acceptedAt: now.toISOString(),
        byYou: false,
        timeZone: timezone,
      }),
      signInFormPage(name, 'sign-in'),
      signInSentPage(name, 'sign-in'),
      signInLinkPage(name, './t'),
      signInLinkGonePage(name, '../sign-in'),
      demoForm(config, 'http://127.0.0.1:3000', KEYS.webForm),
      ...[...LEAD_STATUSES, ''].map((status) => thanksPage('01KTHANKS', status)),
    ];

    // Assess
    expectPlain([
      ...html.map((page, i) => ({ where: `page ${i}`, text: visibleText(page) })),
      { where: 'daily review SMS', text: dailyReviewSms(review, config) },
      { where: 'weekly email', text: `${weekly.subject}\n${weekly.body}` },
      ...Object.values(ROLE_LABELS).map((label) => ({ where: 'role', text: label })),
    ]);
  });

  it('the demo form refused: what the customer reads', async () => {
    // Act
    const res = await api.request('POST', '/leads', {
      query: { key: KEYS.webForm },
      form: true,
      body: {
        redirect: '/thanks',
        fullName: 'Lu Chan',
        phone: '55',
        email: 'lu@',
        serviceType: 'sauna',
        urgency: 'soonish',
        zip: '7',
        website: '',
      },
    });

    // Assess
    expect(res.status).toBe(400);
    expectPlain([{ where: 'refused demo form', text: visibleText(res.body) }]);
  });

  it('the local phone page and the demo’s timeline table', async () => {
    // Prepare
    const all = await allLeads();
    const phonePage = await localPages(
      api.app,
      api.clock,
    )({
      method: 'GET',
      url: new URL('http://localhost/_local/phone'),
      body: '',
    });

    // Assess
    expectPlain([
      { where: 'phone page', text: visibleText(phonePage?.body ?? '') },
      ...all.map((l) => ({
        where: `timeline of ${l.fullName}`,
        text: timelineTable(l, config.business.timezone),
      })),
    ]);
  });

  it('the JSON answers for integrations keep the internal values', async () => {
    // Act
    const res = await ops('GET', `/leads/${leads.emergency}`);

    // Assess
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toContain('lead_received');
    expect(res.json.source).toBe('web_form');
  });
});
