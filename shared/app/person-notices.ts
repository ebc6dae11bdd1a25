/**
 * Queues one notice about a lead's current handoff to every channel of a roster person: what the
 * follow-up and idle next-action timers send (the notifier dedupes each per channel and round).
 */
import type { Lead, PersonRef } from '../domain/lead';
import { channelsOf, personById } from '../domain/roster';
import type { NotifyMessage } from '../ports';
import type { QueueName } from '../settings';
import type { PipelineDeps } from './deps';

/** What tells this notice from the others of its purpose: the follow-up, or the idle check's round. */
export type NoticeRef = Pick<NotifyMessage, 'followUp' | 'idleRound'>;

/** Queues the notice on `lane`; nothing when the person left the roster or the lead has no handoff. */
export const queuePersonNotices = async (
  deps: Pick<PipelineDeps, 'config' | 'queue'>,
  notice: { lead: Lead; to: PersonRef; purpose: NotifyMessage['purpose']; ref: NoticeRef; lane: QueueName },
): Promise<void> => {
  const { lead, to, purpose, ref, lane } = notice;
  const config = await deps.config.load();
  const person = personById(config, to.id);
  const seq = lead.handoff?.seq;
  if (!person || seq === undefined) return;
  const messages: NotifyMessage[] = channelsOf(person).map((channel) => ({
    type: 'notify',
    leadId: lead.id,
    seq,
    recipientId: person.id,
    channel,
    purpose,
    ...ref,
  }));
  if (messages.length > 0) await deps.queue.send(lane, messages);
};
