/**
 * What may go out by SMS when the text is built from what a customer typed (docs/product-rules.md §10).
 * The web form's key is public, so anyone can post a lead: the business number must not become a way to
 * text strangers abroad, premium numbers or links.
 *
 * - `customerSmsRefusal`: customer SMS only to numbers of the countries in `customerSmsCountries`
 *   (default: the business's own `defaultPhoneCountry`), never to premium-rate, shared-cost, toll-free,
 *   VoIP, personal, pager, UAN or voicemail numbers (where the phone metadata tells the type).
 * - `greetingName`: the customer's first name only when the whole name is a plausible name.
 * - `neutralizeLinks` / `linkSafeLead`: link-shaped text from the customer never goes out working in
 *   any SMS, staff SMS included. The rule: the text is made GSM-7 first (so no look-alike dot survives),
 *   then `://` becomes `[:]//`, `www.` becomes `www[.]` and a dot between a letter or digit and a letter or digit becomes `[.]`
 *   (`https://evil.example/h/x` → `https[:]//evil[.]example/h/x`); a dot between two digits (`3.5`)
 *   stays. Our own links are never passed through it.
 */
import { type CountryCode, type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core/es6';
import type { BusinessSettings } from './config';
import type { Lead } from './lead';
import { phoneMetadata as metadata } from './phone-metadata-load';
import { toGsm } from './sms';
import { firstNameOf } from './wording';

/** The longest full name still used in a greeting. */
export const GREETING_NAME_MAX = 40;

/** Letters (accented too), then letters, spaces, hyphens, apostrophes and periods. */
const PLAUSIBLE_NAME = /^\p{L}[\p{L}\p{M} .'\u2019-]*$/u;

/** `st.example`, `www.`: a name with a domain in it is no name. */
const DOMAIN_SHAPED = /\p{L}{2}\.\p{L}{2}|www\./iu;

/**
 * The first name to greet the customer with, or undefined (then the greeting is neutral: "Hi, ..."):
 * only when the whole name is at most `GREETING_NAME_MAX` characters of letters, spaces, hyphens,
 * apostrophes and periods, with no domain in it. Never digits, `://`, `@` or `www.`.
 */
export const greetingName = (fullName: string | undefined): string | undefined => {
  const name = (fullName ?? '').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > GREETING_NAME_MAX) return undefined;
  if (!PLAUSIBLE_NAME.test(name) || DOMAIN_SHAPED.test(name)) return undefined;
  const first = firstNameOf(name);
  return first !== undefined && PLAUSIBLE_NAME.test(first) ? first : undefined;
};

/**
 * `text` with nothing a phone would turn into a link: GSM-7 (see `toGsm`), `://` → `[:]//`, `www[.]`, a dot
 * between letters or digits → `[.]` (except between two digits).
 */
export const neutralizeLinks = (text: string): string =>
  toGsm(text)
    .replaceAll('://', '[:]//')
    .replace(/www\./giu, (www) => `${www.slice(0, 3)}[.]`)
    .replace(/(?<=\p{L})\.(?=[\p{L}\p{N}])|(?<=\p{N})\.(?=\p{L})/gu, '[.]');

/** The customer-supplied text fields of a lead that SMS texts may quote. */
const FREE_TEXT = [
  'fullName',
  'serviceAddress',
  'market',
  'serviceType',
  'campaign',
  'notes',
  'promisedNextStep',
  'referredBy',
  'missedBy',
] as const;

/** The lead with every customer-supplied text field passed through `neutralizeLinks`: build SMS from it. */
export const linkSafeLead = (lead: Lead): Lead => {
  const safe: Lead = { ...lead };
  for (const field of FREE_TEXT) {
    const value = lead[field];
    if (value !== undefined) safe[field] = neutralizeLinks(value);
  }
  return safe;
};

/** Number types that never get a customer SMS: they cost the business (or the customer) or cannot read it. */
const REFUSED_TYPES = new Set([
  'PREMIUM_RATE',
  'SHARED_COST',
  'TOLL_FREE',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]);

/** The countries customer SMS may go to: `customerSmsCountries`, else the business's own country. */
export const customerSmsCountries = (business: BusinessSettings): readonly string[] =>
  business.customerSmsCountries ?? [business.defaultPhoneCountry];

/** Why a customer SMS is not sent, as the lead's timeline says it ("No text sent to the customer: ..."). */
export type CustomerSmsRefusal = 'country' | 'number_type' | 'recently_acknowledged' | 'daily_budget';

/** The plain words of each refusal, after "No text sent to the customer: ". */
export const REFUSAL_WORDS: Record<CustomerSmsRefusal, string> = {
  country: 'the number is outside the countries we text',
  number_type: 'the number is a premium, toll-free, shared-cost or internet number',
  recently_acknowledged: 'the number already got an acknowledgement in the last 24 hours',
  daily_budget: "today's budget of customer texts is used up",
};

/** Why this E.164 number gets no customer SMS (its country, or its type), or undefined when it may. */
export const customerSmsRefusal = (
  phone: string,
  business: BusinessSettings,
): 'country' | 'number_type' | undefined => {
  const parsed = parsePhoneNumberFromString(phone, metadata);
  if (parsed?.isValid() !== true || parsed.country === undefined) return 'country';
  const allowed: readonly string[] = customerSmsCountries(business);
  if (!allowed.includes(parsed.country satisfies CountryCode)) return 'country';
  const type = parsed.getType();
  return type !== undefined && REFUSED_TYPES.has(type) ? 'number_type' : undefined;
};
