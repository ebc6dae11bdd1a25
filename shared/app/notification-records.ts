/**
 * Writing what became of a notification on its lead (`recordDelivery`): its delivery record and its
 * timeline entry, in one conditional write.
 */
import { recordDelivery } from '../domain/notification-delivery';
import type { NotificationFacts } from '../domain/timeline';
import { TransientError } from '../errors';
import { logger } from '../observability';
import type { Clock, LeadStore } from '../ports';
import { mutateLead } from './lead-writes';

/** Attempts at recording a delivery that already happened: giving up there could mean a second message. */
const RECORD_ATTEMPTS = 10;

type Deps = { store: LeadStore; clock: Clock };

/** Records the outcome (sent with its message id, or failed with a reason) and its timeline entry. */
export const recordOutcome = async (
  { store, clock }: Deps,
  leadId: string,
  key: string,
  outcome: { sent: true; messageId: string } | { sent: false; reason: string },
  summary: string,
  facts: NotificationFacts,
  type?: 'notification_sent' | 'acknowledgement_sent',
): Promise<void> => {
  const data = outcome.sent ? facts : { ...facts, reason: outcome.reason };
  await mutateLead(
    store,
    leadId,
    (current) => recordDelivery(current, key, outcome, summary, data, clock.now(), type),
    () => clock.now(),
  );
};

/** The message went out: recording it must not give up easily, or a retry would send it again. */
export const recordDelivered = async (
  deps: Deps,
  leadId: string,
  key: string,
  messageId: string,
  summary: string,
  facts: NotificationFacts,
  type: 'notification_sent' | 'acknowledgement_sent',
): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await recordOutcome(deps, leadId, key, { sent: true, messageId }, summary, facts, type);
      return;
    } catch (error) {
      if (!(error instanceof TransientError) || attempt >= RECORD_ATTEMPTS) {
        logger.error('Delivered notification not recorded', { leadId, key, error: error as Error });
        return;
      }
    }
  }
};
