/**
 * The declarative field map the form connectors share (Typeform, Jotform, Gravity Forms, Meta): each
 * answer of the source's form has a key (a Typeform `ref`, a Jotform `q3_name`, a Gravity Forms field id
 * `1.3`, a Meta question name) and the business's settings say which lead field it fills
 * (`business.connectors.<name>.fields`: `{"phone_ref": "phone"}`). Answers no setting names go into the
 * notes with their question, so nothing the customer wrote is dropped.
 */
import type * as z from 'zod';
import type { AnswerTarget } from '../domain/connector-settings';
import { MAX_FIELD_LENGTHS } from '../domain/intake-fields';

export { ANSWER_TARGETS, type AnswerTarget, fieldMapSchema } from '../domain/connector-settings';
export type FieldMap = Readonly<Record<string, AnswerTarget>>;

/** One answer as the source gives it. */
export interface Answer {
  /** The keys a setting may name it by, most specific first (e.g. `q3_name`, `name`, `3`). */
  keys: readonly string[];
  /** The question as people read it, for the notes. */
  question: string;
  value: string;
}

/** Longest line one answer adds to the notes. */
const MAX_NOTE_LINE = 500;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const lengthOf = (field: string): number =>
  (MAX_FIELD_LENGTHS as Readonly<Record<string, number>>)[field] ?? MAX_NOTE_LINE;

/** A US zip (`78704` or `78704-1234`) as its five digits, or undefined. */
const zip5 = (text: string | undefined): string | undefined => text?.match(/^(\d{5})(?:-\d{4})?$/)?.[1];

/** `key` in people's words: `what_service_do_you_need?` → `What service do you need?`, `q5_whatNeeds` → `What needs`. */
export const questionOf = (key: string): string => {
  const words = key
    .replace(/^q\d+_/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
  if (words === '' || /^[\d.]+$/.test(words)) return `Field ${key}`;
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The lead fields `answers` fill through `map` (`POST /leads` field names): name from `fullName` or
 * first + last, the service address from `serviceAddress` or street + city + state + zip, everything
 * else as named. A second answer for a field already filled, a zip that is not a US zip, and every
 * unmapped answer go into the notes as "question: answer". Values are cut to the lengths intake accepts.
 */
export const leadFieldsFrom = (answers: readonly Answer[], map: FieldMap): Record<string, string> => {
  const values: Partial<Record<AnswerTarget, string>> = {};
  const notes: string[] = [];
  const note = (answer: Answer, value: string) =>
    notes.push(clip(`${answer.question}: ${value}`, MAX_NOTE_LINE));
  for (const answer of answers) {
    const value = answer.value.trim();
    if (value === '') continue;
    const key = answer.keys.find((k) => Object.hasOwn(map, k));
    const target = key === undefined ? 'notes' : (map[key] ?? 'notes');
    if (target === 'ignore') continue;
    if (target === 'notes' || values[target] !== undefined || (target === 'zip' && !zip5(value))) {
      note(answer, value);
    } else {
      values[target] = value;
    }
  }
  const zip = zip5(values.zip);
  const fullName =
    values.fullName ?? ([values.firstName, values.lastName].filter(Boolean).join(' ') || undefined);
  const base = values.serviceAddress ?? values.street;
  // City, state and zip complete the address, unless a whole address answer already says them.
  const missing = (part: string | undefined) =>
    part !== undefined && !base?.toLowerCase().includes(part.toLowerCase()) ? part : undefined;
  const stateAndZip = [missing(values.state), missing(zip)].filter(Boolean).join(' ');
  const serviceAddress = [base, missing(values.city), stateAndZip].filter(Boolean).join(', ') || undefined;
  const fields: Record<string, string | undefined> = {
    fullName,
    phone: values.phone,
    email: values.email,
    serviceAddress,
    zip,
    market: values.market,
    serviceType: values.serviceType,
    urgency: values.urgency,
    campaign: values.campaign,
    referredBy: values.referredBy,
    notes: notes.length > 0 ? notes.join('\n') : undefined,
  };
  return Object.fromEntries(
    Object.entries(fields).flatMap(([field, value]) =>
      value === undefined ? [] : [[field, clip(value, lengthOf(field))]],
    ),
  );
};

/**
 * The campaign in plain words from UTM parameters (`utm_campaign`, `utm_source`, `utm_medium`), e.g.
 * `spring_promo (google / cpc)`; undefined when there are none.
 */
export const campaignFromUtm = (params: Readonly<Record<string, string | undefined>>): string | undefined => {
  const value = (name: string) => params[name]?.trim() || undefined;
  const via = [value('utm_source'), value('utm_medium')].filter(Boolean).join(' / ');
  const name = value('utm_campaign');
  if (name) return via ? `${name} (${via})` : name;
  return via || undefined;
};

/**
 * A connector's settings (`business.connectors[name]`) read with its schema: the settings, or a plain
 * reason for the failed list when they are wrong (the payload is then kept for a person, never lost).
 */
export const connectorSettings = <T>(
  settings: Readonly<Record<string, unknown>> | undefined,
  name: string,
  schema: z.ZodType<T>,
): { ok: true; settings: T } | { ok: false; reason: string } => {
  const parsed = schema.safeParse(settings ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || name}: ${issue.message}`);
  return {
    ok: false,
    reason: `the ${name} settings are wrong (business settings, connectors): ${problems.join('; ')}`,
  };
};
