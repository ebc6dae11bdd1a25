/**
 * SQS consumer of both notification lanes (`notify-urgent`, `notify-standard`): one message, one send —
 * a lead's notification, or a board sign-in link.
 */
import { notifierMessageSchema } from '../../shared/app/message-schemas';
import type { NotificationService } from '../../shared/app/notification-service';
import type { SignInSender } from '../../shared/app/sign-in-sender';
import { sqsConsumer } from '../../shared/sqs-consumer';

export interface NotifierDeps {
  notifications: NotificationService;
  signInLinks: SignInSender;
}

export const makeHandler = ({ notifications, signInLinks }: NotifierDeps) =>
  sqsConsumer(notifierMessageSchema, (message, delivery) =>
    message.type === 'sign_in' ? signInLinks.send(message) : notifications.notify(message, delivery),
  );
