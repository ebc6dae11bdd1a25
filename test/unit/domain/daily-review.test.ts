import { describe, expect, it } from 'vitest';
import {
  type DailyReview,
  dailyReview,
  OPEN_LOOP_KINDS,
  OPEN_LOOP_LABELS,
  type OpenLoop,
} from '../../../shared/domain/daily-review';
import { dailyReviewEmail, dailyReviewSms } from '../../../shared/domain/daily-review-messages';
import type { ContactLog, FollowUp, Lead, PersonRef, WaitingOn } from '../../../shared/domain/lead';
import { SMS_MAX_SEPTETS, smsEncoding } from '../../../shared/domain/sms';
import { timelineEvent } from '../../../shared/domain/timeline';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();

/** Tuesday Nov 24, 2026, 5:30 PM in Austin (CST, UTC-6): closing time. */
const NOW = new Date('2026-11-24T23:30:00.000Z');

const sam: PersonRef = { id: 'sam', name: 'Sam Ortega', role: 'sales' };
const tomas: PersonRef = { id: 'tomas', name: 'Tomás Vega', role: 'tech' };
const marco: PersonRef = { id: 'marco', name: 'Marco Silva', role: 'on_call' };
const irene: PersonRef = { id: 'irene', name: 'Irene Castillo', role: 'intake' };

const contact = (at: string, waitingOn: WaitingOn, by: PersonRef = sam): ContactLog => ({
  at,
  by,
  channel: 'call',
  summary: 'Talked through the options and the install window',
  waitingOn,
  loggedAt: at,
});

/** The intake, routing and handoff entries of a lead created at `createdAt`, handed to `to`. */
const routedTimeline = (createdAt: string, to: PersonRef) => [
  timelineEvent(
    new Date(createdAt),
    'lead_received',
    { kind: 'source', id: 'web_form' },
    'Lead received from web form',
    { urgency: 'standard', fit: 'good' },
  ),
  timelineEvent(new Date(createdAt), 'routed', { kind: 'system' }, `Routed to ${to.name}`, {
    ruleId: 'standard-by-territory',
    toId: to.id,
  }),
  timelineEvent(new Date(createdAt), 'handoff_created', { kind: 'system' }, `Handoff #1 to ${to.name}`, {
    seq: 1,
    toId: to.id,
    ladder: 'standard',
    step: 0,
    acceptBy: new Date(Date.parse(createdAt) + 15 * 60_000).toISOString(),
  }),
];

/**
 * A healthy accepted lead: owner Sam (accepted Mon 9:05 AM), next action due tomorrow, contacted today
 * at 11 AM, status Qualified. Override what the test is about.
 */
const ownedLead = (overrides: Partial<Lead> = {}): Lead => {
  const createdAt = overrides.createdAt ?? '2026-11-23T15:00:00.000Z';
  const acceptedAt = new Date(Date.parse(createdAt) + 5 * 60_000);
  return storedLead({
    id: 'lead-owned',
    fullName: 'Owen Healthy',
    createdAt,
    updatedAt: createdAt,
    status: 'accepted',
    stage: 'qualified',
    owner: sam,
    handoff: handoff({ to: sam, state: 'accepted', createdAt, resolvedAt: acceptedAt.toISOString() }),
    nextAction: 'Send two appointment options for the on-site estimate',
    nextActionDueAt: '2026-11-25T16:00:00.000Z',
    lastContact: contact('2026-11-24T17:00:00.000Z', 'customer'),
    timeline: [
      ...routedTimeline(createdAt, sam),
      timelineEvent(acceptedAt, 'accepted', { kind: 'person', id: sam.id, name: sam.name }, 'Accepted', {
        seq: 1,
        latencySeconds: 300,
      }),
    ],
    ...overrides,
  });
};

/** A lead whose handoff to `to` still waits for acceptance. */
const waitingLead = (to: PersonRef, overrides: Partial<Lead> = {}): Lead => {
  const createdAt = overrides.createdAt ?? '2026-11-24T23:10:00.000Z';
  return storedLead({
    id: 'lead-waiting',
    fullName: 'Ana Díaz',
    urgency: 'emergency',
    createdAt,
    updatedAt: createdAt,
    status: 'awaiting_acceptance',
    handoff: handoff({
      to,
      createdAt,
      acceptBy: '2026-11-24T23:15:00.000Z',
      dueAt: '2026-11-24T23:40:00.000Z',
    }),
    nextAction: 'Call the customer within 5 minutes and confirm your arrival time',
    nextActionDueAt: '2026-11-24T23:40:00.000Z',
    timeline: routedTimeline(createdAt, to),
    ...overrides,
  });
};

