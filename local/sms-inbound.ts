/**
 * Inbound SMS, locally: `POST /_local/sms/inbound {"from": "+1...", "body": "1A"}` puts the SQS record
 * AWS would deliver (an SNS notification wrapping the End User Messaging two-way payload) on a local
 * `sms-inbound` queue, which the runtime drains through the same `sms-inbound` handler; its answer
 * lands in the outbox. Opt-outs (STOP) are kept in the table and honoured by every SMS sent. Delivery
 * reports of the outbox's SMS (`POST /_local/sms/delivery`, `sms-delivery.ts`) take the same queue.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { deliveryEnvelopeOf } from '../functions/sms-inbound/delivery-event';
import { makeHandler } from '../functions/sms-inbound/make-handler';
import { snsEnvelopeOf } from '../functions/sms-inbound/payload';
import type { SmsFailovers } from '../shared/app/collaborators';
import { HandoffDecisions } from '../shared/app/handoff-decisions';
import { InboundSmsService } from '../shared/app/inbound-sms-service';
import { SmsDeliveryService } from '../shared/app/sms-delivery-service';
import { DynamoSmsContacts } from '../shared/aws/dynamo-sms-contacts';
import type { Clock } from '../shared/ports';
import { SMS_INBOUND_QUEUE } from '../shared/settings';
import type { LocalDeps } from './app-types';
import type { OutboxMessage } from './outbox';
import { type LocalConsumer, LocalQueue } from './queues';
import { type LocalDeliveryInput, localReportOf } from './sms-delivery';

/** The local origination number inbound SMS are addressed to. */
export const LOCAL_ORIGINATION_NUMBER = '+15125550100';
const LOCAL_TOPIC_ARN = 'arn:aws:sns:local:000000000000:sms-inbound';

/** The body of `POST /_local/sms/inbound`. */
export const localInboundBody = z.object({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number, e.g. +15125550123'),
  body: z.string().max(1_600),
  to: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .optional(),
});

export const localSmsContacts = (doc: DynamoDBDocumentClient, tableName: string) =>
  new DynamoSmsContacts(doc, tableName);

/**
 * The queue, its dead-letter queue, the consumer, `deliver` (a text) and `report` (a delivery report of
 * an outbox SMS): what the local endpoints call.
 */
export const localSmsInbound = (
  deps: LocalDeps,
  contacts: DynamoSmsContacts,
  clock: Clock,
  failover: SmsFailovers,
) => {
  const deadLetter = new LocalQueue(`${SMS_INBOUND_QUEUE.name}-dlq`, { visibilityTimeoutSeconds: 30 }, clock);
  const queue = new LocalQueue(
    SMS_INBOUND_QUEUE.name,
    {
      visibilityTimeoutSeconds: SMS_INBOUND_QUEUE.visibilityTimeoutSeconds,
      maxReceiveCount: SMS_INBOUND_QUEUE.maxReceiveCount,
      deadLetter,
    },
    clock,
  );
  const inbound = new InboundSmsService({ ...deps, contacts, decisions: new HandoffDecisions(deps) });
  const consumer: LocalConsumer = {
    queue,
    functionName: 'sms-inbound',
    handler: makeHandler({ inbound, deliveries: new SmsDeliveryService({ ...deps, failover }) }),
    batchSize: SMS_INBOUND_QUEUE.batchSize,
  };
  let count = 0;
  const deliver = (input: z.infer<typeof localInboundBody>): string => {
    count += 1;
    const messageId = `local-inbound-${clock.now().getTime()}-${count}`;
    const sms = { from: input.from, to: input.to ?? LOCAL_ORIGINATION_NUMBER, body: input.body, messageId };
    queue.send(snsEnvelopeOf(sms, LOCAL_TOPIC_ARN, clock.now()));
    return messageId;
  };
  const report = (message: OutboxMessage, input: LocalDeliveryInput): string => {
    const event = localReportOf(message, input.status, LOCAL_ORIGINATION_NUMBER, clock.now());
    queue.send(deliveryEnvelopeOf(event, LOCAL_TOPIC_ARN));
    return event.eventType;
  };
  return { queue, deadLetter, consumer, deliver, report };
};
