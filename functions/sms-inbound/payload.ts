/**
 * The SQS record body of the `sms-inbound` queue. AWS End User Messaging SMS publishes two things to
 * its topic: each text sent to the origination number (two-way SMS), and the delivery reports of our own
 * SMS (the configuration set's event destination). The body is the SNS notification (its `Message` is
 * the JSON as a string), or that JSON itself when the subscription delivers raw messages. Field names as
 * the AWS documentation gives them ("Example of a two-way SMS message payload for Amazon SNS topics",
 * "Example SMS event data", End User Messaging SMS user guide): a report has `eventType`, a text
 * `inboundMessageId`.
 */
import * as z from 'zod';
import type { InboundSms, SmsDeliveryEvent } from '../../shared/ports';
import { deliveryEventOf, smsEventSchema } from './delivery-event';

const E164 = /^\+[1-9]\d{6,14}$/;

/** The two-way SMS payload. */
export const twoWaySmsSchema = z.object({
  originationNumber: z.string().regex(E164),
  destinationNumber: z.string().min(1).max(32),
  messageKeyword: z.string().max(64).optional(),
  messageBody: z.string().max(2_000),
  inboundMessageId: z.string().min(1).max(200),
  previousPublishedMessageId: z.string().max(200).optional(),
});

const fromJson = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Message is not JSON' });
    return z.NEVER;
  }
});

/** What one record is: a text to our number, or a delivery report (with its lead, so a lead's records run in turn). */
export type SmsTopicMessage =
  | { kind: 'inbound'; sms: InboundSms }
  | { kind: 'delivery'; event: SmsDeliveryEvent; leadId?: string };

const inboundOf = (p: z.infer<typeof twoWaySmsSchema>): SmsTopicMessage => ({
  kind: 'inbound',
  sms: {
    from: p.originationNumber,
    to: p.destinationNumber,
    body: p.messageBody,
    messageId: p.inboundMessageId,
    ...(p.previousPublishedMessageId ? { inReplyTo: p.previousPublishedMessageId } : {}),
  },
});

const deliveryOf = (e: z.infer<typeof smsEventSchema>): SmsTopicMessage => {
  const leadId = e.context?.leadId;
  return { kind: 'delivery', event: deliveryEventOf(e), ...(leadId ? { leadId } : {}) };
};

/** Either payload, told apart by its fields. */
const payloadSchema = z.union([twoWaySmsSchema.transform(inboundOf), smsEventSchema.transform(deliveryOf)]);

/** An SNS notification wrapping a payload, or the raw payload. */
export const smsTopicRecordSchema = z.union([
  z
    .object({ Type: z.literal('Notification'), Message: fromJson.pipe(payloadSchema) })
    .transform((n) => n.Message),
  payloadSchema,
]);

/** The SQS record body AWS delivers for `sms` (an SNS notification, as the topic → queue subscription sends it). */
export const snsEnvelopeOf = (sms: InboundSms, topicArn: string, at: Date): string =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: sms.messageId,
    TopicArn: topicArn,
    Message: JSON.stringify({
      originationNumber: sms.from,
      destinationNumber: sms.to,
      messageBody: sms.body,
      inboundMessageId: sms.messageId,
      ...(sms.inReplyTo ? { previousPublishedMessageId: sms.inReplyTo } : {}),
    }),
    Timestamp: at.toISOString(),
    SignatureVersion: '1',
  });
