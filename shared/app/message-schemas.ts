/** zod schemas of what arrives from queues and timers: every input is validated, these too. */
import * as z from 'zod';
import { NOTIFICATION_PURPOSES } from '../domain/lead';
import type { TimerPayload } from '../domain/timer-payloads';
import type { DispatchMessage, NotifyMessage, SignInMessage, SmsFailoverMessage } from '../ports';

const leadId = z.string().regex(/^[0-9A-Z]{26}$/);
const seq = z.number().int().positive();

const retryOf = z.string().min(1).max(200).optional();

export const dispatchMessageSchema: z.ZodType<DispatchMessage> = z.strictObject({
  type: z.literal('dispatch'),
  leadId,
  seq,
  retryOf,
});

export const smsFailoverMessageSchema: z.ZodType<SmsFailoverMessage> = z.strictObject({
  type: z.literal('sms_failover'),
  leadId,
  seq,
  recipientId: z.string().min(1).max(40),
  why: z.string().min(1).max(200),
});

/** What the `dispatch` queue carries: a handoff step to dispatch, or one whose SMS failed to fall over. */
export const dispatchQueueMessageSchema: z.ZodType<DispatchMessage | SmsFailoverMessage> = z.union([
  dispatchMessageSchema,
  smsFailoverMessageSchema,
]);

export const notifyMessageSchema: z.ZodType<NotifyMessage> = z.strictObject({
  type: z.literal('notify'),
  leadId,
  seq,
  recipientId: z.string().min(1),
  channel: z.enum(['sms', 'email']),
  purpose: z.enum(NOTIFICATION_PURPOSES),
  followUp: z.strictObject({ sequence: seq, n: z.number().int().min(1).max(20) }).optional(),
  idleRound: seq.optional(),
  retryOf,
});

export const signInMessageSchema: z.ZodType<SignInMessage> = z.strictObject({
  type: z.literal('sign_in'),
  recipientId: z.string().min(1).max(40),
  channel: z.enum(['sms', 'email']),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
});

/** What the notification lanes carry: a lead's notification, or a board sign-in link. */
export const notifierMessageSchema: z.ZodType<NotifyMessage | SignInMessage> = z.union([
  notifyMessageSchema,
  signInMessageSchema,
]);

export const timerPayloadSchema: z.ZodType<TimerPayload> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('acceptance_deadline'), leadId, seq }),
  z.strictObject({ kind: z.literal('opening'), leadId, seq }),
  z.strictObject({
    kind: z.literal('follow_up'),
    leadId,
    sequence: seq,
    n: z.number().int().min(1).max(20),
    step: z.enum(['remind', 'due']),
  }),
  z.strictObject({
    kind: z.literal('idle_next_action'),
    leadId,
    round: seq,
    step: z.enum(['remind', 'escalate']),
  }),
]);
