/**
 * Closing a lead from the board (docs/product-rules.md §7, §8) with its outcome: booked, lost (with a
 * reason), duplicate or spam. The status becomes one of the locked names (booked → Closed Won, any other
 * outcome → Closed Lost) and the outcome is kept on the lead (`closure`), so reports can tell a lost job
 * from spam. Nothing stays due on a closed lead: pending follow-ups are cancelled (their timers listed for
 * deletion) and an open handoff is superseded (its acceptance timer, when it fires, changes nothing).
 *
 * Pure: takes the lead as read; the caller writes it with a conditional write.
 */
import type { BusinessSettings } from './config';
import { type FollowUpTimer, restartFollowUps } from './follow-ups';
import { type CloseOutcome, type Lead, type PersonRef, STAGE_LABELS, type Stage } from './lead';
import { timelineEvent } from './timeline';
import { describePerson } from './wording';

/** Each outcome as people read it. */
export const CLOSE_OUTCOME_LABELS: Readonly<Record<CloseOutcome, string>> = {
  booked: 'Booked',
  lost: 'Lost',
  duplicate: 'Duplicate',
  spam: 'Spam',
};

/** The longest close reason taken. */
export const CLOSE_REASON_MAX_LENGTH = 500;
/** A lost lead's reason needs at least this many characters ("price" is enough; "x" is not). */
const MIN_LOST_REASON_LENGTH = 3;

export interface CloseInput {
  /** Undefined when the form named none (or an unknown one). */
  outcome: CloseOutcome | undefined;
  reason: string;
}

export type CloseResult =
  | {
      lead: Lead;
      /** Follow-up timers still to fire, to delete. */
      cancel: FollowUpTimer[];
      /** The handoff whose acceptance timer is still pending, to delete. */
      supersededSeq?: number;
    }
  | { problems: Record<string, string> };

/** The locked status an outcome ends in. */
export const closedStage = (outcome: CloseOutcome): Stage =>
  outcome === 'booked' ? 'closed_won' : 'closed_lost';

/** Closes `lead` with `input`, `by` acting; problems by form field when the input is not enough. */
export const closeLead = (
  lead: Lead,
  input: CloseInput,
  by: PersonRef,
  now: Date,
  business: BusinessSettings,
): CloseResult => {
  if (lead.status === 'closed') return { problems: { form: 'This lead is already closed.' } };
  const problems: Record<string, string> = {};
  const reason = input.reason.trim();
  if (!input.outcome) problems.outcome = 'Choose how the lead ends: booked, lost, duplicate or spam.';
  if (reason.length > CLOSE_REASON_MAX_LENGTH) {
    problems.reason = `Keep the reason under ${CLOSE_REASON_MAX_LENGTH} characters.`;
  } else if (input.outcome === 'lost' && reason.length < MIN_LOST_REASON_LENGTH) {
    problems.reason = 'Say why the lead was lost, e.g. "went with another company on price".';
  }
  if (!input.outcome || Object.keys(problems).length > 0) return { problems };

  const at = now.toISOString();
  const actor = { kind: 'person' as const, id: by.id, name: by.name };
  const stage = closedStage(input.outcome);
  const stopped = restartFollowUps(lead, undefined, actor, now, business);
  const handoff = lead.handoff;
  const open = handoff?.state === 'awaiting_acceptance' ? handoff : undefined;
  const why = reason ? `: ${reason}` : '';
  const summary = `Closed as ${CLOSE_OUTCOME_LABELS[input.outcome].toLowerCase()} by ${describePerson(by)}${why} (${STAGE_LABELS[lead.stage]} → ${STAGE_LABELS[stage]})`;
  const { followUpAt: _none, ...rest } = lead;
  return {
    lead: {
      ...rest,
      status: 'closed',
      stage,
      stageChangedAt: at,
      closure: { outcome: input.outcome, ...(reason ? { reason } : {}), at, by },
      ...(lead.followUps ? { followUps: stopped.followUps } : {}),
      ...(handoff ? { handoff: open ? { ...open, state: 'superseded', resolvedAt: at } : handoff } : {}),
      timeline: [
        ...lead.timeline,
        ...stopped.events,
        timelineEvent(now, 'status_changed', actor, summary, { from: lead.stage, to: stage }),
      ],
    },
    cancel: stopped.cancel,
    ...(open ? { supersededSeq: open.seq } : {}),
  };
};
