/**
 * The connectors' settings that are not secrets (`business.connectors.<name>`, docs/connectors/README.md),
 * checked when the business settings are loaded or replaced (`PUT /ops/config`), so a typo in a
 * connector's setting is refused with its path instead of turning the connector's leads into "kept,
 * unmapped" later. The connectors read their settings with these same schemas.
 */
import * as z from 'zod';

/**
 * What an answer can fill: a lead field, a part of one (first/last name, street/city/state of the
 * service address), `notes` (kept with its question, the default) or `ignore` (dropped: a consent
 * checkbox, a country).
 */
export const ANSWER_TARGETS = [
  'fullName',
  'firstName',
  'lastName',
  'phone',
  'email',
  'serviceAddress',
  'street',
  'city',
  'state',
  'zip',
  'market',
  'serviceType',
  'urgency',
  'campaign',
  'referredBy',
  'notes',
  'ignore',
] as const;
export type AnswerTarget = (typeof ANSWER_TARGETS)[number];

/** A setting mapping the source's answer keys to lead fields, e.g. `{"name_ref": "fullName"}`. */
export const fieldMapSchema = z.record(z.string().min(1).max(200), z.enum(ANSWER_TARGETS));
/** The Graph API a Meta lead is read from unless the settings say otherwise. */
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com/v24.0';

/**
 * How a marketplace's own service names map to the business's service types, a connector setting
 * (`{"serviceTypes": {"Water Heater Installation": "water_heater"}}`), matched without regard to case.
 */
export const serviceTypesSetting = z.record(z.string().max(200), z.string().min(1).max(100)).default({});

/** `business.connectors.angi` (docs/connectors/angi.md). */
export const angiSettings = z.strictObject({
  /** Angi's task names (`taskName`) → the business's service types. */
  serviceTypes: serviceTypesSetting,
});

/** `business.connectors.callrail` (docs/connectors/callrail.md). */
export const callrailSettings = z.strictObject({
  /** Roster id of the person whose line the tracking numbers ring: a completed missed call goes back to them. */
  missedBy: z.string().min(1).max(40).optional(),
});

/** `business.connectors["gravity-forms"]`. */
export const gravityFormsSettings = z.strictObject({
  fields: fieldMapSchema.default({}),
  /** The questions as people read them, by field id, for the notes (the entry carries ids only). */
  labels: z.record(z.string().max(200), z.string().min(1).max(200)).default({}),
});

/** `business.connectors.jotform`. */
export const jotformSettings = z.strictObject({ fields: fieldMapSchema.default({}) });

/** `business.connectors["meta-lead-ads"]`. */
export const metaLeadAdsSettings = z.strictObject({
  graphBaseUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_GRAPH_BASE_URL),
  fields: fieldMapSchema.default({}),
});

/** `business.connectors.thumbtack` (docs/connectors/thumbtack.md). */
export const thumbtackSettings = z.strictObject({
  /** Thumbtack's category names → the business's service types. */
  serviceTypes: serviceTypesSetting,
});

/** `business.connectors["twilio-voice"]` (docs/connectors/twilio-voice.md). */
export const twilioVoiceSettings = z.strictObject({
  /** The phone that rings when a customer calls (E.164). */
  dialNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +15125550100'),
  /** How long it rings before the call counts as missed (Twilio's `<Dial timeout>`). */
  ringSeconds: z.number().int().min(5).max(600).default(20),
  /** Roster id of the person whose phone rings: a recovered missed call goes back to them once complete. */
  missedBy: z.string().min(1).max(40).optional(),
  /** What the caller hears when nobody answered. */
  callbackMessage: z
    .string()
    .min(1)
    .max(500)
    .default('Sorry we missed your call. We have your number and will call you back shortly.'),
});

/** `business.connectors.typeform`. */
export const typeformSettings = z.strictObject({ fields: fieldMapSchema.default({}) });

/** Every connector's settings, by the name in its URL (`/hooks/<name>`); each entry is optional. */
export const connectorSettingsSchema = z
  .strictObject({
    'google-lead-form': z.strictObject({}).optional(),
    typeform: typeformSettings.optional(),
    jotform: jotformSettings.optional(),
    'gravity-forms': gravityFormsSettings.optional(),
    'meta-lead-ads': metaLeadAdsSettings.optional(),
    'twilio-voice': twilioVoiceSettings.optional(),
    callrail: callrailSettings.optional(),
    angi: angiSettings.optional(),
    thumbtack: thumbtackSettings.optional(),
  })
  .default({});
