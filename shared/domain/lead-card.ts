/**
 * The lead card's actions after acceptance: log a contact, set the status (locked names), set the next
 * action and its due time. What these do to the follow-up sequence is `follow-ups.ts`.
 *
 * Pure: each takes the lead as read and returns the next state with the follow-up timers to create or
 * delete, or the problems by form field (nothing changes then). The caller writes it with a conditional
 * write.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import {
  type FollowUpTimer,
  firstEstimateFollowUpDue,
  logFollowUpWith,
  nextFollowUpAt,
  restartFollowUps,
} from './follow-ups';
import {
  type ContactChannel,
  type ContactLog,
  type Lead,
  type PersonRef,
  STAGE_LABELS,
  type Stage,
  type WaitingOn,
} from './lead';
import { changeNextAction, MAX_DAYS_AHEAD, type NextActionInput } from './next-action-change';
import { personRef } from './routing';
import { timelineEvent } from './timeline';
import { CONTACT_CHANNEL_LABELS, DAY_MS, MINUTE_MS, midSentence, WAITING_ON_LABELS } from './wording';

/** The longest contact summary the card takes. */
export const CONTACT_SUMMARY_MAX_LENGTH = 500;
export { MAX_DAYS_AHEAD, NEXT_ACTION_MAX_LENGTH, type NextActionInput } from './next-action-change';
/** A contact may be logged this long after it happened, not longer. */
export const MAX_DAYS_BACK = 30;
/** How many recent form submissions a lead remembers (double posts are applied once). */
export const SUBMISSIONS_KEPT = 20;

/** Clock skew allowed for a contact time "now" typed on a phone. */
const FUTURE_SLACK_MS = 5 * MINUTE_MS;

/** Problems by form field name; non-empty means nothing changed. */
export type Problems = Record<string, string>;

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
 * Logs a contact with the customer (the last contact of docs/product-rules.md seed 003). The earliest pending follow-up whose
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
  const how = `${midSentence(CONTACT_CHANNEL_LABELS[contact.channel])}; ${midSentence(WAITING_ON_LABELS[contact.waitingOn])}`;
  const timeline = [
    ...remembered.timeline,
    timelineEvent(now, 'contact_logged', actor, `${summary} (${how})`, {
      channel: contact.channel,
      waitingOn: contact.waitingOn,
      contactAt: contact.at,
    }),
  ];
  const logged = logFollowUpWith(remembered, contact.at, actor, now, config.business.timezone);
  if (logged.event) timeline.push(logged.event);
  const { followUps, cancel } = logged;
  const notice = logged.label ? `Contact logged. ${logged.label} logged.` : 'Contact logged.';
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
  const date = needsDate ? input.followUpAt : undefined;
  const earlier = sopFirstDue && date && date.getTime() < sopFirstDue.getTime() ? date : undefined;
  const restarted = restartFollowUps(
    remembered,
    !date
      ? undefined
      : stage === 'estimate_sent'
        ? { kind: 'estimate', firstDueAt: earlier }
        : { kind: 'no_decision', dueAt: date },
    actor,
    now,
    business,
  );
  timeline.push(...restarted.events);
  const { followUps, sequence, schedule, cancel } = restarted;
  const status = `Status set to ${STAGE_LABELS[stage]}.`;
  const notice = restarted.scheduled ? `${status} ${restarted.scheduled}.` : status;
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

/** Sets the next action (specific, per the next-action rule) and when it is due: the owner's card form. */
export const setNextAction = (
  lead: Lead,
  input: NextActionInput,
  actorId: string,
  now: Date,
  config: AppConfig,
): CardResult => {
  const refused = refusedIfNotOwner(lead, actorId);
  if (refused) return { problems: refused };
  const change = changeNextAction(lead, input, lead.owner as PersonRef, now, config);
  if ('problems' in change) return change;
  const remembered = remember(change.lead, input.submission);
  if (!remembered) return unchanged(lead, 'Already saved.');
  return { lead: remembered, changed: true, schedule: [], cancel: [], notice: change.notice };
};