const followUp = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  sequence: 1,
  n: 1,
  kind: 'estimate',
  opensAt: '2026-11-20T16:00:00.000Z',
  remindAt: '2026-11-20T22:30:00.000Z',
  dueAt: '2026-11-20T23:30:00.000Z',
  state: 'scheduled',
  ...overrides,
});

const loopOf = (review: DailyReview, leadId: string): OpenLoop | undefined =>
  review.loops.find((loop) => loop.leadId === leadId);

describe('dailyReview: which leads are open loops', () => {
  it('leaves out closed leads and leads with an owner, a next action and a recent contact', () => {
    // Prepare
    const healthy = ownedLead();
    const closed = ownedLead({ id: 'lead-closed', status: 'closed', stage: 'closed_won', owner: undefined });

    // Act
    const review = dailyReview([healthy, closed], NOW, config);

    // Assess
    expect(review).toEqual({
      date: '2026-11-24',
      generatedAt: '2026-11-24T23:30:00.000Z',
      openLeads: 1,
      loops: [],
      counts: {
        no_owner: 0,
        no_next_action: 0,
        overdue_next_action: 0,
        old_follow_up: 0,
        quiet: 0,
        missing_last_contact: 0,
        estimate_or_no_decision: 0,
      },
    });
  });

  it('dates the review by the local day, not the UTC one', () => {
    // Prepare: 9 PM Tuesday in Austin is already Wednesday in UTC.
    const lateEvening = new Date('2026-11-25T03:00:00.000Z');

    // Act
    const review = dailyReview([], lateEvening, config);

    // Assess
    expect(review.date).toBe('2026-11-24');
  });

  it('lists a lead nobody accepted with the person it waits on', () => {
    // Prepare
    const lead = waitingLead(marco);

    // Act
    const review = dailyReview([lead], NOW, config);

    // Assess
    expect(review.loops).toEqual([
      {
        leadId: 'lead-waiting',
        leadName: 'Ana Díaz',
        kinds: ['no_owner'],
        stage: 'new_lead',
        stageLabel: 'New Lead – Needs Qualification',
        urgency: 'emergency',
        createdAt: '2026-11-24T23:10:00.000Z',
        waitingOn: marco,
        nextAction: 'Call the customer within 5 minutes and confirm your arrival time',
        nextActionDueAt: '2026-11-24T23:40:00.000Z',
      },
    ]);
  });

  it('counts an incomplete lead as unowned even when intake accepted it, and says it waits on intake', () => {
    // Prepare
    const lead = waitingLead(irene, {
      id: 'lead-incomplete',
      fullName: undefined,
      status: 'needs_info',
      missing: ['fullName'],
      owner: irene,
      handoff: handoff({ kind: 'needs_info', to: irene, state: 'accepted', ladder: 'needs_info' }),
    });

    // Act
    const loop = loopOf(dailyReview([lead], NOW, config), 'lead-incomplete');

    // Assess
    expect(loop?.leadName).toBe('Name not captured yet');
    expect(loop?.kinds).toEqual(['no_owner']);
    expect(loop?.owner).toBeUndefined();
    expect(loop?.waitingOn).toEqual(irene);
  });

  it('keeps the owner of a lead being transferred and names who must accept the transfer', () => {
    // Prepare: Sam owns it and handed it to Tomás, who has not accepted yet.
    const lead = ownedLead({
      status: 'awaiting_acceptance',
      handoff: handoff({ seq: 2, kind: 'transfer', to: tomas, from: sam }),
    });

    // Act
    const review = dailyReview([lead], NOW, config);

    // Assess: owned, on track: not listed.
    expect(review.loops).toEqual([]);
  });

  it('flags an owned lead without a next action, or with one that has no due time', () => {
    // Prepare
    const none = ownedLead({ id: 'lead-none', nextAction: undefined, nextActionDueAt: undefined });
    const blank = ownedLead({ id: 'lead-blank', nextAction: '   ' });
    const undated = ownedLead({ id: 'lead-undated', nextActionDueAt: undefined });

    // Act
    const review = dailyReview([none, blank, undated], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds])).toEqual([
      ['lead-blank', ['no_next_action']],
      ['lead-none', ['no_next_action']],
      ['lead-undated', ['no_next_action']],
    ]);
    expect(loopOf(review, 'lead-undated')?.nextAction).toBe(
      'Send two appointment options for the on-site estimate',
    );
    expect(loopOf(review, 'lead-blank')?.nextAction).toBeUndefined();
  });

  it('flags a next action whose due time passed, and not one due later today', () => {
    // Prepare
    const overdue = ownedLead({ id: 'lead-overdue', nextActionDueAt: '2026-11-24T21:00:00.000Z' });
    const later = ownedLead({ id: 'lead-later', nextActionDueAt: '2026-11-24T23:45:00.000Z' });

    // Act
    const review = dailyReview([overdue, later], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds])).toEqual([
      ['lead-overdue', ['overdue_next_action']],
    ]);
  });

  it('flags a pending follow-up (scheduled or already missed) that is past due', () => {
    // Prepare
    const missed = ownedLead({
      id: 'lead-missed',
      followUps: [
        followUp({
          n: 1,
          state: 'logged',
          dueAt: '2026-11-19T23:30:00.000Z',
          loggedAt: '2026-11-19T20:00:00.000Z',
        }),
        followUp({ n: 2, state: 'missed', dueAt: '2026-11-21T17:00:00.000Z' }),
        followUp({ n: 3, state: 'scheduled', dueAt: '2026-11-26T17:00:00.000Z' }),
      ],
      followUpAt: '2026-11-21T17:00:00.000Z',
    });
    const upcoming = ownedLead({
      id: 'lead-upcoming',
      followUps: [followUp({ state: 'scheduled', dueAt: '2026-11-25T17:00:00.000Z' })],
      followUpAt: '2026-11-25T17:00:00.000Z',
    });

    // Act
    const review = dailyReview([missed, upcoming], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds, loop.followUpAt])).toEqual([
      ['lead-missed', ['old_follow_up'], '2026-11-21T17:00:00.000Z'],
    ]);
  });

  it('flags a target follow-up date that passed with no contact since, not one contacted after it', () => {
    // Prepare
    const stale = ownedLead({
      id: 'lead-stale',
      followUpAt: '2026-11-24T15:30:00.000Z',
      lastContact: contact('2026-11-23T20:00:00.000Z', 'customer'),
    });
    const done = ownedLead({
      id: 'lead-done',
      followUpAt: '2026-11-24T15:30:00.000Z',
      lastContact: contact('2026-11-24T16:10:00.000Z', 'customer'),
    });

    // Act
    const review = dailyReview([stale, done], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds, loop.followUpAt])).toEqual([
      ['lead-stale', ['old_follow_up'], '2026-11-24T15:30:00.000Z'],
    ]);
  });

  it('flags a missing last contact, and a lead quiet for the configured days', () => {
    // Prepare: quietDays is 7 in the example config.
    const noContact = ownedLead({ id: 'lead-no-contact', lastContact: undefined });
    const quiet = ownedLead({
      id: 'lead-quiet',
      createdAt: '2026-11-10T15:00:00.000Z',
      lastContact: contact('2026-11-16T17:00:00.000Z', 'customer'),
    });
    const recent = ownedLead({
      id: 'lead-recent',
      createdAt: '2026-11-10T15:00:00.000Z',
      lastContact: contact('2026-11-17T23:31:00.000Z', 'us'),
    });

    // Act
    const review = dailyReview([noContact, quiet, recent], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds])).toEqual([
      ['lead-quiet', ['quiet']],
      ['lead-no-contact', ['missing_last_contact']],
    ]);
    expect(loopOf(review, 'lead-quiet')).toMatchObject({
      lastContactAt: '2026-11-16T17:00:00.000Z',
      lastContactWaitingOn: 'customer',
      quietForDays: 8,
    });
  });

  it('counts quiet days from the acceptance when nothing was ever logged', () => {
    // Prepare: accepted Nov 13 at 9:05 AM, never contacted.
    const lead = ownedLead({
      id: 'lead-silent',
      createdAt: '2026-11-13T15:00:00.000Z',
      lastContact: undefined,
    });

    // Act
    const loop = loopOf(dailyReview([lead], NOW, config), 'lead-silent');

    // Assess
    expect(loop?.kinds).toEqual(['quiet', 'missing_last_contact']);
    expect(loop?.quietForDays).toBe(11);
  });

  it('always lists Estimate Sent and No Decision leads with owner, next action and due', () => {
    // Prepare
    const estimate = ownedLead({
      id: 'lead-estimate',
      stage: 'estimate_sent',
      estimateSentAt: '2026-11-24T16:00:00.000Z',
      followUps: [followUp({ opensAt: '2026-11-24T16:00:00.000Z', dueAt: '2026-11-25T15:30:00.000Z' })],
      followUpAt: '2026-11-25T15:30:00.000Z',
    });
    const undecided = ownedLead({
      id: 'lead-undecided',
      stage: 'no_decision',
      createdAt: '2026-11-20T15:00:00.000Z',
    });

    // Act
    const review = dailyReview([estimate, undecided], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds])).toEqual([
      ['lead-undecided', ['estimate_or_no_decision']],
      ['lead-estimate', ['estimate_or_no_decision']],
    ]);
    expect(loopOf(review, 'lead-estimate')).toEqual({
      leadId: 'lead-estimate',
      leadName: 'Owen Healthy',
      kinds: ['estimate_or_no_decision'],
      stage: 'estimate_sent',
      stageLabel: 'Estimate Sent',
      urgency: 'standard',
      createdAt: '2026-11-23T15:00:00.000Z',
      owner: sam,
      nextAction: 'Send two appointment options for the on-site estimate',
      nextActionDueAt: '2026-11-25T16:00:00.000Z',
      followUpAt: '2026-11-25T15:30:00.000Z',
      lastContactAt: '2026-11-24T17:00:00.000Z',
      lastContactWaitingOn: 'customer',
    });
  });

  it('puts unowned leads first, then the most reasons, then the oldest; and counts each kind', () => {
    // Prepare
    const oldTwoReasons = ownedLead({
      id: 'lead-a',
      createdAt: '2026-11-02T15:00:00.000Z',
      nextActionDueAt: '2026-11-20T16:00:00.000Z',
      lastContact: contact('2026-11-03T17:00:00.000Z', 'us'),
    });
    const threeReasons = ownedLead({
      id: 'lead-b',
      createdAt: '2026-11-12T15:00:00.000Z',
      stage: 'no_decision',
      nextActionDueAt: '2026-11-21T16:00:00.000Z',
      lastContact: contact('2026-11-13T17:00:00.000Z', 'customer'),
    });
    const newerTwoReasons = ownedLead({
      id: 'lead-c',
      createdAt: '2026-11-05T15:00:00.000Z',
      nextActionDueAt: '2026-11-22T16:00:00.000Z',
      lastContact: contact('2026-11-06T17:00:00.000Z', 'us'),
    });
    const unowned = waitingLead(marco, { id: 'lead-d' });

    // Act
    const review = dailyReview([oldTwoReasons, threeReasons, newerTwoReasons, unowned], NOW, config);

    // Assess
    expect(review.loops.map((loop) => [loop.leadId, loop.kinds])).toEqual([
      ['lead-d', ['no_owner']],
      ['lead-b', ['overdue_next_action', 'quiet', 'estimate_or_no_decision']],
      ['lead-a', ['overdue_next_action', 'quiet']],
      ['lead-c', ['overdue_next_action', 'quiet']],
    ]);
    expect(review.counts).toEqual({
      no_owner: 1,
      no_next_action: 0,
      overdue_next_action: 3,
      old_follow_up: 0,
      quiet: 3,
      missing_last_contact: 0,
      estimate_or_no_decision: 1,
    });
    expect(review.openLeads).toBe(4);
  });

  it('has a readable label for every kind', () => {
    // Prepare
    const kinds = [...OPEN_LOOP_KINDS];

    // Act
    const labels = kinds.map((kind) => OPEN_LOOP_LABELS[kind]);

    // Assess
    expect(labels).toEqual([
      'No owner yet',
      'No next action or no due time',
      'Next action overdue',
      'Follow-up date passed',
      'Gone quiet',
      'No last contact logged',
      'In Estimate Sent or No Decision',
    ]);
  });
});

