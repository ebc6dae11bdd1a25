/**
 * Business settings, roster and routing rules (docs/product-rules.md §4, §5): data, validated at load, never hard-coded.
 *
 * `business.json` holds the settings (name, time zone, hours, phone country, acceptance windows,
 * escalation chains); `roster.json` holds people and ordered routing rules. `parseAppConfig` checks
 * both together and reports every problem by path.
 */
import * as z from 'zod';
import { connectorSettingsSchema } from './connector-settings';
import { FITS, LADDERS, ROLES, SOURCES, URGENCIES } from './lead';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const timeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'expected "HH:MM-HH:MM"')
  .refine((range) => {
    const [start, end] = range.split('-');
    return start !== undefined && end !== undefined && start < end;
  }, 'the range must end after it starts');

/** Opening hours per weekday in local time, e.g. `{ "mon": ["08:00-17:00"] }`; a missing day is closed. */
export const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(timeRange).optional()])) as Record<
    Weekday,
    z.ZodOptional<z.ZodArray<typeof timeRange>>
  >,
);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone');

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected "HH:MM"');

const minutes = z
  .number()
  .int()
  .positive()
  .max(7 * 24 * 60);

export const businessSchema = z.strictObject({
  name: z.string().min(1),
  timezone: timeZone,
  /** ISO 3166 alpha-2 country used to read national-format phone numbers. */
  defaultPhoneCountry: z.string().regex(/^[A-Z]{2}$/),
  hours: weeklyHoursSchema,
  /** Local dates (YYYY-MM-DD) the business is closed. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** Minutes a recipient has to accept, per urgency; `needs_info` is intake's window for incomplete leads. */
  acceptanceWindowMinutes: z.strictObject({
    emergency: minutes,
    active_loss: minutes,
    premium: minutes,
    standard: minutes,
    estimate: minutes,
    needs_info: minutes,
  }),
  /** Minutes from intake until the next action is due, per urgency. */
  nextActionDueMinutes: z.strictObject({
    emergency: minutes,
    active_loss: minutes,
    premium: minutes,
    standard: minutes,
    estimate: minutes,
    needs_info: minutes,
  }),
  /** Who each ladder climbs to after the first recipient, in order: roles or roster ids. */
  escalation: z.strictObject({
    chains: z.strictObject(
      Object.fromEntries(LADDERS.map((ladder) => [ladder, z.array(z.string().min(1))])) as Record<
        (typeof LADDERS)[number],
        z.ZodArray<z.ZodString>
      >,
    ),
    /** Once a chain runs out, how many times the last person is re-notified before ops is alarmed. */
    maxRenotify: z.number().int().min(0).max(50),
  }),
  /** Business days after intake by which an estimate lead must be followed up (at opening time). */
  estimateFollowUpBusinessDays: z.number().int().min(0).max(30),
  /** SMS origination limits and link lifetime. */
  messaging: z
    .strictObject({
      /** What the origination number can send (a US 10DLC number: about 1 message a second). */
      smsPerSecond: z.number().positive().max(1000).default(1),
      /** Share of that rate the standard lane may use; the rest is headroom for urgent messages. */
      standardLaneShare: z.number().min(0.1).max(1).default(0.8),
      /** Hours a handoff link stays valid (it also stops working once the handoff is resolved). */
      linkTtlHours: z
        .number()
        .positive()
        .max(24 * 14)
        .default(24),
      /** Days the owner's link keeps working as the lead card after acceptance (while they own the lead). */
      cardLinkTtlDays: z.number().int().min(1).max(90).default(14),
    })
    .default({ smsPerSecond: 1, standardLaneShare: 0.8, linkTtlHours: 24, cardLinkTtlDays: 14 }),
  /** The estimate follow-up sequence (docs/product-rules.md §7, seed 002). */
  followUps: z
    .strictObject({
      /** An estimate sent before this local time is followed up the same day; later, the next business morning. */
      sameDayCutoff: clockTime.default('15:00'),
      /** A follow-up that falls when the business is closed is due this long after the next opening. */
      morningDueMinutes: minutes.default(120),
      /** The second follow-up: this many hours after the estimate (same local time, DST-aware). */
      secondAfterHours: z.number().int().min(24).max(240).multipleOf(24).default(48),
      /** The third follow-up: this many days after the estimate. */
      thirdAfterDays: z.number().int().min(2).max(30).default(5),
      /** The owner is reminded this long before a follow-up is due (never outside business hours). */
      reminderLeadMinutes: minutes.default(60),
    })
    .default({
      sameDayCutoff: '15:00',
      morningDueMinutes: 120,
      secondAfterHours: 48,
      thirdAfterDays: 5,
      reminderLeadMinutes: 60,
    }),
  /** The customer's first response (docs/product-rules.md §7). */
  acknowledgement: z
    .strictObject({
      /** Whether the automatic acknowledgement SMS is sent at all (consent permitting). */
      enabled: z.boolean().default(true),
      /** After hours: the promised contact window starts at the next opening and lasts this long. */
      afterHoursWindowMinutes: minutes.default(120),
    })
    .default({ enabled: true, afterHoursWindowMinutes: 120 }),
  /**
   * Hosts a web form's `redirect` may send the browser to after posting a lead (the business's own
   * website, e.g. `www.lonestar.example.com`). The API's own host and relative paths are always allowed.
   */
  formRedirectHosts: z.array(z.hostname().max(253)).max(20).default([]),
  /**
   * Countries (ISO 3166 alpha-2) whose numbers may get customer SMS; unset means the business's own
   * `defaultPhoneCountry` (docs/product-rules.md §10).
   */
  customerSmsCountries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2, e.g. US'))
    .min(1)
    .max(50)
    .refine((codes) => new Set(codes).size === codes.length, 'each country once')
    .optional(),
  /** Customer SMS a day (business time zone) at most; once reached, none until tomorrow and ops is alarmed. */
  customerSmsDailyBudget: z.number().int().min(0).max(100_000).default(200),
  /** The end-of-day review and the weekly numbers (docs/product-rules.md §8, seed 003). */
  review: z
    .strictObject({
      /** An active lead with no contact for this many days is "quiet". */
      quietDays: z.number().int().min(1).max(60).default(7),
      /** An open estimate older than this many days counts as stale in the weekly numbers. */
      staleEstimateDays: z.number().int().min(1).max(60).default(7),
      /** Handoffs sampled for the weekly QA review. */
      qaSampleSize: z.number().int().min(1).max(50).default(5),
    })
    .default({ quietDays: 7, staleEstimateDays: 7, qaSampleSize: 5 }),
  /** Accepted but idle (docs/product-rules.md §5): a next action past due reminds its owner, then... */
  idleNextAction: z
    .strictObject({
      /** ...after this many minutes of business hours with nothing logged, the operations lead is told. */
      graceBusinessMinutes: minutes.default(30),
    })
    .default({ graceBusinessMinutes: 30 }),
  /**
   * Lead source connectors' settings that are not secrets, by connector name (`/hooks/<name>`), e.g.
   * `{"twilio-voice": {"dialNumber": "+15125550100"}}`, each checked by its connector's schema
   * (`connector-settings.ts`, docs/connectors/README.md); credentials live in the connectors secret.
   */
  connectors: connectorSettingsSchema,
});
export type BusinessSettings = z.infer<typeof businessSchema>;

