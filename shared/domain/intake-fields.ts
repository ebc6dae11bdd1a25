/**
 * The fields of a lead, declared once. Intake's parser, the `PATCH /leads/{id}` repair, the merge of a
 * repeat contact and the handoff note's wording all read their lists from this table, so adding or
 * changing a field is one edit here.
 */
import type { LeadDetails } from './lead-details';
import { joinWords, URGENCY_NOT_CAPTURED } from './wording';

/** How a field's raw value is read: trimmed text, a number, or the consent object (see `CONSENT_FIELDS`). */
export type FieldKind = 'text' | 'number' | 'consent';

/** The values a number field accepts. */
export interface NumberRange {
  min: number;
  max: number;
  decimals: number;
}

/** What the rest of the system needs to know about one lead field. */
export interface FieldSpec {
  kind: FieldKind;
  /**
   * Longest accepted value after trimming (for a number, as typed in a form). The consent object has
   * none: each of its parts has its own.
   */
  maxLength?: number;
  /** Text kept on several lines (what the customer asked); other text fields are one line. */
  multiline?: boolean;
  /**
   * For a number: the smallest and largest accepted values and the decimal places allowed (0: whole
   * numbers only). Bounded so every accepted value is exact and storable (DynamoDB numbers, JSON).
   */
  range?: NumberRange;
  /** The field's name as people read it, e.g. `Service address`. */
  label: string;
  /**
   * A JSON number is read as its digits when intake captures a lead (a phone `5125550123`, a zip
   * `78704`, a source's numeric id); a strict reading (`PATCH`) still wants a string.
   */
  readsNumbers?: boolean;
  /** Whether `PATCH /leads/{id}` may change it; the others are fixed at intake (they identify the lead). */
  patchable: boolean;
  /**
   * Whether the customer contacting us again fills it in when the lead lacks it. The phone (how the
   * repeat contact was matched) and how this contact came in (source, campaign, fit, who missed the
   * call, the caller's id) describe the new contact, not the lead, so they are left as they were.
   */
  filledByRepeatContact: boolean;
  /** For a handoff-contract field: what the note says while it is missing. */
  whenMissing?: string;
}

/** Every field a submission may carry, in the order issues are reported. */
export const LEAD_FIELDS = {
  fullName: {
    kind: 'text',
    maxLength: 200,
    label: 'Customer name',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: 'No customer name',
  },
  phone: {
    kind: 'text',
    maxLength: 40,
    readsNumbers: true,
    label: 'Phone',
    patchable: true,
    filledByRepeatContact: false,
    whenMissing: 'No phone number',
  },
  email: { kind: 'text', maxLength: 254, label: 'Email', patchable: true, filledByRepeatContact: true },
  serviceAddress: {
    kind: 'text',
    maxLength: 500,
    label: 'Service address',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: 'No service address or area',
  },
  market: { kind: 'text', maxLength: 100, label: 'Market', patchable: true, filledByRepeatContact: true },
  zip: {
    kind: 'text',
    maxLength: 10,
    readsNumbers: true,
    label: 'Zip',
    patchable: true,
    filledByRepeatContact: true,
  },
  serviceType: {
    kind: 'text',
    maxLength: 100,
    label: 'Service type',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: 'No service type',
  },
  urgency: {
    kind: 'text',
    maxLength: 40,
    label: 'Urgency',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: URGENCY_NOT_CAPTURED,
  },
  source: { kind: 'text', maxLength: 40, label: 'Source', patchable: false, filledByRepeatContact: false },
  campaign: {
    kind: 'text',
    maxLength: 200,
    label: 'Campaign',
    patchable: true,
    filledByRepeatContact: false,
  },
  notes: {
    kind: 'text',
    maxLength: 4000,
    multiline: true,
    label: 'What the customer asked',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: 'No notes on what the customer asked',
  },
  promisedNextStep: {
    kind: 'text',
    maxLength: 500,
    label: 'Promised next step',
    patchable: true,
    filledByRepeatContact: true,
  },
  consent: {
    kind: 'consent',
    label: 'Contact consent',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: 'No contact consent recorded',
  },
  fit: { kind: 'text', maxLength: 40, label: 'Fit', patchable: true, filledByRepeatContact: false },
  estimatedValue: {
    kind: 'number',
    maxLength: 40,
    range: { min: 0, max: 10_000_000, decimals: 2 },
    label: 'Estimated value',
    patchable: true,
    filledByRepeatContact: true,
  },
  referredBy: {
    kind: 'text',
    maxLength: 500,
    label: 'Referred by',
    patchable: true,
    filledByRepeatContact: true,
    whenMissing: 'Referral context missing: who referred the customer?',
  },
  missedBy: {
    kind: 'text',
    maxLength: 100,
    label: 'Missed by',
    patchable: true,
    filledByRepeatContact: false,
  },
  externalId: {
    kind: 'text',
    maxLength: 200,
    readsNumbers: true,
    label: 'External id',
    patchable: false,
    filledByRepeatContact: false,
  },
} as const satisfies Record<keyof LeadDetails, FieldSpec>;

/** A field of a lead submission. */
export type LeadField = keyof typeof LEAD_FIELDS;

/** The fields whose spec has the properties `P`, e.g. `FieldsWhere<{ kind: 'text' }>`. */
type FieldsWhere<P> = { [K in LeadField]: (typeof LEAD_FIELDS)[K] extends P ? K : never }[LeadField];

/** Every lead field, in the table's order. */
export const ALL_LEAD_FIELDS = Object.keys(LEAD_FIELDS) as readonly LeadField[];

const fieldsWhere = <K extends LeadField>(test: (spec: FieldSpec) => boolean): readonly K[] =>
  ALL_LEAD_FIELDS.filter((field) => test(LEAD_FIELDS[field])) as K[];

