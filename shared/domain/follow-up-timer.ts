/**
 * What a follow-up timer does when it fires (the sequence and its timers are in `follow-ups.ts`): the
 * reminder tells the owner; the due check marks a follow-up still not logged as missed and tells the
 * operations lead. A timer for a follow-up that was logged, cancelled or already handled changes nothing
 * (timers may fire twice or late). Pure: the caller writes the lead and sends what the effect says.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import { type FollowUpStep, followUpLabel } from './follow-ups';
import type { FollowUp, FollowUpRef, Lead, PersonRef } from './lead';
import { SYSTEM, timelineEvent } from './timeline';
import { describePerson } from './wording';

/** The next timer moment of the lead's follow-ups (a reminder, or a due check), or undefined. */
export const nextFollowUpEvent = (
  lead: Pick<Lead, 'followUps'>,
): { followUp: FollowUp; step: FollowUpStep; at: string } | undefined => {
  const events = (lead.followUps ?? []).flatMap(
    (f): { followUp: FollowUp; step: FollowUpStep; at: string }[] => {
      if (f.state === 'scheduled') return [{ followUp: f, step: 'remind', at: f.remindAt }];
      if (f.state === 'reminded') return [{ followUp: f, step: 'due', at: f.dueAt }];
      return [];
    },
  );
  return events.sort((a, b) => a.at.localeCompare(b.at))[0];
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
  const label = followUpLabel(followUp, lead.followUps ?? []);
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
  const to = escalateTo ? `; ${describePerson(escalateTo)} told` : '; no operations lead on the roster';
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