describe('dailyReviewEmail', () => {
  const LINKS = {
    'lead-waiting': 'https://links.example.com/c/ana',
    'lead-quiet': 'https://links.example.com/c/quinn',
  };

  /** An unowned emergency, a quiet estimate with an overdue next action, and an estimate on track. */
  const scenario = (): DailyReview =>
    dailyReview(
      [
        waitingLead(marco),
        ownedLead({
          id: 'lead-quiet',
          fullName: 'Quinn Baker',
          createdAt: '2026-11-09T15:00:00.000Z',
          stage: 'estimate_sent',
          nextActionDueAt: '2026-11-24T20:00:00.000Z',
          lastContact: contact('2026-11-13T17:00:00.000Z', 'customer'),
        }),
        ownedLead({
          id: 'lead-cara',
          fullName: 'Cara Ng',
          stage: 'estimate_sent',
          followUps: [followUp({ opensAt: '2026-11-24T16:00:00.000Z', dueAt: '2026-11-25T15:30:00.000Z' })],
          followUpAt: '2026-11-25T15:30:00.000Z',
        }),
        ownedLead({ id: 'lead-fine' }),
      ],
      NOW,
      config,
    );

  it('says how many loops are open in the subject', () => {
    // Prepare
    const review = scenario();

    // Act
    const email = dailyReviewEmail(review, LINKS, config);

    // Assess
    expect(email.subject).toBe('End-of-day review Tue Nov 24: 2 open loops');
  });

  it('lists each lead once under its most pressing reason, with owner, next action, due and link', () => {
    // Prepare
    const review = scenario();

    // Act
    const email = dailyReviewEmail(review, LINKS, config);

    // Assess
    expect(email.body).toBe(
      [
        'Lone Star Plumbing & Air: end-of-day review for Tue Nov 24 (times in America/Chicago).',
        '',
        '4 open leads; 2 need attention before close (a lead may count under several):',
        '  No owner yet: 1',
        '  Next action overdue: 1',
        '  Gone quiet: 1',
        '',
        'NO OWNER YET (1)',
        '- Ana Díaz (New Lead – Needs Qualification) – Emergency',
        '  Owner: nobody yet, waiting on Marco Silva (on call) to accept',
        '  Next action: Call the customer within 5 minutes and confirm your arrival time, due Tue Nov 24, 5:40 PM',
        '  https://links.example.com/c/ana',
        '',
        'NEXT ACTION OVERDUE (1)',
        '- Quinn Baker (Estimate Sent) [also: gone quiet]',
        '  Owner: Sam Ortega (sales)',
        '  Next action: Send two appointment options for the on-site estimate, due Tue Nov 24, 2:00 PM (overdue)',
        '  Last contact: Fri Nov 13, 11:00 AM, we are waiting on the customer; 11 days ago',
        '  https://links.example.com/c/quinn',
        '',
        'ESTIMATE SENT / NO DECISION, ON TRACK (1): who owns the next action, and by when?',
        '- Cara Ng (Estimate Sent)',
        '  Owner: Sam Ortega (sales)',
        '  Next action: Send two appointment options for the on-site estimate, due Wed Nov 25, 10:00 AM',
        '  Follow-up: Wed Nov 25, 9:30 AM',
        '  Last contact: Tue Nov 24, 11:00 AM, we are waiting on the customer',
        '  Lead ref: lead-cara',
      ].join('\n'),
    );
  });

  it('never carries the customer phone, email or address', () => {
    // Prepare
    const review = scenario();

    // Act
    const { subject, body } = dailyReviewEmail(review, LINKS, config);

    // Assess
    for (const secret of ['+15125550199', 'avery@example.com', '12 Elm St']) {
      expect(subject).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
  });

  it('says nothing is open when every lead is on track', () => {
    // Prepare
    const review = dailyReview([ownedLead()], NOW, config);

    // Act
    const email = dailyReviewEmail(review, {}, config);

    // Assess
    expect(email).toEqual({
      subject: 'End-of-day review Tue Nov 24: nothing open',
      body: [
        'Lone Star Plumbing & Air: end-of-day review for Tue Nov 24 (times in America/Chicago).',
        '',
        'Nothing open: every lead has an owner, a next action and a recent contact.',
      ].join('\n'),
    });
  });

  it('shows a pending transfer, a lead with no next action and a follow-up that passed', () => {
    // Prepare
    const review = dailyReview(
      [
        ownedLead({
          id: 'lead-t',
          fullName: 'Tara Lee',
          nextAction: undefined,
          status: 'awaiting_acceptance',
          handoff: handoff({ seq: 2, kind: 'transfer', to: tomas, from: sam }),
          followUpAt: '2026-11-24T15:30:00.000Z',
          lastContact: contact('2026-11-23T20:00:00.000Z', 'us'),
        }),
      ],
      NOW,
      config,
    );

    // Act
    const { body } = dailyReviewEmail(review, {}, config);

    // Assess
    expect(body.split('\n').slice(-6)).toEqual([
      '- Tara Lee (Qualified – Ready to Schedule) [also: follow-up date passed]',
      '  Owner: Sam Ortega (sales); transfer waiting on Tomás Vega (tech) to accept',
      '  Next action: none recorded',
      '  Follow-up: Tue Nov 24, 9:30 AM (passed, no contact since)',
      '  Last contact: Mon Nov 23, 2:00 PM, the customer is waiting on us',
      '  Lead ref: lead-t',
    ]);
  });
});

describe('dailyReviewSms', () => {
  it('gives the counts in one GSM-7 segment without customer names', () => {
    // Prepare
    const review = dailyReview(
      [
        waitingLead(marco),
        ownedLead({ id: 'lead-x', fullName: 'Quinn Baker', nextActionDueAt: '2026-11-24T20:00:00.000Z' }),
        ownedLead({ id: 'lead-y', stage: 'no_decision' }),
      ],
      NOW,
      config,
    );

    // Act
    const sms = dailyReviewSms(review, config);

    // Assess
    expect(sms).toBe(
      'Lone Star Plumbing & Air: end-of-day review Tue Nov 24: 2 open loops (1 no owner, 1 late next action). 1 in Estimate Sent/No Decision.',
    );
    expect(smsEncoding(sms)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(sms).not.toContain('Ana');
    expect(sms).not.toContain('Quinn');
  });

  it('says nothing is open on a quiet day', () => {
    // Prepare
    const review = dailyReview([ownedLead()], NOW, config);

    // Act
    const sms = dailyReviewSms(review, config);

    // Assess
    expect(sms).toBe('Lone Star Plumbing & Air: end-of-day review Tue Nov 24: nothing open.');
  });

  it('drops a long business name rather than spill into a second segment', () => {
    // Prepare
    const longName = {
      ...config,
      business: {
        ...config.business,
        name: 'Lone Star Plumbing, Heating, Air Conditioning, Restoration & Remodeling of Central Texas',
      },
    };
    const review = dailyReview(
      [waitingLead(marco), ownedLead({ id: 'lead-x', nextActionDueAt: '2026-11-24T20:00:00.000Z' })],
      NOW,
      longName,
    );

    // Act
    const sms = dailyReviewSms(review, longName);

    // Assess
    expect(sms).toBe('End-of-day review Tue Nov 24: 2 open loops (1 no owner, 1 late next action).');
    expect(smsEncoding(sms)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('stays within two segments when every kind is open', () => {
    // Prepare
    const review = dailyReview(
      [
        waitingLead(marco),
        ownedLead({ id: 'a', nextAction: undefined }),
        ownedLead({
          id: 'b',
          nextActionDueAt: '2026-11-24T20:00:00.000Z',
          followUpAt: '2026-11-20T15:00:00.000Z',
          lastContact: contact('2026-11-19T17:00:00.000Z', 'customer'),
        }),
        ownedLead({
          id: 'c',
          createdAt: '2026-11-01T15:00:00.000Z',
          lastContact: undefined,
          stage: 'no_decision',
        }),
      ],
      NOW,
      config,
    );

    // Act
    const sms = dailyReviewSms(review, config);

    // Assess
    expect(sms).toBe(
      'End-of-day review Tue Nov 24: 4 open loops (1 no owner, 1 no next action, 1 late next action, 1 late follow-up, 1 quiet, 1 no last contact). 1 in Estimate Sent/No Decision.',
    );
    expect(smsEncoding(sms).units).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
  });
});
