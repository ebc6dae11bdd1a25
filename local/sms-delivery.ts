/**
 * Delivery reports, locally: `POST /_local/sms/delivery {"messageId": "…", "status": "CARRIER_UNREACHABLE"}`
 * builds the report AWS End User Messaging SMS would publish for that SMS of the outbox (its context,
 * numbers and times as `SendTextMessage` had them) in the SNS envelope, and puts it on the local
 * `sms-inbound` queue: the same handler as on AWS reads it.
 */
import * as z from 'zod';
import type { LocalReport } from '../functions/sms-inbound/delivery-event';
import { smsContextOf } from '../shared/domain/sms-context';
import { SMS_FAILURE_STATUS_NAMES } from '../shared/domain/sms-delivery';
import type { OutboxMessage } from './outbox';

const VALID = SMS_FAILURE_STATUS_NAMES.join(', ');

/** The body of `POST /_local/sms/delivery`: a message of the outbox and a failure status (`TEXT_` optional). */
export const localDeliveryBody = z.object({
  messageId: z.string().min(1, 'the messageId of an SMS in the outbox (GET /_local/outbox)').max(200),
  status: z
    .string({ error: `one of ${VALID} (with or without TEXT_)` })
    .transform((status) =>
      status
        .trim()
        .toUpperCase()
        .replace(/^TEXT_/, ''),
    )
    .pipe(z.enum(SMS_FAILURE_STATUS_NAMES, { error: `one of ${VALID} (with or without TEXT_)` })),
});

export type LocalDeliveryInput = z.infer<typeof localDeliveryBody>;

/** The report of `status` for the outbox SMS `message`, sent from `from`, reported at `at`. */
export const localReportOf = (
  message: OutboxMessage,
  status: LocalDeliveryInput['status'],
  from: string,
  at: Date,
): LocalReport => ({
  eventType: `TEXT_${status}`,
  status,
  messageId: message.id,
  from,
  to: message.to,
  context: smsContextOf(message.ref, message.recipientId === 'unknown' ? undefined : message.recipientId),
  sentAt: new Date(message.acceptedAt),
  at,
});
