/**
 * The messages that close the loop (docs/product-rules.md §5): "taken by" to the others of an accepted
 * chain, and the idle next-action reminder and notice. Whether each is still worth sending as the lead
 * stands now, and what it says; `notification-rules.ts` and `notification-content.ts` hand these
 * purposes over to here.
 */
import type { AppConfig } from '../domain/config';
import { idleEscalationNotice, idleReminder } from '../domain/idle-messages';
import type { Lead } from '../domain/lead';
import type { EmailText } from '../domain/messages';
import { acceptanceOf, takenByEmail, takenByOnOtherChannel, takenBySms } from '../domain/taken-by';
import { TransientError } from '../errors';
import type { NotifyMessage } from '../ports';

/** The purposes handled here. */
export type CloseLoopPurpose = 'taken' | 'idle_reminder' | 'idle_escalation';

/**
 * Whether the message is still wanted: a "taken by" while handoff `seq` stays accepted by someone else
 * than the recipient (and they have not had it on another channel); an idle message while its check is
 * at (or past) its step for that round and the recipient is who it was for.
 */
export const closeLoopWanted = (
  message: NotifyMessage & { purpose: CloseLoopPurpose },
  lead: Lead,
): boolean => {
  if (message.purpose === 'taken') {
    const acceptor = acceptanceOf(lead, message.seq);
    return (
      acceptor !== undefined &&
      acceptor.id !== message.recipientId &&
      !takenByOnOtherChannel(lead, message.seq, message.recipientId, message.channel)
    );
  }
  const check = lead.idleCheck;
  if (!check || check.round !== message.idleRound || lead.status !== 'accepted') return false;
  return message.purpose === 'idle_reminder'
    ? (check.state === 'reminded' || check.state === 'escalated') && lead.owner?.id === message.recipientId
    : check.state === 'escalated' && check.escalatedTo?.id === message.recipientId;
};

/** What the message says; `link` issues the owner's lead card link, or a read-only review link. */
export const closeLoopContent = async (
  message: NotifyMessage & { purpose: CloseLoopPurpose },
  lead: Lead,
  config: AppConfig,
  link: (purpose?: 'review') => Promise<string>,
): Promise<{ sms: string; email: EmailText }> => {
  const { business } = config;
  if (message.purpose === 'taken') {
    const acceptor = acceptanceOf(lead, message.seq);
    if (!acceptor) throw new TransientError('The handoff has no acceptance to report');
    const input = {
      lead,
      businessName: business.name,
      takenBy: acceptor.name,
      at: acceptor.at,
      timeZone: business.timezone,
    };
    return { sms: takenBySms(input), email: takenByEmail(input) };
  }
  const check = lead.idleCheck;
  if (!check) throw new TransientError('Idle check not found on the lead');
  return message.purpose === 'idle_reminder'
    ? idleReminder(lead, check, await link(), business)
    : idleEscalationNotice(lead, check, await link('review'), business);
};

/** Whether a message is one of these purposes (narrowing it). */
export const isCloseLoop = (
  message: NotifyMessage,
): message is NotifyMessage & { purpose: CloseLoopPurpose } =>
  message.purpose === 'taken' || message.purpose === 'idle_reminder' || message.purpose === 'idle_escalation';
