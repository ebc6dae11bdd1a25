/**
 * Payload field maps for the connectors of phone systems and marketplaces: each says, field by field, where our lead's text fields come from in
 * its source's payload. Values are trimmed, empty ones dropped, and long ones cut to the field's length
 * (`LEAD_FIELDS`), so a source's long text never costs the customer their lead.
 */
import * as z from 'zod';
import { LEAD_FIELDS, type TextField } from '../domain/intake-fields';
import type { ConnectorPorts } from './connector';

/** Where each of our text fields comes from in a payload `P`; `undefined` when the source gave nothing. */
export type FieldMap<P> = Partial<Record<TextField, (payload: P) => string | undefined>>;

/** `text` trimmed and cut to `maxLength` characters (an ellipsis marks a cut), or undefined when empty. */
export const clip = (text: string | undefined, maxLength: number): string | undefined => {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length <= maxLength ? trimmed : `${trimmed.slice(0, maxLength - 1)}…`;
};

/** Reads `payload` through `map`: our field names with their values, only those the source gave. */
export const mapFields = <P>(payload: P, map: FieldMap<P>): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const [field, read] of Object.entries(map) as [TextField, (payload: P) => string | undefined][]) {
    const value = clip(read(payload), LEAD_FIELDS[field].maxLength ?? 200);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
};

/** Non-empty parts joined by `separator`, or undefined when none. */
export const joined = (
  parts: readonly (string | undefined | null)[],
  separator: string,
): string | undefined =>
  parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(separator) || undefined;

/** A text or number value as text (ids arrive as either), else undefined. */
export const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

export { serviceTypesSetting } from '../domain/connector-settings';

/** The service type `category` maps to, if the business mapped it. */
export const serviceTypeOf = (
  category: string | undefined,
  serviceTypes: Readonly<Record<string, string>>,
): string | undefined => {
  const wanted = category?.trim().toLowerCase();
  if (!wanted) return undefined;
  return Object.entries(serviceTypes).find(([name]) => name.trim().toLowerCase() === wanted)?.[1];
};

/** This connector's entry of the business settings read with `schema`; its defaults when absent or invalid. */
export const settingsOf = <T>(schema: z.ZodType<T>, ports: ConnectorPorts, name: string): T | undefined => {
  const parsed = schema.safeParse(ports.settings[name] ?? {});
  return parsed.success ? parsed.data : undefined;
};

/** A US zip from a postal code (`78704` or `78704-1234`), else undefined (it stays in the address). */
export const zipOf = (postalCode: string | undefined): string | undefined =>
  /^\s*(\d{5})(-\d{4})?\s*$/.exec(postalCode ?? '')?.[1];

/** A question and its answer, as marketplaces send their request forms. */
export const answerSchema = z.object({
  question: z.string().optional().catch(undefined),
  answer: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional().catch(undefined),
});

/** The answered questions as `question: answer` lines. */
export const questionLines = (answers: readonly z.infer<typeof answerSchema>[]): string[] =>
  answers.flatMap(({ question, answer }) =>
    answer?.trim() ? [question?.trim() ? `${question.trim()}: ${answer.trim()}` : answer.trim()] : [],
  );
