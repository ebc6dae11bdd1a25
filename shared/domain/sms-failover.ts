/**
 * A handoff request's SMS that did not reach its recipient (docs/product-rules.md §12): the send failed
 * for good (opted out, not a valid number) or the carrier reported it undelivered. If the handoff still
 * waits on that person, it falls over at once instead of waiting for its acceptance deadline: to their
 * email when they have one that this step has not used, else to the next step of the ladder. Pure, like
 * the deadline's escalation it mirrors (`DeadlineService.onDeadline`).
 */
import { earliestStart, holdIfLater } from './after-hours';
import type { AppConfig, Person } from './config';
import { nextEscalation } from './escalation';
import type { Lead } from './lead';
import { notificationKey } from './notification-state';
import type { OwnerLoad } from './pick-person';
import { channelsOf } from './roster';
import { escalateHandoff, isUnowned, triedRecipients } from './transitions';
import { describePerson } from './wording';

/** The handoff step and the person whose SMS failed. */
export interface FailedSms {
  seq: number;
  recipientId: string;
}

/** Whether the lead's handoff is still step `seq`, started, and waiting on the person the SMS was for. */
export const stillAwaits = (lead: Lead, failed: FailedSms): boolean => {
  const handoff = lead.handoff;
  return (
    handoff !== undefined &&
    handoff.seq === failed.seq &&
    handoff.state === 'awaiting_acceptance' &&
    handoff.startsAt === undefined &&
    handoff.to.id === failed.recipientId &&
    !isUnowned(lead)
  );
};

/**
 * Where the handoff goes now: `email` when the person has an email address this step has not used (not
 * among the channels it was sent on, and no email of the step recorded), else `next_step`.
 */
export const failoverRoute = (
  lead: Lead,
  failed: FailedSms,
  person: Person | undefined,
): 'email' | 'next_step' => {
  if (!person?.email || channelsOf(person).includes('email')) return 'next_step';
  const emailed = lead.notifications?.[notificationKey(failed.seq, failed.recipientId, 'email', 'handoff')];
  return emailed === undefined ? 'email' : 'next_step';
};

/** Why the handoff moved on, as the timeline's escalation line starts: "SMS to … not delivered (…)". */
export const smsFailureCause = (lead: Lead, why: string): string =>
  `SMS to ${lead.handoff ? describePerson(lead.handoff.to) : 'the recipient'} not delivered (${why})`;

/**
 * The lead handed to the next person of its ladder now, with `cause` on the timeline; undefined when
 * the handoff no longer waits on that person, or the ladder has nobody else (a re-notification would
 * text the same number again: that is left to the acceptance deadline). A non-urgent step is decided as
 * of when it may start and held until then, as the deadline does.
 */
export const handToNextStep = (input: {
  lead: Lead;
  failed: FailedSms;
  config: AppConfig;
  loads: ReadonlyMap<string, OwnerLoad>;
  now: Date;
  why: string;
}): Lead | undefined => {
  const { lead, failed, config, loads, now, why } = input;
  const handoff = lead.handoff;
  if (!handoff || !stillAwaits(lead, failed)) return undefined;
  const start = earliestStart(lead.urgency, config.business, now);
  const step = nextEscalation({
    lead,
    handoff,
    config,
    loads,
    triedIds: triedRecipients(lead),
    now: start,
    cause: smsFailureCause(lead, why),
  });
  if (step.kind !== 'escalate') return undefined;
  return holdIfLater(escalateHandoff(lead, step, now, config.business.timezone), start, config.business, now);
};
