import { describe, expect, it } from 'vitest';
import type { Actor, Ladder, Lead, PersonRef, Stage } from '../../../shared/domain/lead';
import { QA_QUESTIONS } from '../../../shared/domain/qa-answers';
import { qaSample } from '../../../shared/domain/qa-sample';
import { formatDuration } from '../../../shared/domain/report-text';
import { weekOf } from '../../../shared/domain/report-week';
import type { TimelineEvent, TimelineEventType, TimelineFacts } from '../../../shared/domain/timeline';
import { weeklyEmail } from '../../../shared/domain/weekly-email';
import { durationStats } from '../../../shared/domain/weekly-numbers';
import { weeklyReport } from '../../../shared/domain/weekly-report';
import { describePerson } from '../../../shared/domain/wording';
import { ValidationError } from '../../../shared/errors';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();
const TZ = config.business.timezone;

/** Monday Nov 23, 2026, 8:00 AM in Austin (CST, UTC-6): the report for week 47 runs. */
const NOW = new Date('2026-11-23T14:00:00.000Z');
/** Week 47 of 2026: Mon Nov 16 to Sun Nov 22, local time. */
const W47 = { week: '2026-W47', from: '2026-11-16T06:00:00.000Z', to: '2026-11-23T06:00:00.000Z' };

const dana: PersonRef = { id: 'dana', name: 'Dana Whitfield', role: 'dispatch' };
const tomas: PersonRef = { id: 'tomas', name: 'Tomás Vega', role: 'tech' };
const priya: PersonRef = { id: 'priya', name: 'Priya Raman', role: 'office_manager' };
const irene: PersonRef = { id: 'irene', name: 'Irene Castillo', role: 'intake' };
const sam: PersonRef = { id: 'sam', name: 'Sam Ortega', role: 'sales' };

const SYSTEM: Actor = { kind: 'system' };
const as = (person: PersonRef): Actor => ({ kind: 'person', id: person.id, name: person.name });

/** One timeline entry at `at` (ISO), with the facts of its type, as stored. */
const ev = <T extends TimelineEventType>(
  at: string,
  type: T,
  summary: string,
  data: TimelineFacts[T],
  actor: Actor = SYSTEM,
): TimelineEvent => ({ at, type, actor, summary, ...(data === undefined ? {} : { data }) }) as TimelineEvent;

const received = (at: string) =>
  ev(
    at,
    'lead_received',
    'Lead received from web form',
    { urgency: 'standard', fit: 'good' },
    { kind: 'source', id: 'web_form' },
  );
const routed = (at: string, to: PersonRef, ruleId: string) =>
  ev(at, 'routed', `${describePerson(to)}, on shift`, { ruleId, toId: to.id });
const created = (
  at: string,
  seq: number,
  to: PersonRef,
  ladder: Ladder,
  step: number,
  windowMinutes: number,
) =>
  ev(at, 'handoff_created', `Handoff #${seq} to ${to.name} (${to.role})`, {
    seq,
    toId: to.id,
    ladder,
    step,
    acceptBy: new Date(Date.parse(at) + windowMinutes * 60_000).toISOString(),
  });
/** An acceptance; the report measures its latency from the handoff's entry, not from `latencySeconds`. */
const accepted = (at: string, seq: number, by: PersonRef) =>
  ev(at, 'accepted', `Accepted by ${by.name}`, { seq, latencySeconds: 0 }, as(by));
const escalated = (
  at: string,
  seq: number,
  step: number,
  summary: string,
  kind: 'escalate' | 'renotify' = 'escalate',
) => ev(at, 'escalated', summary, { seq, step, kind, toId: 'priya' });
const acknowledged = (at: string) =>
  ev(at, 'acknowledgement_sent', 'Acknowledgement SMS sent to the customer', {
    seq: 1,
    channel: 'sms',
    purpose: 'acknowledgement',
    recipientId: 'customer',
  });
/** A contact logged at `loggedAt` that happened at `contactAt` (by default when it was logged). */
const contacted = (loggedAt: string, by: PersonRef, contactAt = loggedAt) =>
  ev(
    loggedAt,
    'contact_logged',
    'Called the customer (call; we are waiting on the customer)',
    { channel: 'call', waitingOn: 'customer', contactAt },
    as(by),
  );
const statusTo = (at: string, from: Stage, to: Stage, by: PersonRef) =>
  ev(at, 'status_changed', `Status: ${from} → ${to}`, { from, to }, as(by));

/** Leads created in week 47, with realistic timelines. */
const ana = (): Lead =>
  storedLead({
    id: 'lead-a',
    fullName: 'Ana Díaz',
    urgency: 'emergency',
    fit: 'good',
    promisedNextStep: 'A tech calls back within 5 minutes',
    createdAt: '2026-11-16T16:00:00.000Z',
    status: 'closed',
    stage: 'closed_won',
    owner: dana,
    handoff: handoff({ seq: 1, to: dana, state: 'accepted', createdAt: '2026-11-16T16:00:00.000Z' }),
    timeline: [
      received('2026-11-16T16:00:00.000Z'),
      routed('2026-11-16T16:00:00.000Z', dana, 'urgent-dispatch-in-hours'),
      created('2026-11-16T16:00:00.000Z', 1, dana, 'urgent', 0, 5),
      acknowledged('2026-11-16T16:01:00.000Z'),
      accepted('2026-11-16T16:02:10.000Z', 1, dana),
      contacted('2026-11-16T16:30:00.000Z', dana, '2026-11-16T16:04:00.000Z'),
      statusTo('2026-11-16T21:00:00.000Z', 'new_lead', 'closed_won', dana),
    ],
  });

