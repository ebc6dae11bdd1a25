/**
 * SQS consumer of the topic AWS End User Messaging SMS publishes to (→ SNS → SQS): texts sent to the
 * origination number, and the delivery reports of our own SMS. One record, one text or report, with
 * partial batch failures, so a failing record is retried alone and finally dead-lettered.
 */
import type { InboundSmsService } from '../../shared/app/inbound-sms-service';
import type { SmsDeliveryService } from '../../shared/app/sms-delivery-service';
import { sqsConsumer } from '../../shared/sqs-consumer';
import { smsTopicRecordSchema } from './payload';

export interface SmsInboundDeps {
  inbound: Pick<InboundSmsService, 'receive'>;
  deliveries: Pick<SmsDeliveryService, 'onEvent'>;
}

export const makeHandler = ({ inbound, deliveries }: SmsInboundDeps) =>
  sqsConsumer(smsTopicRecordSchema, (message) =>
    message.kind === 'inbound' ? inbound.receive(message.sms) : deliveries.onEvent(message.event),
  );
