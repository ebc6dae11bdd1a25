/**
 * The SQS record body of an inbound SMS: the SNS notification AWS End User Messaging SMS publishes for
 * a two-way number (its `Message` is the two-way payload as a JSON string), or that payload itself when
 * the subscription delivers raw messages. Field names as the AWS documentation gives them
 * ("Example of a two-way SMS message payload for Amazon SNS topics", AWS End User Messaging SMS guide).
 */
import * as z from 'zod';
import type { InboundSms } from '../../shared/ports';

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

/** An SNS notification wrapping the payload, or the raw payload. */
export const inboundSmsRecordSchema = z
  .union([
    z
      .object({ Type: z.literal('Notification'), Message: fromJson.pipe(twoWaySmsSchema) })
      .transform((n) => n.Message),
    twoWaySmsSchema,
  ])
  .transform(
    (p): InboundSms => ({
      from: p.originationNumber,
      to: p.destinationNumber,
      body: p.messageBody,
      messageId: p.inboundMessageId,
      ...(p.previousPublishedMessageId ? { inReplyTo: p.previousPublishedMessageId } : {}),
    }),
  );

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
