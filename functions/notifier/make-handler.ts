/** SQS consumer of both notification lanes (`notify-urgent`, `notify-standard`): one message, one send. */
import { notifyMessageSchema } from '../../shared/app/message-schemas';
import type { NotificationService } from '../../shared/app/notification-service';
import { sqsConsumer } from '../../shared/sqs-consumer';

export interface NotifierDeps {
  notifications: NotificationService;
}

export const makeHandler = ({ notifications }: NotifierDeps) =>
  sqsConsumer(notifyMessageSchema, (message, delivery) => notifications.notify(message, delivery));
