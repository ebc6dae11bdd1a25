/**
 * The lead card's actions after acceptance (SPEC §7, seeds 002 and 003): log a contact, set the status
 * (locked names), set the next action and its due time; and what a follow-up timer does when it fires.
 *
 * Pure: each takes the lead as read and returns the next state with the timers to create or delete, or
 * the problems by form field (nothing changes then). The caller writes it with a conditional write.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import {
  estimateFollowUps,
  type FollowUpStep,
  firstEstimateFollowUpDue,
  nextFollowUpAt,
  noDecisionFollowUp,
  pendingFollowUps,
} from './follow-ups';
import {
  type ContactChannel,
  type ContactLog,
  type FollowUp,
  type FollowUpRef,
  type Lead,
  type PersonRef,
  STAGE_LABELS,
  type Stage,
  type WaitingOn,
} from './lead';
import { checkNextAction } from './next-action';
import { personRef } from './routing';
import { SYSTEM, timelineEvent } from './timeline';

/** The longest contact summary the card takes. */
export const CONTACT_SUMMARY_MAX_LENGTH = 500;
/** The longest next action the card takes. */
export const NEXT_ACTION_MAX_LENGTH = 300;
/** How far ahead a due time or follow-up date may be set. */
export const MAX_DAYS_AHEAD = 90;
/** A contact may be logged this long after it happened, not longer. */
export const MAX_DAYS_BACK = 30;
/** How many recent form submissions a lead remembers (double posts are applied once). */
export const SUBMISSIONS_KEPT = 20;

const DAY_MS = 86_400_000;
/** Clock skew allowed for a contact time "now" typed on a phone. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** Problems by form field name; non-empty means nothing changed. */
export type Problems = Record<string, string>;

/** A timer the caller creates or deletes after the write. */
export interface FollowUpTimer extends FollowUpRef {
  step: FollowUpStep;
  at: string;
}

export type CardResult =
  | { lead: Lead; changed: boolean; schedule: FollowUpTimer[]; cancel: FollowUpTimer[]; notice: string }
  | { problems: Problems };

const refusedIfNotOwner = (lead: Lead, actorId: string): Problems | undefined => {
  if (lead.status === 'closed') return { form: 'This lead is closed: nothing more can be logged on it.' };
  if (lead.status !== 'accepted' || lead.owner?.id !== actorId) {
    return { form: 'Only the accepted owner can update this lead from its card.' };
  }
  return undefined;
};

/** The lead with the submission remembered, or undefined when that submission was already applied. */
const remember = (lead: Lead, submission: string | undefined): Lead | undefined => {
  if (!submission) return lead;
  if (lead.submissions?.includes(submission)) return undefined;
  return { ...lead, submissions: [...(lead.submissions ?? []), submission].slice(-SUBMISSIONS_KEPT) };
};

const unchanged = (lead: Lead, notice: string): CardResult => ({
  lead,
  changed: false,
  schedule: [],
  cancel: [],
  notice,
});

/** Both timers of a follow-up, created together: the reminder and the due check. */
const timersFor = (f: FollowUp): FollowUpTimer[] => [
  { sequence: f.sequence, n: f.n, step: 'remind', at: f.remindAt },
  { sequence: f.sequence, n: f.n, step: 'due', at: f.dueAt },
];

/** The timers still to fire of follow-ups that end now (logged or cancelled). */
const timersOf = (followUps: readonly FollowUp[]): FollowUpTimer[] =>
  followUps.flatMap((f): FollowUpTimer[] => {
    if (f.state === 'scheduled') return timersFor(f);
    if (f.state === 'reminded') return timersFor(f).slice(1);
    return [];
  });

const ofCount = (f: FollowUp, all: readonly FollowUp[]): string => {
  const total = all.filter((other) => other.sequence === f.sequence).length;
  return total > 1 ? `Follow-up ${f.n} of ${total}` : 'Follow-up';
};

export interface ContactInput {
  /** When it happened; undefined means now. */
  at: Date | undefined;
  byId: string | undefined;
  channel: ContactChannel | undefined;
  summary: string;
  waitingOn: WaitingOn | undefined;
  submission?: string;
}

/**
 * Logs a contact with the customer (the last contact of seed 003). The earliest pending follow-up whose
 * window had opened by then is logged with it (late ones too: a missed follow-up logged later counts).
 */
