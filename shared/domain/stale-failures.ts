/**
 * Failed handoffs whose cause has gone (docs/product-rules.md §9): the failed list shows only live
 * problems. A record stays open while retrying it could still matter; once the lead moved past it (the
 * lead was accepted or closed, the handoff moved on, the follow-up or next action it was about was
 * logged or replaced), it resolves itself with the reason. Retries that succeed close their own record
 * already (`FailureService.resolveIfOpen`).
 */
import type { FailedHandoff } from './failures';
import type { Lead } from './lead';

const NO_LONGER_NEEDED = 'no longer needed';

/** Why the handoff step `seq` no longer waits: it was accepted, or it moved on. */
const handoffGone = (lead: Lead, seq: number): string | undefined => {
  const handoff = lead.handoff;
  if (handoff && handoff.seq === seq && handoff.state === 'awaiting_acceptance') return undefined;
  return lead.status === 'accepted' && handoff?.state === 'accepted'
    ? `${NO_LONGER_NEEDED}: the lead was accepted`
    : `${NO_LONGER_NEEDED}: the handoff moved on`;
};

/** Why a follow-up's reminder, notice or timer no longer matters, or undefined while it is pending. */
const followUpGone = (lead: Lead, ref: { sequence: number; n: number } | undefined): string | undefined => {
  const followUp = lead.followUps?.find((f) => f.sequence === ref?.sequence && f.n === ref?.n);
  if (lead.status !== 'accepted') return `${NO_LONGER_NEEDED}: the lead is no longer with its owner`;
  if (!followUp || followUp.state === 'logged' || followUp.state === 'cancelled') {
    return `${NO_LONGER_NEEDED}: the follow-up was logged or cancelled`;
  }
  return undefined;
};

/** Why an idle next-action message no longer matters, or undefined while its check is still live. */
const idleGone = (lead: Lead, round: number | undefined): string | undefined => {
  const check = lead.idleCheck;
  if (lead.status !== 'accepted') return `${NO_LONGER_NEEDED}: the lead is no longer with its owner`;
  if (!check || check.round !== round || check.state === 'cancelled') {
    return `${NO_LONGER_NEEDED}: a contact or a new next action was logged`;
  }
  return undefined;
};

/**
 * Why the open record `failure` no longer stands for a live problem of `lead`, or undefined while it
 * does. A closed lead ends them all; otherwise it depends on what failed. A "taken by" message stays
 * live until the lead closes (the person it was for may still act on the lead).
 */
export const staleReason = (failure: FailedHandoff, lead: Lead): string | undefined => {
  if (lead.status === 'closed') return `${NO_LONGER_NEEDED}: the lead was closed`;
  const retry = failure.retry;
  switch (retry.type) {
    case 'dispatch':
    case 'deadline':
    case 'restart_ladder':
      return handoffGone(lead, failure.seq);
    case 'follow_up':
      return followUpGone(lead, retry);
    case 'notify':
      switch (retry.purpose) {
        case 'handoff':
          return handoffGone(lead, retry.seq);
        case 'moved':
          // Whoever missed the "moved" note gets the "taken by" once someone accepts.
          return lead.status === 'accepted' && (lead.handoff?.seq ?? 0) >= retry.seq
            ? `${NO_LONGER_NEEDED}: the lead was accepted`
            : undefined;
        case 'acknowledgement':
          return lead.lastContact ? `${NO_LONGER_NEEDED}: the customer was contacted` : undefined;
        case 'follow_up':
        case 'follow_up_missed':
          return followUpGone(lead, retry.followUp);
        case 'idle_reminder':
        case 'idle_escalation':
          return idleGone(lead, retry.idleRound);
        case 'taken':
          return undefined;
      }
      return undefined;
    default:
      // Anything else (a record not about a lead's pipeline) stays until a person or its retry closes it.
      return undefined;
  }
};