const ben = (): Lead =>
  storedLead({
    id: 'lead-b',
    fullName: 'Ben Carter',
    source: 'phone',
    channel: 'phone',
    createdAt: '2026-11-17T15:00:00.000Z',
    status: 'accepted',
    stage: 'qualified',
    owner: priya,
    handoff: handoff({ seq: 2, to: priya, state: 'accepted', ladder: 'standard', step: 1 }),
    timeline: [
      received('2026-11-17T15:00:00.000Z'),
      routed('2026-11-17T15:00:00.000Z', tomas, 'standard-by-territory'),
      created('2026-11-17T15:00:00.000Z', 1, tomas, 'standard', 0, 15),
      ev(
        '2026-11-17T15:10:00.000Z',
        'contacted_again',
        'The customer called again',
        {},
        {
          kind: 'source',
          id: 'phone',
        },
      ),
      escalated(
        '2026-11-17T15:15:00.000Z',
        1,
        1,
        'Not accepted by Tomás Vega (tech) within 15 min: next office manager Priya Raman',
      ),
      created('2026-11-17T15:15:00.000Z', 2, priya, 'standard', 1, 15),
      accepted('2026-11-17T15:20:00.000Z', 2, priya),
      contacted('2026-11-17T15:40:00.000Z', priya),
    ],
  });

const cara = (): Lead =>
  storedLead({
    id: 'lead-c',
    fullName: 'Cara Ng',
    urgency: 'estimate',
    source: 'referral',
    referredBy: 'Neighbour, Mrs. Hale',
    createdAt: '2026-11-18T20:00:00.000Z',
    status: 'accepted',
    stage: 'estimate_sent',
    owner: tomas,
    estimateSentAt: '2026-11-19T16:00:00.000Z',
    timeline: [
      received('2026-11-18T20:00:00.000Z'),
      routed('2026-11-18T20:00:00.000Z', tomas, 'estimates-by-territory'),
      created('2026-11-18T20:00:00.000Z', 1, tomas, 'estimate', 0, 60),
      accepted('2026-11-18T20:45:00.000Z', 1, tomas),
      contacted('2026-11-18T20:55:00.000Z', tomas, '2026-11-18T20:50:00.000Z'),
      statusTo('2026-11-19T16:00:00.000Z', 'qualified', 'estimate_sent', tomas),
      contacted('2026-11-20T15:05:00.000Z', tomas, '2026-11-20T15:00:00.000Z'),
      ev('2026-11-20T15:05:00.000Z', 'follow_up_logged', 'Follow-up 1 of 3 logged', {
        sequence: 1,
        n: 1,
        late: false,
        contactAt: '2026-11-20T15:00:00.000Z',
      }),
    ],
  });

const dev = (): Lead =>
  storedLead({
    id: 'lead-d',
    fullName: 'Dev Patel',
    urgency: 'estimate',
    createdAt: '2026-11-19T15:00:00.000Z',
    status: 'accepted',
    stage: 'estimate_sent',
    owner: sam,
    estimateSentAt: '2026-11-19T22:00:00.000Z',
    timeline: [
      received('2026-11-19T15:00:00.000Z'),
      routed('2026-11-19T15:00:00.000Z', sam, 'estimates-by-territory'),
      created('2026-11-19T15:00:00.000Z', 1, sam, 'estimate', 0, 60),
      accepted('2026-11-19T15:10:00.000Z', 1, sam),
      contacted('2026-11-19T15:45:00.000Z', sam),
      statusTo('2026-11-19T22:00:00.000Z', 'qualified', 'estimate_sent', sam),
      // The estimate itself, logged as a contact: it is not a follow-up.
      contacted('2026-11-19T22:00:00.000Z', sam, '2026-11-19T22:00:00.000Z'),
      ev('2026-11-20T17:30:00.000Z', 'follow_up_missed', 'Follow-up 1 of 3 not logged', {
        sequence: 1,
        n: 1,
      }),
      // 49 hours after the estimate: too late for the 48-hour number.
      contacted('2026-11-21T23:05:00.000Z', sam, '2026-11-21T23:00:00.000Z'),
    ],
  });

const eve = (): Lead =>
  storedLead({
    id: 'lead-e',
    fullName: 'Eve Moss',
    urgency: 'estimate',
    source: 'missed_call',
    createdAt: '2026-11-21T15:00:00.000Z',
    status: 'accepted',
    stage: 'estimate_sent',
    owner: tomas,
    estimateSentAt: '2026-11-22T20:00:00.000Z',
    timeline: [
      received('2026-11-21T15:00:00.000Z'),
      routed('2026-11-21T15:00:00.000Z', tomas, 'missed-call-owner'),
      created('2026-11-21T15:00:00.000Z', 1, tomas, 'estimate', 0, 60),
      accepted('2026-11-21T15:03:00.000Z', 1, tomas),
      contacted('2026-11-21T15:20:00.000Z', tomas),
      statusTo('2026-11-22T20:00:00.000Z', 'qualified', 'estimate_sent', tomas),
    ],
  });

