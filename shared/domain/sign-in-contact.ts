/**
 * Which roster person a typed phone number or email names (board sign-in, docs/product-rules.md §10): a phone is read
 * in the business's default country and compared in E.164; an email is compared without regard to
 * case. Only active people with that channel on file match, and the link goes to that same address.
 */
import type { AppConfig, Person } from './config';
import type { Channel } from './lead';
import { toE164 } from './phone-number';

/** The longest contact text read (an email address is at most 254 characters). */
export const CONTACT_MAX_LENGTH = 254;

/** The person the text names and the channel their link goes to, or undefined. */
export const personByContact = (
  config: AppConfig,
  text: string,
): { person: Person; channel: Channel } | undefined => {
  const typed = text.trim();
  if (!typed || typed.length > CONTACT_MAX_LENGTH) return undefined;
  const people = config.roster.people.filter((p) => p.active);
  if (typed.includes('@')) {
    const email = typed.toLowerCase();
    const person = people.find((p) => p.email?.toLowerCase() === email);
    return person ? { person, channel: 'email' } : undefined;
  }
  const phone = toE164(typed, config.business.defaultPhoneCountry);
  if (!phone) return undefined;
  const person = people.find((p) => p.phone === phone);
  return person ? { person, channel: 'sms' } : undefined;
};

/** The address as counted by the rate limit: the E.164 phone or the lower-case email, else the text. */
export const contactKey = (config: AppConfig, text: string): string => {
  const typed = text.trim().slice(0, CONTACT_MAX_LENGTH);
  if (typed.includes('@')) return `email:${typed.toLowerCase()}`;
  const phone = toE164(typed, config.business.defaultPhoneCountry);
  return phone ? `phone:${phone}` : `text:${typed.toLowerCase()}`;
};
