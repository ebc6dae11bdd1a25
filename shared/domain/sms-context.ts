/**
 * The context every SMS we send carries to its delivery report (docs/product-rules.md §12): AWS End User
 * Messaging SMS logs a message's `Context` to the configuration set's event destination, so a report
 * names the lead, the step, the purpose and the person without a lookup. Only internal ids: never a
 * number, a name or a word of the message.
 */
import { NOTIFICATION_PURPOSES, type NotificationPurpose } from './notification-state';

/** The internal ids an SMS carries to its delivery report: the lead, the step, the purpose, the person. */
export interface SmsContext {
  leadId: string;
  seq: number;
  purpose: NotificationPurpose;
  recipientId: string;
}

/**
 * The `Context` an SMS is sent with (string values, as `SendTextMessage` takes them; AWS logs it to the
 * event destination). Only internal ids: never a number, a name or a word of the message.
 */
export const smsContextOf = (
  ref: { leadId: string; seq: number; purpose: NotificationPurpose } | undefined,
  recipientId: string | undefined,
): Record<string, string> => ({
  ...(ref ? { leadId: ref.leadId, seq: String(ref.seq), purpose: ref.purpose } : {}),
  ...(recipientId ? { recipientId } : {}),
});

/** The context back from a report, when it is complete and well formed; else undefined. */
export const smsContextFrom = (
  context: Readonly<Record<string, unknown>> | undefined,
): SmsContext | undefined => {
  if (!context) return undefined;
  const { leadId, seq, purpose, recipientId } = context;
  const step = typeof seq === 'string' && /^\d{1,6}$/.test(seq) ? Number(seq) : undefined;
  if (typeof leadId !== 'string' || leadId === '' || leadId.length > 100) return undefined;
  if (typeof recipientId !== 'string' || recipientId === '' || recipientId.length > 100) return undefined;
  if (step === undefined || !(NOTIFICATION_PURPOSES as readonly unknown[]).includes(purpose))
    return undefined;
  return { leadId, seq: step, purpose: purpose as NotificationPurpose, recipientId };
};