export const logContact = (
  lead: Lead,
  input: ContactInput,
  actorId: string,
  now: Date,
  config: AppConfig,
): CardResult => {
  const refused = refusedIfNotOwner(lead, actorId);
  if (refused) return { problems: refused };
  const problems: Problems = {};
  const at = input.at ?? now;
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS)
    problems.contact_at = 'A contact cannot be in the future.';
  else if (at.getTime() < now.getTime() - MAX_DAYS_BACK * DAY_MS) {
    problems.contact_at = `Log contacts within ${MAX_DAYS_BACK} days.`;
  }
  const person = config.roster.people.find((p) => p.id === (input.byId ?? actorId) && p.active);
  if (!person) problems.contact_by = 'Choose who contacted the customer.';
  if (!input.channel) problems.contact_channel = 'Choose how the contact happened.';
  const summary = input.summary.trim();
  if (summary.length < 3) problems.contact_summary = 'Say what was said or sent.';
  else if (summary.length > CONTACT_SUMMARY_MAX_LENGTH) {
    problems.contact_summary = `Keep it under ${CONTACT_SUMMARY_MAX_LENGTH} characters.`;
  }
  if (!input.waitingOn) problems.waiting_on = 'Say who is waiting on whom.';
  if (Object.keys(problems).length > 0 || !person || !input.channel || !input.waitingOn) return { problems };

  const remembered = remember(lead, input.submission);
  if (!remembered) return unchanged(lead, 'Already logged.');
  const contact: ContactLog = {
    at: (at.getTime() > now.getTime() ? now : at).toISOString(),
    by: personRef(person),
    channel: input.channel,
    summary,
    waitingOn: input.waitingOn,
    loggedAt: now.toISOString(),
  };
  const actor = { kind: 'person' as const, id: person.id, name: person.name };
  const waiting =
    contact.waitingOn === 'us' ? 'the customer is waiting on us' : 'we are waiting on the customer';
  const timeline = [
    ...remembered.timeline,
    timelineEvent(now, 'contact_logged', actor, `${summary} (${contact.channel}; ${waiting})`, {
      channel: contact.channel,
      waitingOn: contact.waitingOn,
      contactAt: contact.at,
    }),
  ];
  const followUps = [...(remembered.followUps ?? [])];
  const pending = pendingFollowUps(remembered).find((f) => f.opensAt <= contact.at);
  let notice = 'Contact logged.';
  const cancel: FollowUpTimer[] = [];
  if (pending) {
    const index = followUps.findIndex((f) => f.sequence === pending.sequence && f.n === pending.n);
    cancel.push(...timersOf([pending]));
    followUps[index] = { ...pending, state: 'logged', loggedAt: contact.at };
    const late = contact.at > pending.dueAt;
    const label = ofCount(pending, followUps);
    timeline.push(
      timelineEvent(
        now,
        'follow_up_logged',
        actor,
        `${label} logged${late ? ' late' : ''} (was due ${formatLocalDate(pending.dueAt, config.business.timezone)})`,
        { sequence: pending.sequence, n: pending.n, late, contactAt: contact.at },
      ),
    );
    notice = `Contact logged. ${label} logged.`;
  }
  const next: Lead = { ...remembered, lastContact: contact, followUps, timeline };
  const followUpAt = nextFollowUpAt(next);
  return {
    lead: { ...next, followUpAt },
    changed: true,
    schedule: [],
    cancel,
    notice,
  };
};

export interface StageInput {
  stage: Stage | undefined;
  /** The follow-up date (required for Estimate Sent and No Decision). */
  followUpAt: Date | undefined;
  submission?: string;
}

/**
 * Sets the status (locked names). Estimate Sent starts the SOP follow-up sequence (the owner may commit
 * to an earlier first follow-up, never a later one); No Decision schedules one follow-up at the date
 * given; any other status cancels the pending follow-ups; Closed Won/Lost close the lead.
 */