/** Incomplete, nobody accepted: the needs-info ladder ran out and two failures were recorded. */
const fay = (): Lead =>
  storedLead({
    id: 'lead-f',
    fullName: undefined,
    createdAt: '2026-11-22T18:00:00.000Z',
    status: 'needs_info',
    missing: ['fullName', 'serviceAddress'],
    handoff: handoff({ seq: 3, kind: 'renotify', to: priya, ladder: 'needs_info', step: 2 }),
    timeline: [
      received('2026-11-22T18:00:00.000Z'),
      ev('2026-11-22T18:00:00.000Z', 'needs_info', 'Incomplete: to intake', { toId: irene.id }),
      created('2026-11-22T18:00:00.000Z', 1, irene, 'needs_info', 0, 15),
      escalated('2026-11-22T18:15:00.000Z', 1, 1, 'Not accepted by Irene Castillo (intake) within 15 min'),
      created('2026-11-22T18:15:00.000Z', 2, priya, 'needs_info', 1, 15),
      ev('2026-11-22T18:16:00.000Z', 'failed_handoff', 'Failed handoff: SMS to Priya Raman (opted_out)', {
        failureId: 'lead-f.2.notification.priya.sms.handoff',
        kind: 'notification',
        seq: 2,
      }),
      escalated('2026-11-22T18:30:00.000Z', 2, 2, 'Chain exhausted: re-notifying Priya Raman', 'renotify'),
      created('2026-11-22T18:30:00.000Z', 3, priya, 'needs_info', 2, 15),
      ev('2026-11-22T18:45:00.000Z', 'unowned', 'Nobody accepted', { seq: 3 }),
      ev('2026-11-22T18:46:00.000Z', 'failed_handoff', 'Failed handoff: ladder ran out', {
        failureId: 'lead-f.3.unowned',
        kind: 'unowned',
        seq: 3,
      }),
    ],
  });

/** Created Monday of the next week: not part of week 47. */
const nextWeek = (): Lead =>
  storedLead({
    id: 'lead-g',
    createdAt: '2026-11-23T13:00:00.000Z',
    timeline: [received('2026-11-23T13:00:00.000Z'), acknowledged('2026-11-23T13:00:05.000Z')],
  });

const cohort = (): Lead[] => [ana(), ben(), cara(), dev(), eve(), fay(), nextWeek()];

/** An open lead in Estimate Sent since `sentAt`. */
const openEstimate = (id: string, fullName: string, sentAt: string, overrides: Partial<Lead> = {}): Lead =>
  storedLead({
    id,
    fullName,
    createdAt: '2026-11-02T15:00:00.000Z',
    status: 'accepted',
    stage: 'estimate_sent',
    owner: sam,
    estimateSentAt: sentAt,
    ...overrides,
  });

const openLeads = (): Lead[] => [
  cara(),
  openEstimate('lead-pat', 'Pat Quinn', '2026-11-15T15:00:00.000Z'),
  openEstimate('lead-olga', 'Olga Reyes', '2026-11-10T15:00:00.000Z'),
  // Exactly seven days: not older than seven days yet.
  openEstimate('lead-seven', 'Sid Seven', '2026-11-16T14:00:00.000Z'),
  openEstimate('lead-decided', 'Dee Cided', '2026-11-01T15:00:00.000Z', { stage: 'no_decision' }),
];

