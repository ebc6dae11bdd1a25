/**
 * What a notification is, apart from sending it: its dedupe key, whether it is still worth sending as
 * the lead stands now, how timelines and failure records name it, and the retry that sends it again.
 */
import type { Person } from '../domain/config';
import type { Handoff, Lead } from '../domain/lead';
import { notificationKey } from '../domain/lead';
import { channelLabel, describePerson, NOTIFICATION_LABELS } from '../domain/wording';
import type { NotifyMessage } from '../ports';
import { closeLoopWanted } from './close-loop-messages';

/** How a channel is written in timelines (`SMS`, `Email`): the label in `wording.ts`. */
export { channelLabel };

/** What each purpose is called in timelines and failure records: the labels in `wording.ts`. */
export const WHAT = NOTIFICATION_LABELS;

/** The dedupe key of a message: the customer's acknowledgement is one per lead, whatever the step. */
export const keyOf = (message: NotifyMessage): string =>
  notificationKey(
    message.purpose === 'acknowledgement' ? 0 : message.seq,
    message.recipientId,
    message.channel,
    message.purpose,
    message.followUp,
    message.idleRound,
  );

/** A roster person as timelines name them (`describePerson`), or `fallback`. */
export const describe = (person: Person | undefined, fallback: string) =>
  person ? describePerson(person) : fallback;

/** The failed-handoff retry that sends this message again. */
export const retryOf = (message: NotifyMessage) => {
  const { leadId, seq, recipientId, channel, purpose, followUp, idleRound } = message;
  return {
    type: 'notify' as const,
    leadId,
    seq,
    recipientId,
    channel,
    purpose,
    ...(followUp ? { followUp } : {}),
    ...(idleRound !== undefined ? { idleRound } : {}),
  };
};

/** Whether the message is still worth sending as the lead stands now. */
export const stillWanted = (message: NotifyMessage, lead: Lead, handoff: Handoff): boolean => {
  switch (message.purpose) {
    case 'moved':
      return true;
    case 'handoff':
      return (
        handoff.seq === message.seq &&
        handoff.state === 'awaiting_acceptance' &&
        handoff.to.id === message.recipientId
      );
    case 'acknowledgement':
      return lead.status !== 'closed' && lead.consent?.sms === true && lead.phone !== undefined;
    case 'follow_up':
    case 'follow_up_missed': {
      const followUp = lead.followUps?.find(
        (f) => f.sequence === message.followUp?.sequence && f.n === message.followUp?.n,
      );
      if (!followUp || lead.status !== 'accepted') return false;
      return message.purpose === 'follow_up'
        ? followUp.state === 'reminded' && lead.owner?.id === message.recipientId
        : followUp.state === 'missed' && followUp.escalatedTo?.id === message.recipientId;
    }
    case 'taken':
    case 'idle_reminder':
    case 'idle_escalation':
      return closeLoopWanted({ ...message, purpose: message.purpose }, lead);
  }
};
