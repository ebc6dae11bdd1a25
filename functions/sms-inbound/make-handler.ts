/**
 * SQS consumer of inbound SMS (AWS End User Messaging two-way → SNS → SQS): one record, one text, with
 * partial batch failures, so a failing record is retried alone and finally dead-lettered.
 */
import type { InboundSmsService } from '../../shared/app/inbound-sms-service';
import { sqsConsumer } from '../../shared/sqs-consumer';
import { inboundSmsRecordSchema } from './payload';

export interface SmsInboundDeps {
  inbound: InboundSmsService;
}

export const makeHandler = ({ inbound }: SmsInboundDeps) =>
  sqsConsumer(inboundSmsRecordSchema, (sms) => inbound.receive(sms));
