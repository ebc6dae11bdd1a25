/**
 * A delivery report of one of our SMS, as AWS End User Messaging SMS publishes it to the configuration
 * set's SNS event destination: the event JSON of "Example SMS event data" (End User Messaging SMS user
 * guide), e.g. `{"eventType": "TEXT_CARRIER_UNREACHABLE", "eventVersion": "1.0", "eventTimestamp":
 * 1686975103470, "isFinal": true, "originationPhoneNumber": "+1…", "destinationPhoneNumber": "+1…",
 * "messageId": "…", "messageStatus": "CARRIER_UNREACHABLE", "context": {…}, …}`. Only what the product
 * reads is checked; the rest (prices, carrier codes) passes unread.
 */
import * as z from 'zod';
import type { SmsDeliveryEvent } from '../../shared/ports';

/** The fields of an SMS event the product reads. */
export const smsEventSchema = z.object({
  eventType: z.string().regex(/^TEXT_[A-Z_]{1,40}$/),
  eventVersion: z.string().max(10).optional(),
  eventTimestamp: z.number().int().nonnegative(),
  messageId: z.string().min(1).max(200),
  messageStatus: z.string().max(60).optional(),
  context: z.record(z.string().max(100), z.string().max(200)).optional(),
});

/** The port's view of an event. */
export const deliveryEventOf = (event: z.infer<typeof smsEventSchema>): SmsDeliveryEvent => ({
  eventType: event.eventType,
  messageId: event.messageId,
  at: new Date(event.eventTimestamp),
  ...(event.messageStatus ? { status: event.messageStatus } : {}),
  ...(event.context ? { context: event.context } : {}),
});

/** What the local runner's report carries: the message and its sending, as `SendTextMessage` had them. */
export interface LocalReport {
  eventType: string;
  status: string;
  messageId: string;
  from: string;
  to: string;
  context: Readonly<Record<string, string>>;
  sentAt: Date;
  at: Date;
}

/** The SQS record body AWS delivers for a report (the SNS notification of the event, as the topic → queue subscription sends it). */
export const deliveryEnvelopeOf = (report: LocalReport, topicArn: string): string =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: `${report.messageId}-${report.eventType}`,
    TopicArn: topicArn,
    Message: JSON.stringify({
      eventType: report.eventType,
      eventVersion: '1.0',
      eventTimestamp: report.at.getTime(),
      isFinal: true,
      originationPhoneNumber: report.from,
      destinationPhoneNumber: report.to,
      isInternationalSend: false,
      messageId: report.messageId,
      messageRequestTimestamp: report.sentAt.getTime(),
      messageEncoding: 'GSM',
      messageType: 'TRANSACTIONAL',
      messageStatus: report.status,
      messageStatusDescription: `Message ${report.status.toLowerCase().replaceAll('_', ' ')}`,
      context: report.context,
      totalMessageParts: 1,
      totalMessagePrice: 0.00581,
      totalCarrierFee: 0.0,
    }),
    Timestamp: report.at.toISOString(),
    SignatureVersion: '1',
  });