describe('weekOf', () => {
  it('reads an ISO week id as local Monday 00:00 to the next Monday 00:00', () => {
    // Prepare
    const week = '2026-W47';

    // Act
    const range = weekOf(week, NOW, TZ);

    // Assess
    expect(range).toEqual(W47);
  });

  it('is 169 hours long in the week clocks fall back (2026-11-01 in America/Chicago)', () => {
    // Prepare: Sunday Nov 1, 2026 ends week 44; clocks go from CDT (UTC-5) to CST (UTC-6).
    const week = '2026-W44';

    // Act
    const range = weekOf(week, NOW, TZ);

    // Assess
    expect(range).toEqual({
      week: '2026-W44',
      from: '2026-10-26T05:00:00.000Z',
      to: '2026-11-02T06:00:00.000Z',
    });
    expect(Date.parse(range.to) - Date.parse(range.from)).toBe(169 * 3_600_000);
  });

  it('is 167 hours long in the week clocks spring forward (2026-03-08)', () => {
    // Prepare
    const week = '2026-W10';

    // Act
    const range = weekOf(week, NOW, TZ);

    // Assess
    expect(range).toEqual({
      week: '2026-W10',
      from: '2026-03-02T06:00:00.000Z',
      to: '2026-03-09T05:00:00.000Z',
    });
  });

  it('defaults to the last complete local week, even when UTC is already in the next one', () => {
    // Prepare: Sunday Nov 1, 11:30 PM in Austin is Monday Nov 2 in UTC; week 44 is not over yet.
    const sundayNight = new Date('2026-11-02T05:30:00.000Z');
    const mondayMidnight = new Date('2026-11-02T06:00:00.000Z');

    // Act
    const beforeMidnight = weekOf(undefined, sundayNight, TZ);
    const atMidnight = weekOf(undefined, mondayMidnight, TZ);

    // Assess
    expect(beforeMidnight).toEqual({
      week: '2026-W43',
      from: '2026-10-19T05:00:00.000Z',
      to: '2026-10-26T05:00:00.000Z',
    });
    expect(atMidnight.week).toBe('2026-W44');
  });

  it('finds week 1 in the previous calendar year and week 53 of a long year', () => {
    // Prepare
    const later = new Date('2027-01-05T12:00:00.000Z');

    // Act
    const first = weekOf('2026-W01', later, TZ);
    const last = weekOf('2026-W53', later, TZ);
    const byDefault = weekOf(undefined, later, TZ);

    // Assess
    expect(first).toEqual({
      week: '2026-W01',
      from: '2025-12-29T06:00:00.000Z',
      to: '2026-01-05T06:00:00.000Z',
    });
    expect(last).toEqual({
      week: '2026-W53',
      from: '2026-12-28T06:00:00.000Z',
      to: '2027-01-04T06:00:00.000Z',
    });
    expect(byDefault).toEqual(last);
  });

  it('uses the given time zone', () => {
    // Prepare
    const week = '2026-W47';

    // Act
    const range = weekOf(week, NOW, 'UTC');

    // Assess
    expect(range).toEqual({
      week: '2026-W47',
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
    });
  });

  it('accepts the current week (the numbers so far)', () => {
    // Prepare
    const week = '2026-W48';

    // Act
    const range = weekOf(week, NOW, TZ);

    // Assess
    expect(range.from).toBe('2026-11-23T06:00:00.000Z');
  });

  it.each(['2026-47', 'W47', '2026-W7', '2026-w47', ' 2026-W47', '2026-W00', '2026-W54', '2025-W53'])(
    'refuses the malformed or impossible week %j',
    (week) => {
      // Prepare
      const attempt = () => weekOf(week, NOW, TZ);

      // Act
      let error: unknown;
      try {
        attempt();
      } catch (caught) {
        error = caught;
      }

      // Assess
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('week');
    },
  );

  it('refuses a week that has not started', () => {
    // Prepare
    const week = '2026-W49';

    // Act
    const attempt = () => weekOf(week, NOW, TZ);

    // Assess
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow('2026-W49 has not started yet');
  });
});

describe('durationStats and formatDuration', () => {
  it('uses nearest-rank percentiles', () => {
    // Prepare
    const seconds = [100, 10, 90, 20, 80, 30, 70, 40, 60, 50];

    // Act
    const stats = durationStats(seconds);

    // Assess
    expect(stats).toEqual({ count: 10, medianSeconds: 50, p90Seconds: 90 });
    expect(durationStats([7])).toEqual({ count: 1, medianSeconds: 7, p90Seconds: 7 });
    expect(durationStats([])).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
  });

  it('says durations the way people do', () => {
    // Prepare
    const seconds = [0, 45, 120, 130, 3600, 3900, 90_000, 172_800];

    // Act
    const texts = seconds.map(formatDuration);

    // Assess
    expect(texts).toEqual(['0 s', '45 s', '2 min', '2 min 10 s', '1 h', '1 h 5 min', '1 d 1 h', '2 d']);
  });
});

