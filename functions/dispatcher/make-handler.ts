/** SQS `dispatch` queue consumer: creates each handoff's timer and queues its notifications. */
import type { DispatchService } from '../../shared/app/dispatch-service';
import { dispatchMessageSchema } from '../../shared/app/message-schemas';
import { sqsConsumer } from '../../shared/sqs-consumer';

export interface DispatcherDeps {
  dispatch: DispatchService;
}

export const makeHandler = ({ dispatch }: DispatcherDeps) =>
  sqsConsumer(dispatchMessageSchema, (message, { attempt }) =>
    dispatch.dispatch(message.leadId, message.seq, {
      attempt,
      ...(message.retryOf ? { retryOf: message.retryOf } : {}),
    }),
  );
