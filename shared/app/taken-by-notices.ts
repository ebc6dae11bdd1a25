/**
 * Queues the "taken by" messages of an accepted handoff (docs/product-rules.md §5): one per other person
 * messaged for its chain (`takenByRecipients`), on the lane of the lead's ladder. Queuing again (a
 * repeated accept) is harmless: the notifier sends each message once.
 */
import type { AppConfig } from '../domain/config';
import { messageLane } from '../domain/lanes';
import type { Lead } from '../domain/lead';
import { takenByRecipients } from '../domain/taken-by';
import { logger } from '../observability';
import type { NotifyMessage, WorkQueue } from '../ports';
import { NOTIFY_QUEUES } from '../settings';

/**
 * Queues them; a queue that fails is logged, not thrown (the acceptance stands, and accepting again
 * queues them again). Returns how many were queued.
 */
export const queueTakenBy = async (
  queue: WorkQueue,
  lead: Lead,
  seq: number,
  config: AppConfig,
): Promise<number> => {
  const messages: NotifyMessage[] = takenByRecipients(lead, seq, config).map(({ recipientId, channel }) => ({
    type: 'notify',
    leadId: lead.id,
    seq,
    recipientId,
    channel,
    purpose: 'taken',
  }));
  if (messages.length === 0) return 0;
  try {
    await queue.send(NOTIFY_QUEUES[messageLane('taken', lead.handoff)], messages);
    return messages.length;
  } catch (error) {
    logger.error('"Taken by" messages not queued; accepting again queues them', {
      leadId: lead.id,
      seq,
      error: error as Error,
    });
    return 0;
  }
};