describe('weeklyReport: the numbers', () => {
  const report = () => weeklyReport({ week: W47, leads: cohort(), openLeads: openLeads(), now: NOW, config });

  it('counts the leads created in the week only', () => {
    // Prepare
    const input = cohort();

    // Act
    const result = weeklyReport({ week: W47, leads: input, openLeads: [], now: NOW, config });

    // Assess
    expect(input).toHaveLength(7);
    expect(result.leadsReceived).toBe(6);
    expect(result.qaSample.map((item) => item.leadId)).not.toContain('lead-g');
  });

  it('never counts a source’s test lead (docs/product-rules.md §2)', () => {
    // Prepare
    const input = cohort().map((lead, i) => (i === 0 ? { ...lead, test: true as const } : lead));

    // Act
    const result = weeklyReport({ week: W47, leads: input, openLeads: [], now: NOW, config });

    // Assess
    expect(result.leadsReceived).toBe(5);
    expect(result.qaSample.map((item) => item.leadId)).not.toContain(input[0]?.id);
  });

  it('measures speed to first response from intake to the first acknowledgement or contact', () => {
    // Prepare: Ana 1 min (acknowledgement), Eve 20 min, Ben 40 min, Dev 45 min, Cara 50 min; Fay none.

    // Act
    const { speedToFirstResponse } = report();

    // Assess
    expect(speedToFirstResponse).toEqual({
      count: 5,
      medianSeconds: 2400,
      p90Seconds: 3000,
      withoutResponse: 1,
    });
  });

  it('measures the first human contact at the time it happened, not when it was logged', () => {
    // Prepare: Ana's call happened at 10:04 AM (4 min) but was logged at 10:30 AM.
    const only = [ana()];

    // Act
    const result = weeklyReport({ week: W47, leads: only, openLeads: [], now: NOW, config });

    // Assess
    expect(result.firstHumanContact).toEqual({
      count: 1,
      medianSeconds: 240,
      p90Seconds: 240,
      withoutResponse: 0,
    });
    expect(result.speedToFirstResponse).toEqual({
      count: 1,
      medianSeconds: 60,
      p90Seconds: 60,
      withoutResponse: 0,
    });
  });

  it('measures acceptance latency from each handoff to its acceptance', () => {
    // Prepare: Ana 130 s, Eve 180 s, Ben 300 s (the escalated handoff #2), Dev 600 s, Cara 2700 s.

    // Act
    const { acceptanceLatency } = report();

    // Assess
    expect(acceptanceLatency).toEqual({ count: 5, medianSeconds: 300, p90Seconds: 2700 });
  });

  it('falls back to the latency on the acceptance when its handoff entry is missing', () => {
    // Prepare
    const lead = storedLead({
      createdAt: '2026-11-18T15:00:00.000Z',
      timeline: [ev('2026-11-18T15:04:00.000Z', 'accepted', 'Accepted', { seq: 1, latencySeconds: 240 })],
    });

    // Act
    const result = weeklyReport({ week: W47, leads: [lead], openLeads: [], now: NOW, config });

    // Assess
    expect(result.acceptanceLatency).toEqual({ count: 1, medianSeconds: 240, p90Seconds: 240 });
  });

  it('counts estimates followed up within 48 h, leaving out those still inside their 48 h', () => {
    // Prepare: Cara followed up after 23 h; Dev only after 49 h; Eve's estimate went out 18 h ago.

    // Act
    const { estimates } = report();

    // Assess
    expect(estimates).toEqual({ sent: 3, followedUpWithin48h: 1, windowOpen: 1, percent: 50 });
  });

  it('lists open estimates older than the stale limit, oldest first', () => {
    // Prepare: staleEstimateDays is 7 in the example config.

    // Act
    const { staleOpenEstimates } = report();

    // Assess
    expect(staleOpenEstimates).toEqual({
      count: 2,
      leadIds: ['lead-olga', 'lead-pat'],
      leads: [
        {
          leadId: 'lead-olga',
          leadName: 'Olga Reyes',
          owner: sam,
          estimateSentAt: '2026-11-10T15:00:00.000Z',
          ageDays: 12,
        },
        {
          leadId: 'lead-pat',
          leadName: 'Pat Quinn',
          owner: sam,
          estimateSentAt: '2026-11-15T15:00:00.000Z',
          ageDays: 7,
        },
      ],
    });
  });

  it('ignores closed leads among the open ones', () => {
    // Prepare
    const closed = openEstimate('lead-closed', 'Cole Closed', '2026-11-01T15:00:00.000Z', {
      status: 'closed',
    });

    // Act
    const result = weeklyReport({ week: W47, leads: [], openLeads: [closed], now: NOW, config });

    // Assess
    expect(result.staleOpenEstimates).toEqual({ count: 0, leadIds: [], leads: [] });
  });

  it('counts escalations per ladder step, naming who each step reaches', () => {
    // Prepare: Ben climbed the standard ladder once; Fay the needs-info ladder, then a re-notification.

    // Act
    const { escalations, escalationsByStep } = report();

    // Assess
    expect(escalations).toBe(3);
    expect(escalationsByStep).toEqual([
      { ladder: 'standard', step: 1, to: 'office manager', count: 1 },
      { ladder: 'needs_info', step: 1, to: 'office manager', count: 1 },
      { ladder: 'needs_info', step: 2, to: 're-notify 1', count: 1 },
    ]);
  });

  it('counts failed handoffs by kind, unowned leads and missed follow-ups', () => {
    // Prepare

    // Act
    const result = report();

    // Assess
    expect(result.failedHandoffs).toEqual({ count: 2, byKind: { notification: 1, unowned: 1 } });
    expect(result.unownedLeads).toEqual({ count: 1, leadIds: ['lead-f'] });
    expect(result.followUpsMissed).toBe(1);
  });

  it('reports an empty week with no data rather than zeros', () => {
    // Prepare
    const week = weekOf('2026-W47', NOW, TZ);

    // Act
    const result = weeklyReport({ week, leads: [], openLeads: [], now: NOW, config });

    // Assess
    expect(result).toEqual({
      ...W47,
      generatedAt: '2026-11-23T14:00:00.000Z',
      leadsReceived: 0,
      speedToFirstResponse: { count: 0, medianSeconds: null, p90Seconds: null, withoutResponse: 0 },
      firstHumanContact: { count: 0, medianSeconds: null, p90Seconds: null, withoutResponse: 0 },
      acceptanceLatency: { count: 0, medianSeconds: null, p90Seconds: null },
      estimates: { sent: 0, followedUpWithin48h: 0, windowOpen: 0, percent: null },
      staleOpenEstimates: { count: 0, leadIds: [], leads: [] },
      escalations: 0,
      escalationsByStep: [],
      failedHandoffs: { count: 0, byKind: {} },
      unownedLeads: { count: 0, leadIds: [] },
      followUpsMissed: 0,
      bySource: [],
      qaSample: [],
    });
  });

  it('breaks the numbers down by source: each source’s own leads, acceptance and stale estimates', () => {
    // Prepare: Ben came by phone (Priya accepted his handoff #2 in 300 s), Eve by a missed call, Cara by referral.
    const leads = cohort();

    // Act
    const result = weeklyReport({ week: W47, leads, openLeads: openLeads(), now: NOW, config });

    // Assess
    const received = Object.fromEntries(result.bySource.map((row) => [row.source, row.leadsReceived]));
    const inWeek = leads.filter((lead) => lead.id !== 'lead-g');
    const expected: Record<string, number> = {};
    for (const lead of inWeek) expected[lead.source] = (expected[lead.source] ?? 0) + 1;
    for (const lead of openLeads()) expected[lead.source] ??= 0;
    expect(received).toEqual(expected);
    expect(result.bySource.reduce((sum, row) => sum + row.leadsReceived, 0)).toBe(result.leadsReceived);
    const phone = result.bySource.find((row) => row.source === 'phone');
    expect(phone?.acceptanceLatency).toEqual({ count: 1, medianSeconds: 300, p90Seconds: 300 });
    const stale = result.bySource.reduce((sum, row) => sum + row.staleOpenEstimates, 0);
    expect(stale).toBe(result.staleOpenEstimates.count);
  });
});