export const setStage = (
  lead: Lead,
  input: StageInput,
  actorId: string,
  now: Date,
  config: AppConfig,
): CardResult => {
  const refused = refusedIfNotOwner(lead, actorId);
  if (refused) return { problems: refused };
  const { business } = config;
  const stage = input.stage;
  if (!stage) return { problems: { stage: 'Choose a status.' } };
  const needsDate = stage === 'estimate_sent' || stage === 'no_decision';
  const problems: Problems = {};
  let sopFirstDue: Date | undefined;
  if (needsDate) {
    const date = input.followUpAt;
    if (!date) problems.follow_up_at = `${STAGE_LABELS[stage]} needs a follow-up date.`;
    else if (date.getTime() <= now.getTime())
      problems.follow_up_at = 'The follow-up date must be in the future.';
    else if (date.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
      problems.follow_up_at = `Choose a follow-up within ${MAX_DAYS_AHEAD} days.`;
    } else if (stage === 'estimate_sent') {
      sopFirstDue = firstEstimateFollowUpDue(now, business);
      if (date.getTime() > sopFirstDue.getTime()) {
        problems.follow_up_at = `The first follow-up of an estimate is due by ${formatLocalDate(
          sopFirstDue.toISOString(),
          business.timezone,
        )}: choose that time or earlier.`;
      }
    }
  }
  if (Object.keys(problems).length > 0) return { problems };
  if (stage === lead.stage && !needsDate) return unchanged(lead, `Status is already ${STAGE_LABELS[stage]}.`);
  const remembered = remember(lead, input.submission);
  if (!remembered) return unchanged(lead, 'Already saved.');

  const owner = remembered.owner as PersonRef;
  const actor = { kind: 'person' as const, id: owner.id, name: owner.name };
  const timeline = [
    ...remembered.timeline,
    timelineEvent(
      now,
      'status_changed',
      actor,
      `Status: ${STAGE_LABELS[remembered.stage]} → ${STAGE_LABELS[stage]}`,
      { from: remembered.stage, to: stage },
    ),
  ];
  // Whatever was pending belongs to the previous status: cancel it.
  const stillPending = pendingFollowUps(remembered);
  const cancel = timersOf(stillPending);
  let followUps = (remembered.followUps ?? []).map((f) =>
    stillPending.includes(f) ? { ...f, state: 'cancelled' as const } : f,
  );
  if (stillPending.length > 0) {
    timeline.push(
      timelineEvent(
        now,
        'follow_up_cancelled',
        actor,
        `${stillPending.length} pending follow-up(s) cancelled`,
        {
          count: stillPending.length,
        },
      ),
    );
  }
  let sequence = remembered.followUpSequence ?? 0;
  let schedule: FollowUpTimer[] = [];
  const tz = business.timezone;
  let notice = `Status set to ${STAGE_LABELS[stage]}.`;
  if (needsDate && input.followUpAt) {
    sequence += 1;
    const fresh =
      stage === 'estimate_sent'
        ? estimateFollowUps(
            now,
            business,
            sequence,
            sopFirstDue && input.followUpAt.getTime() < sopFirstDue.getTime() ? input.followUpAt : undefined,
          )
        : [noDecisionFollowUp(now, input.followUpAt, business, sequence)];
    // Keep the history of earlier sequences short: the current one and what was logged or missed before.
    followUps = [...followUps.filter((f) => f.state === 'logged' || f.state === 'missed'), ...fresh].slice(
      -12,
    );
    schedule = fresh.flatMap(timersFor);
    const dues = fresh.map((f) => formatLocalDate(f.dueAt, tz)).join('; ');
    timeline.push(
      timelineEvent(
        now,
        'follow_up_scheduled',
        actor,
        `Follow-up${fresh.length > 1 ? 's' : ''} due ${dues}`,
        {
          sequence,
          count: fresh.length,
        },
      ),
    );
    notice = `${notice} Follow-up${fresh.length > 1 ? 's' : ''} due ${dues}.`;
  }
  const closed = stage === 'closed_won' || stage === 'closed_lost';
  const next: Lead = {
    ...remembered,
    stage,
    stageChangedAt: now.toISOString(),
    status: closed ? 'closed' : remembered.status,
    followUps,
    followUpSequence: sequence,
    ...(stage === 'estimate_sent' ? { estimateSentAt: now.toISOString() } : {}),
    timeline,
  };
  return { lead: { ...next, followUpAt: nextFollowUpAt(next) }, changed: true, schedule, cancel, notice };
};

export interface NextActionInput {
  action: string;
  dueAt: Date | undefined;
  submission?: string;
}

