/**
 * SQS `dispatch` queue consumer: creates each handoff's timer and queues its notifications; and falls a
 * handoff over whose SMS did not reach its recipient (docs/product-rules.md §12).
 */
import type { SmsFailovers } from '../../shared/app/collaborators';
import type { DispatchService } from '../../shared/app/dispatch-service';
import { dispatchQueueMessageSchema } from '../../shared/app/message-schemas';
import { sqsConsumer } from '../../shared/sqs-consumer';

export interface DispatcherDeps {
  dispatch: Pick<DispatchService, 'dispatch'>;
  failover: SmsFailovers;
}

export const makeHandler = ({ dispatch, failover }: DispatcherDeps) =>
  sqsConsumer(dispatchQueueMessageSchema, (message, { attempt }) => {
    if (message.type === 'sms_failover') {
      const { leadId, seq, recipientId, why } = message;
      return failover.afterSmsFailure({ leadId, seq, recipientId }, why);
    }
    return dispatch.dispatch(message.leadId, message.seq, {
      attempt,
      ...(message.retryOf ? { retryOf: message.retryOf } : {}),
    });
  });