export const personSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  role: z.enum(ROLES),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +15125550123')
    .optional(),
  email: z.email().optional(),
  /** Markets served; empty means every market. */
  markets: z.array(z.string().min(1)).default([]),
  /** Service types handled; empty means every type. */
  serviceTypes: z.array(z.string().min(1)).default([]),
  /** Open handoffs this person can hold at once. */
  capacity: z.number().int().min(1).max(1000),
  /** `business` (the business hours), `always` (on call), or explicit weekly hours. */
  hours: z.union([z.literal('business'), z.literal('always'), weeklyHoursSchema]).default('business'),
  /** The person's own time zone for working hours; defaults to the business time zone. */
  timezone: timeZone.optional(),
  notify: z
    .array(z.enum(['sms', 'email']))
    .min(1)
    .default(['sms', 'email']),
  active: z.boolean().default(true),
});
export type Person = z.infer<typeof personSchema>;

export const marketSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  zips: z.array(z.string().regex(/^\d{5}$/)).min(1),
});
export type Market = z.infer<typeof marketSchema>;

export const ruleSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().optional(),
  when: z
    .strictObject({
      urgency: z.array(z.enum(URGENCIES)).min(1).optional(),
      serviceType: z.array(z.string().min(1)).min(1).optional(),
      market: z.array(z.string().min(1)).min(1).optional(),
      source: z.array(z.enum(SOURCES)).min(1).optional(),
      fit: z.array(z.enum(FITS)).min(1).optional(),
      minValue: z.number().min(0).optional(),
      maxValue: z.number().min(0).optional(),
    })
    .default({}),
  /** The pool: people with these roles and/or these roster ids. */
  assignTo: z
    .strictObject({
      roles: z.array(z.enum(ROLES)).min(1).optional(),
      people: z.array(z.string().min(1)).min(1).optional(),
    })
    .refine((pool) => pool.roles !== undefined || pool.people !== undefined, 'name roles or people'),
  /** The specific next action the owner gets (checked by the next-action rule at load). */
  nextAction: z.string().min(1),
});
export type RoutingRule = z.infer<typeof ruleSchema>;

export const rosterSchema = z.strictObject({
  markets: z.array(marketSchema).min(1),
  serviceTypes: z.array(z.string().min(1)).min(1),
  people: z.array(personSchema).min(1),
  rules: z.array(ruleSchema).min(1),
});
export type Roster = z.infer<typeof rosterSchema>;

/** Who set an away, and how: the person by SMS (`AWAY 2h`), or someone on the board's roster page. */
export interface AwaySetter {
  id: string;
  name: string;
}

/**
 * A roster person out of routing until `until` (ISO-8601 UTC), docs/product-rules.md §12: kept apart
 * from the roster (it changes by the hour, the roster by the week) and merged into the config at load.
 */
export interface AwayEntry {
  until: string;
  setAt: string;
  setBy: AwaySetter;
  via: 'sms' | 'board';
}

export interface AppConfig {
  business: BusinessSettings;
  roster: Roster;
  /**
   * Who is away, by roster id, as read at load (`shared/app/away-aware-config.ts`); an entry whose
   * `until` has passed no longer counts (routing compares with now: nobody has to say BACK).
   */
  away?: Readonly<Record<string, AwayEntry>>;
}