/** Sets the next action (specific, per the next-action rule) and when it is due. */
export const setNextAction = (
  lead: Lead,
  input: NextActionInput,
  actorId: string,
  now: Date,
  config: AppConfig,
): CardResult => {
  const refused = refusedIfNotOwner(lead, actorId);
  if (refused) return { problems: refused };
  const problems: Problems = {};
  const check = checkNextAction(input.action);
  if (!check.ok) problems.next_action = check.message;
  else if (check.action.length > NEXT_ACTION_MAX_LENGTH) {
    problems.next_action = `Keep the next action under ${NEXT_ACTION_MAX_LENGTH} characters.`;
  }
  if (!input.dueAt) problems.next_action_due = 'Say when the next action is due.';
  else if (input.dueAt.getTime() <= now.getTime())
    problems.next_action_due = 'The due time must be in the future.';
  else if (input.dueAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
    problems.next_action_due = `Choose a due time within ${MAX_DAYS_AHEAD} days.`;
  }
  if (Object.keys(problems).length > 0 || !check.ok || !input.dueAt) return { problems };
  const remembered = remember(lead, input.submission);
  if (!remembered) return unchanged(lead, 'Already saved.');
  const owner = remembered.owner as PersonRef;
  const due = input.dueAt.toISOString();
  const when = formatLocalDate(due, config.business.timezone);
  return {
    lead: {
      ...remembered,
      nextAction: check.action,
      nextActionDueAt: due,
      timeline: [
        ...remembered.timeline,
        timelineEvent(
          now,
          'next_action_set',
          { kind: 'person', id: owner.id, name: owner.name },
          `Next action: ${check.action} (due ${when})`,
          { dueAt: due },
        ),
      ],
    },
    changed: true,
    schedule: [],
    cancel: [],
    notice: `Next action set, due ${when}.`,
  };
};

/** What a follow-up timer asks the caller to do after the write. */
export type FollowUpEffect =
  | { kind: 'none' }
  | { kind: 'remind'; followUp: FollowUp; owner: PersonRef }
  | { kind: 'missed'; followUp: FollowUp; escalateTo: PersonRef | undefined };

/**
 * A follow-up timer fired. `remind`: the owner is reminded; `due`: a
 * follow-up still not logged is missed and goes to the operations lead. A timer for a follow-up that was
 * logged, cancelled or already handled changes nothing (timers may fire twice or late).
 */
export const onFollowUpTimer = (
  lead: Lead,
  ref: FollowUpRef,
  step: FollowUpStep,
  now: Date,
  escalateTo: PersonRef | undefined,
  config: AppConfig,
): { lead: Lead; changed: boolean; effect: FollowUpEffect } => {
  const none = { lead, changed: false, effect: { kind: 'none' as const } };
  const index = (lead.followUps ?? []).findIndex((f) => f.sequence === ref.sequence && f.n === ref.n);
  const followUp = lead.followUps?.[index];
  if (!followUp || lead.status !== 'accepted' || !lead.owner) return none;
  const tz = config.business.timezone;
  const label = ofCount(followUp, lead.followUps ?? []);
  const followUps = [...(lead.followUps ?? [])];
  if (step === 'remind') {
    if (followUp.state !== 'scheduled') return none;
    const reminded: FollowUp = { ...followUp, state: 'reminded' };
    followUps[index] = reminded;
    return {
      lead: {
        ...lead,
        followUps,
        timeline: [
          ...lead.timeline,
          timelineEvent(
            now,
            'follow_up_due',
            SYSTEM,
            `${label} due ${formatLocalDate(followUp.dueAt, tz)}: ${lead.owner.name} reminded`,
            { sequence: ref.sequence, n: ref.n },
          ),
        ],
      },
      changed: true,
      effect: { kind: 'remind', followUp: reminded, owner: lead.owner },
    };
  }
  // A due check that finds the follow-up still scheduled means its reminder was lost: it is missed too.
  if (followUp.state !== 'scheduled' && followUp.state !== 'reminded') return none;
  if (Date.parse(followUp.dueAt) > now.getTime()) return none;
  const missed: FollowUp = {
    ...followUp,
    state: 'missed',
    missedAt: now.toISOString(),
    ...(escalateTo ? { escalatedTo: escalateTo } : {}),
  };
  followUps[index] = missed;
  const to = escalateTo ? `; ${escalateTo.name} (operations) told` : '; no operations lead on the roster';
  return {
    lead: {
      ...lead,
      followUps,
      timeline: [
        ...lead.timeline,
        timelineEvent(
          now,
          'follow_up_missed',
          SYSTEM,
          `${label} not logged by ${formatLocalDate(followUp.dueAt, tz)}${to}`,
          { sequence: ref.sequence, n: ref.n, ...(escalateTo ? { escalatedTo: escalateTo.id } : {}) },
        ),
      ],
    },
    changed: true,
    effect: { kind: 'missed', followUp: missed, escalateTo },
  };
};

/** The operations lead a missed follow-up and the end-of-day review go to (then office manager, owner). */
export const operationsLead = (config: AppConfig): PersonRef | undefined => {
  for (const role of ['operations', 'office_manager', 'business_owner'] as const) {
    const person = config.roster.people.find((p) => p.role === role && p.active);
    if (person) return personRef(person);
  }
  return undefined;
};