/** Fields read as trimmed text (choices, phone and email included). */
export type TextField = FieldsWhere<{ kind: 'text' }>;
export const TEXT_FIELDS = fieldsWhere<TextField>((spec) => spec.kind === 'text');

/** Fields read as numbers. */
export type NumberField = FieldsWhere<{ kind: 'number' }>;

/** The accepted values of each number field, e.g. an estimated value from 0 to 10,000,000 with cents. */
export const NUMBER_RANGES = Object.fromEntries(
  ALL_LEAD_FIELDS.flatMap((field) => {
    const spec: FieldSpec = LEAD_FIELDS[field];
    return spec.kind === 'number' && spec.range ? [[field, spec.range]] : [];
  }),
) as Readonly<Record<NumberField, NumberRange>>;

/** Text fields kept on several lines; line breaks in any other field read as spaces. */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(
  ALL_LEAD_FIELDS.filter((field) => (LEAD_FIELDS[field] as FieldSpec).multiline === true),
);

/** Fields `PATCH /leads/{id}` may change. */
export type PatchableField = FieldsWhere<{ patchable: true }>;
export const PATCHABLE_FIELDS = fieldsWhere<PatchableField>((spec) => spec.patchable);

/** Fields fixed at intake: `PATCH /leads/{id}` refuses them with "cannot be changed after intake". */
export type ImmutableField = FieldsWhere<{ patchable: false }>;
export const IMMUTABLE_FIELDS = fieldsWhere<ImmutableField>((spec) => !spec.patchable);

/** Fields a repeat contact fills in on the open lead when the lead lacks them. */
export type RepeatContactField = FieldsWhere<{ filledByRepeatContact: true }>;
export const FIELDS_FILLED_BY_REPEAT_CONTACT = fieldsWhere<RepeatContactField>(
  (spec) => spec.filledByRepeatContact,
);

/**
 * The handoff-contract fields, in the table's order: those with a `whenMissing` text. A lead lacking one
 * (see `missingFields`) is stored anyway and belongs to intake until it is supplied.
 */
export type CompletenessField = FieldsWhere<{ whenMissing: string }>;
export const COMPLETENESS_FIELDS = fieldsWhere<CompletenessField>((spec) => spec.whenMissing !== undefined);

/** The parts of the consent object: their longest accepted text, flat form-field name and label. */
export const CONSENT_FIELDS = {
  sms: { maxLength: 10, formAlias: 'consentSms', label: 'SMS consent' },
  email: { maxLength: 10, formAlias: 'consentEmail', label: 'Email consent' },
  method: { maxLength: 200, formAlias: 'consentMethod', label: 'How consent was given' },
  capturedAt: { maxLength: 40, formAlias: 'consentCapturedAt', label: 'When consent was given' },
} as const;
export type ConsentKey = keyof typeof CONSENT_FIELDS;
export const CONSENT_KEYS = Object.keys(CONSENT_FIELDS) as readonly ConsentKey[];

/** A path whose value has a length limit: a text or number field, or a part of consent. */
export type LimitedPath = FieldsWhere<{ maxLength: number }> | `consent.${ConsentKey}`;

/** Longest accepted value per field path, after trimming. */
export const MAX_FIELD_LENGTHS = Object.fromEntries([
  ...ALL_LEAD_FIELDS.flatMap((field) => {
    const spec: FieldSpec = LEAD_FIELDS[field];
    return spec.maxLength === undefined ? [] : [[field, spec.maxLength]];
  }),
  ...CONSENT_KEYS.map((key) => [`consent.${key}`, CONSENT_FIELDS[key].maxLength]),
]) as Readonly<Record<LimitedPath, number>>;

/** Each field's name as people read it. */
export const FIELD_LABELS = Object.fromEntries(
  ALL_LEAD_FIELDS.map((field) => [field, LEAD_FIELDS[field].label]),
) as Readonly<Record<LeadField, string>>;

/** Text fields whose JSON numbers intake reads as their digits (`readsNumbers`). */
export const NUMBER_AS_TEXT_FIELDS: ReadonlySet<string> = new Set(
  ALL_LEAD_FIELDS.filter((field) => (LEAD_FIELDS[field] as FieldSpec).readsNumbers === true),
);

/** The name people read for a submitted field path: a lead field's or a part of consent's label. */
export const pathLabel = (path: string): string => {
  if (path in LEAD_FIELDS) return FIELD_LABELS[path as LeadField];
  const part = path.startsWith('consent.') ? path.slice('consent.'.length) : undefined;
  if (part !== undefined && part in CONSENT_FIELDS) return CONSENT_FIELDS[part as ConsentKey].label;
  return path;
};

/** Fields in words, mid-sentence: `service address and service type` (an unknown key as it is). */
export const describeFields = (fields: readonly string[]): string =>
  joinWords(
    fields.map((field) =>
      field in LEAD_FIELDS ? FIELD_LABELS[field as LeadField].toLowerCase() : field.replaceAll('_', ' '),
    ),
  );

/** What the handoff note says while a handoff-contract field is missing, e.g. `No phone number`. */
export const MISSING_TEXT = Object.fromEntries(
  COMPLETENESS_FIELDS.map((field) => [field, LEAD_FIELDS[field].whenMissing]),
) as Readonly<Record<CompletenessField, string>>;

/** The captured fields of a lead, as a submission would carry them (absent ones left out). */
export const leadDetailsOf = (lead: LeadDetails): LeadDetails =>
  Object.fromEntries(
    ALL_LEAD_FIELDS.flatMap((field) => (lead[field] === undefined ? [] : [[field, lead[field]]])),
  ) as unknown as LeadDetails;
