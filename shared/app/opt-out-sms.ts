/**
 * SMS that respect STOP (docs/product-rules.md §12): a number that opted out by replying STOP gets no
 * SMS from us until it replies START. The send fails as "opted out" (permanent, as SNS reports its own
 * opt-out list), so the notifier records it and the handoff's email still goes.
 */
import { DeliveryError } from '../errors';
import type { SmsContacts, SmsSender } from '../ports';

/** `sms`, refusing numbers `contacts` has opted out. */
export const optOutAwareSms = (sms: SmsSender, contacts: Pick<SmsContacts, 'isOptedOut'>): SmsSender => ({
  async send(message) {
    if (await contacts.isOptedOut(message.to)) {
      throw new DeliveryError('SMS: opted_out (the number replied STOP)', 'opted_out', true);
    }
    return sms.send(message);
  },
});