describe('qaSample', () => {
  /** Eight leads with two handoffs each. */
  const many = (): Lead[] =>
    Array.from({ length: 8 }, (_, index) => {
      const at = new Date(Date.parse('2026-11-16T15:00:00.000Z') + index * 3_600_000).toISOString();
      return storedLead({
        id: `lead-${index}`,
        createdAt: at,
        timeline: [created(at, 1, tomas, 'standard', 0, 15), created(at, 2, priya, 'standard', 1, 15)],
      });
    });

  it('has the five questions of docs/product-rules.md seed 001, word for word', () => {
    // Prepare
    const expected = [
      'Was the owner assignment correct?',
      'Were the notes sufficient?',
      'Did the lead wait too long before action?',
      'Did the customer have to repeat themselves?',
      'Did the final outcome match the urgency and source quality?',
    ];

    // Act
    const questions = [...QA_QUESTIONS];

    // Assess
    expect(questions).toEqual(expected);
  });

  it('samples one handoff per lead when there are enough leads', () => {
    // Prepare
    const leads = many();

    // Act
    const sample = qaSample(leads, '2026-W47', 5, config);

    // Assess
    expect(sample).toHaveLength(5);
    expect(new Set(sample.map((item) => item.leadId)).size).toBe(5);
    for (const item of sample) expect([1, 2]).toContain(item.seq);
    for (const item of sample) expect(item.questions.map((q) => q.question)).toEqual([...QA_QUESTIONS]);
  });

  it('is the same sample for the same week, whatever the order of the leads', () => {
    // Prepare
    const leads = many();
    const pairs = (items: ReturnType<typeof qaSample>) => items.map((item) => `${item.leadId}#${item.seq}`);

    // Act
    const first = qaSample(leads, '2026-W47', 5, config);
    const again = qaSample([...leads].reverse(), '2026-W47', 5, config);

    // Assess
    expect(pairs(again)).toEqual(pairs(first));
  });

  it('draws a different sample in different weeks', () => {
    // Prepare
    const leads = many();
    const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45'];

    // Act
    const samples = weeks.map((week) =>
      qaSample(leads, week, 5, config)
        .map((item) => `${item.leadId}#${item.seq}`)
        .join(','),
    );

    // Assess
    expect(new Set(samples).size).toBeGreaterThan(1);
  });

  it('takes more handoffs of the same leads when there are fewer leads than the sample size', () => {
    // Prepare
    const leads = many().slice(0, 2);

    // Act
    const sample = qaSample(leads, '2026-W47', 5, config);

    // Assess: both leads, all four handoffs, in lead then step order.
    expect(sample.map((item) => `${item.leadId}#${item.seq}`)).toEqual([
      'lead-0#1',
      'lead-0#2',
      'lead-1#1',
      'lead-1#2',
    ]);
  });

  it('skips leads without a handoff and returns nothing for an empty week', () => {
    // Prepare
    const noHandoff = storedLead({ timeline: [received('2026-11-16T15:00:00.000Z')] });

    // Act
    const sample = qaSample([noHandoff], '2026-W47', 5, config);

    // Assess
    expect(sample).toEqual([]);
    expect(qaSample([], '2026-W47', 5, config)).toEqual([]);
  });

  it('answers the five questions for an emergency accepted in time', () => {
    // Prepare
    const lead = ana();

    // Act
    const [item] = qaSample([lead], '2026-W47', 1, config);

    // Assess
    expect(item).toEqual({
      leadId: 'lead-a',
      leadName: 'Ana Díaz',
      seq: 1,
      urgency: 'emergency',
      source: 'web_form',
      owner: dana,
      questions: [
        {
          question: 'Was the owner assignment correct?',
          evidence:
            'Handoff #1 to Dana Whitfield (dispatch): Dana Whitfield (dispatch), on shift [rule: Emergency, active-loss and premium work goes to dispatch while dispatch is on shift]; accepted after 2 min 10 s; owner now Dana Whitfield (dispatch).',
        },
        {
          question: 'Were the notes sufficient?',
          evidence: 'Notes: 6 words; promised next step recorded; nobody sent it back.',
        },
        {
          question: 'Did the lead wait too long before action?',
          evidence:
            'Accepted after 2 min 10 s, window 5 min (in time); first response 1 min after intake; first logged contact 4 min after intake.',
        },
        {
          question: 'Did the customer have to repeat themselves?',
          evidence: 'No repeat contact from the customer recorded; 1 handoff in total.',
        },
        {
          question: 'Did the final outcome match the urgency and source quality?',
          evidence: 'Emergency, Web form, fit good: now Closed Won (closed).',
        },
      ],
    });
  });

  it('shows an escalated handoff, the one that replaced it, and the customer calling again', () => {
    // Prepare
    const lead = ben();

    // Act
    const sample = qaSample([lead], '2026-W47', 2, config);

    // Assess
    const evidence = sample.map((item) => [item.seq, ...item.questions.map((q) => q.evidence)]);
    expect(evidence).toEqual([
      [
        1,
        'Handoff #1 to Tomás Vega (tech): Tomás Vega (tech), on shift; not accepted in time: escalated after 15 min; owner now Priya Raman (office manager).',
        'Notes: 6 words; no promised next step recorded; nobody sent it back.',
        'Not accepted in time: escalated after 15 min, window 15 min; first response 40 min after intake; first logged contact 40 min after intake.',
        'The customer contacted us again 1 time, latest Tue Nov 17, 9:10 AM; 2 handoffs in total.',
        'Standard, Phone call, fit unknown: now Qualified – Ready to Schedule; escalated 1 time.',
      ],
      [
        2,
        'Handoff #2 to Priya Raman (office manager): Not accepted by Tomás Vega (tech) within 15 min: next office manager Priya Raman; accepted after 5 min; owner now Priya Raman (office manager).',
        'Notes: 6 words; no promised next step recorded; nobody sent it back.',
        'Accepted after 5 min, window 15 min (in time); first response 40 min after intake; first logged contact 40 min after intake.',
        'The customer contacted us again 1 time, latest Tue Nov 17, 9:10 AM; 2 handoffs in total.',
        'Standard, Phone call, fit unknown: now Qualified – Ready to Schedule; escalated 1 time.',
      ],
    ]);
  });

  it('names a rule by its description, never by its id (a built-in rule has none)', () => {
    // Prepare
    const poorFit = storedLead({
      id: 'lead-p',
      fit: 'poor',
      createdAt: '2026-11-18T15:00:00.000Z',
      timeline: [
        received('2026-11-18T15:00:00.000Z'),
        ev(
          '2026-11-18T15:00:00.000Z',
          'routed',
          'poor fit: Priya Raman (office manager, 3/100 open) decides',
          {
            ruleId: 'poor-fit-office-manager',
            toId: priya.id,
          },
        ),
        created('2026-11-18T15:00:00.000Z', 1, priya, 'standard', 0, 15),
      ],
    });

    // Act
    const [item] = qaSample([poorFit], '2026-W47', 1, config);

    // Assess
    expect(item?.questions[0]?.evidence).toBe(
      'Handoff #1 to Priya Raman (office manager): poor fit: Priya Raman (office manager, 3/100 open) decides; moved on before anyone accepted; no owner now.',
    );
  });

  it('shows a misrouted handoff sent back, and an incomplete lead nobody accepted', () => {
    // Prepare
    const sentBack = storedLead({
      id: 'lead-r',
      fullName: 'Rita Cole',
      createdAt: '2026-11-18T15:00:00.000Z',
      status: 'needs_info',
      missing: ['serviceAddress'],
      handoff: handoff({ seq: 2, kind: 'needs_info', to: irene, ladder: 'needs_info' }),
      timeline: [
        received('2026-11-18T15:00:00.000Z'),
        routed('2026-11-18T15:00:00.000Z', tomas, 'standard-by-territory'),
        created('2026-11-18T15:00:00.000Z', 1, tomas, 'standard', 0, 15),
        ev(
          '2026-11-18T15:03:00.000Z',
          'rejected',
          'Rejected',
          { seq: 1, reason: 'not_my_territory' },
          as(tomas),
        ),
        ev('2026-11-18T15:03:00.000Z', 'needs_info', 'Back to intake', { toId: irene.id }),
        created('2026-11-18T15:03:00.000Z', 2, irene, 'needs_info', 0, 15),
      ],
    });

    // Act
    const [rejected] = qaSample([sentBack], '2026-W47', 2, config).filter((item) => item.seq === 1);
    const [unowned] = qaSample([fay()], '2026-W47', 3, config).filter((item) => item.seq === 3);

    // Assess
    expect(rejected?.questions.map((q) => q.evidence).slice(0, 3)).toEqual([
      'Handoff #1 to Tomás Vega (tech): Tomás Vega (tech), on shift; sent back after 3 min (Not my territory); sent back as wrong territory or service 1 time; no owner now.',
      'Notes: 6 words; no promised next step recorded; still missing: service address; sent back 1 time: Not my territory.',
      'Sent back after 3 min (Not my territory), window 15 min; no response logged; no contact logged.',
    ]);
    expect(unowned?.leadName).toBe('Name not captured yet');
    expect(unowned?.questions.map((q) => q.evidence).slice(0, 2)).toEqual([
      'Handoff #3 to Priya Raman (office manager): Chain exhausted: re-notifying Priya Raman; nobody accepted: the ladder ran out; no owner now.',
      'Notes: 6 words; no promised next step recorded; came in incomplete (went to intake first); still missing: name, service address; nobody sent it back.',
    ]);
  });
});

describe('weeklyEmail', () => {
  it('gives the numbers with humanised durations, then the QA sample with its questions', () => {
    // Prepare
    const report = weeklyReport({ week: W47, leads: cohort(), openLeads: openLeads(), now: NOW, config });

    // Act
    const email = weeklyEmail(report, config);

    // Assess
    expect(email.subject).toBe('Weekly handoff report 2026-W47 (Mon Nov 16 – Sun Nov 22): 6 leads');
    const [numbers, qa = ''] = email.body.split('\nQA SAMPLE');
    expect(numbers).toBe(
      [
        'Lone Star Plumbing & Air: handoff report for 2026-W47, Mon Nov 16 to Sun Nov 22 (times in America/Chicago).',
        '',
        'NUMBERS',
        'Leads received: 6',
        'Speed to first response: median 40 min, p90 50 min (5 leads; 1 without one yet)',
        'First contact by a person: median 40 min, p90 50 min (5 leads; 1 without one yet)',
        'Acceptance latency: median 5 min, p90 45 min (5 acceptances)',
        'Estimates followed up within 48 h: 1 of 2 (50%); 1 still inside their 48 h',
        'Open estimates older than 7 days: 2',
        '  - Olga Reyes, sent Tue Nov 10, 9:00 AM (12 days ago), owner Sam Ortega (sales)',
        '  - Pat Quinn, sent Sun Nov 15, 9:00 AM (7 days ago), owner Sam Ortega (sales)',
        'Escalations: 3',
        '  - Standard ladder, step 1 (office manager): 1',
        '  - Needs-info ladder, step 1 (office manager): 1',
        '  - Needs-info ladder, step 2 (re-notify 1): 1',
        'Failed handoffs: 2 (message: 1, nobody accepted: 1)',
        'Unowned leads (nobody accepted): 1',
        'Follow-ups missed: 1',
        '',
        'BY SOURCE',
        'Web form: 3 leads',
        '  - Speed to first response: median 1 min, p90 45 min (1 without one yet)',
        '  - Acceptance latency: median 2 min 10 s, p90 10 min',
        '  - Estimates followed up within 48 h: 0 of 1 (0%)',
        '  - Stale open estimates: 2',
        'Phone call: 1 lead',
        '  - Speed to first response: median 40 min, p90 40 min',
        '  - Acceptance latency: median 5 min, p90 5 min',
        '  - Estimates followed up within 48 h: none due yet (0 sent)',
        '  - Stale open estimates: 0',
        'Recovered missed call: 1 lead',
        '  - Speed to first response: median 20 min, p90 20 min',
        '  - Acceptance latency: median 3 min, p90 3 min',
        '  - Estimates followed up within 48 h: none due yet (1 sent)',
        '  - Stale open estimates: 0',
        'Referral: 1 lead',
        '  - Speed to first response: median 50 min, p90 50 min',
        '  - Acceptance latency: median 45 min, p90 45 min',
        '  - Estimates followed up within 48 h: 1 of 1 (100%)',
        '  - Stale open estimates: 0',
        '',
      ].join('\n'),
    );
    expect(qa.split('\n')[0]).toBe(' (5 handoffs)');
    expect(qa.match(/^\d\. .+, handoff #\d: .+ \(ref lead-[a-f]\)$/gm)).toHaveLength(5);
    for (const question of QA_QUESTIONS) expect(qa.split(question)).toHaveLength(6);
  });

  it('never carries phones, emails or addresses', () => {
    // Prepare
    const report = weeklyReport({ week: W47, leads: cohort(), openLeads: openLeads(), now: NOW, config });

    // Act
    const { subject, body } = weeklyEmail(report, config);

    // Assess
    for (const secret of ['+15125550199', 'avery@example.com', '12 Elm St', 'Kitchen sink']) {
      expect(subject).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
  });

  it('reads plainly for an empty week', () => {
    // Prepare
    const report = weeklyReport({ week: W47, leads: [], openLeads: [], now: NOW, config });

    // Act
    const email = weeklyEmail(report, config);

    // Assess
    expect(email).toEqual({
      subject: 'Weekly handoff report 2026-W47 (Mon Nov 16 – Sun Nov 22): 0 leads',
      body: [
        'Lone Star Plumbing & Air: handoff report for 2026-W47, Mon Nov 16 to Sun Nov 22 (times in America/Chicago).',
        '',
        'NUMBERS',
        'Leads received: 0',
        'Speed to first response: no data (0 leads)',
        'First contact by a person: no data (0 leads)',
        'Acceptance latency: no data (0 acceptances)',
        'Estimates followed up within 48 h: none due yet (0 sent)',
        'Open estimates older than 7 days: 0',
        'Escalations: 0',
        'Failed handoffs: 0',
        'Unowned leads (nobody accepted): 0',
        'Follow-ups missed: 0',
        '',
        'BY SOURCE',
        'No leads this week.',
        '',
        'QA SAMPLE (0 handoffs)',
        'No handoffs to review this week.',
      ].join('\n'),
    });
  });
});
