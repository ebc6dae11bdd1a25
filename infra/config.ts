/**
 * Deploy-time settings: the CDK context (`-c key=value`) validated with zod, plus the business settings
 * (validated with the business schema: the review schedules are built from their hours and time zone).
 * The roster is never read here: people's names, phones and emails stay out of the template and are
 * loaded after deploy with `npm run ops -- config push <dir>`. Context keys:
 * - `stage` (default `dev`): names the stack `LeadHandoff-<stage>` and the API keys `leadhandoff-<stage>.*`.
 * - `sources` (default `web_form,phone`): comma-separated intake sources to issue API keys for.
 * - `configDir` (default `config`): `business.json` there, else `business.example.json` (no people in it).
 * - `apiGatewayCloudWatchRole` (default `true`): set the account's API Gateway logging role; pass
 *   `false` when the account (region) already has one.
 * - `smsOriginationNumberId` (optional, such as `phone-1234567890abcdef1234567890abcdef`): the id in AWS
 *   End User Messaging SMS of the number SMS are sent from; the functions may send only from it (IAM
 *   grants `SendTextMessage` on its ARN, which names the id). Without it no SMS can be sent. The former
 *   `smsOriginationNumber` (E.164) is refused: an E.164 number does not name the ARN.
 * - `opsEmail` (optional): the address subscribed to the ops alarm topic; without it nobody is
 *   subscribed (the stack's `OpsAlarmTopicArn` output says how to subscribe later).
 * - `wafIntakeLimit`, `wafLinkLimit`, `wafWindowSeconds`: the web ACL's per-IP rate limits (`WAF_DEFAULTS`).
 * - `dashboard` (default `true`): the CloudWatch dashboard (about 3 USD a month beyond an account's first three).
 * - `functionAlarms` (default `true`): an errors and a throttles alarm per function (about 0.10 USD a month
 *   each); without them only dead-letter and business alarms remain (README "Going live", idle cost).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type BusinessSettings, businessSchema } from '../shared/domain/config';
import { SOURCES, type Source } from '../shared/domain/lead';
import { ConfigError } from '../shared/errors';

/** The repository root (where `package.json` and `cdk.json` live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** An absolute path inside the repository. */
export const projectPath = (...parts: string[]): string => join(PROJECT_ROOT, ...parts);

const listOfSources = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(','))
      .map((source) => source.trim())
      .filter((source) => source !== ''),
  )
  .pipe(
    z
      .array(z.enum(SOURCES, { error: `each source must be one of ${SOURCES.join(', ')}` }))
      .min(1, 'name at least one source'),
  )
  .transform((sources) => [...new Set(sources)]);

const flag = z
  .union([z.boolean(), z.enum(['true', 'false'], { error: 'expected true or false' })])
  .transform((value) => value === true || value === 'true');

/** The evaluation windows AWS WAF accepts for a rate-based rule, in seconds. */
export const WAF_WINDOWS = [60, 120, 300, 600] as const;

/** A window AWS WAF accepts. */
export type WafWindowSeconds = (typeof WAF_WINDOWS)[number];

/**
 * The web ACL's per-IP limits: requests one IP address may make in one evaluation window before WAF
 * answers 429 until its rate drops. Intake (`POST /leads`): a customer sends one form, an office behind
 * one address a few, a phone system's webhooks a steady trickle; 300 in 5 minutes is one a second.
 * Links and sign-in (`/h/`, `/s/`, `/sign-in`): a person opens a link and presses a button or two.
 */
export const WAF_DEFAULTS = { intakeLimit: 300, linkLimit: 100, windowSeconds: 300 } as const satisfies {
  intakeLimit: number;
  linkLimit: number;
  windowSeconds: WafWindowSeconds;
};

/** AWS WAF's bounds for a rate-based rule's limit. */
export const WAF_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

const wafLimit = z.coerce
  .number()
  .int('a whole number of requests')
  .min(WAF_LIMIT_RANGE.min, `at least ${WAF_LIMIT_RANGE.min} (the AWS WAF minimum)`)
  .max(WAF_LIMIT_RANGE.max, `at most ${WAF_LIMIT_RANGE.max} (the AWS WAF maximum)`);

/** The CDK context keys this app reads, with their defaults. */
export const deployContextSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, starting with a letter (max 20)')
    .default('dev'),
  sources: listOfSources.default(['web_form', 'phone']),
  configDir: z.string().min(1).default('config'),
  apiGatewayCloudWatchRole: flag.default(true),
  smsOriginationNumberId: z
    .string()
    .trim()
    .regex(
      /^phone-[A-Za-z0-9]{1,64}$/,
      "the number's id in End User Messaging SMS, e.g. phone-1234567890abcdef1234567890abcdef",
    )
    .optional(),
  smsOriginationNumber: z
    .undefined({
      error:
        "replaced by smsOriginationNumberId: the number's id in End User Messaging SMS (phone-…), whose ARN SMS are sent from",
    })
    .optional(),
  opsEmail: z
    .string()
    .trim()
    .pipe(z.email({ error: 'an email address, e.g. ops@example.com' }))
    .optional(),
  wafIntakeLimit: wafLimit.default(WAF_DEFAULTS.intakeLimit),
  wafLinkLimit: wafLimit.default(WAF_DEFAULTS.linkLimit),
  wafWindowSeconds: z.coerce
    .number()
    .pipe(z.literal(WAF_WINDOWS, { error: `one of ${WAF_WINDOWS.join(', ')} (seconds)` }))
    .default(WAF_DEFAULTS.windowSeconds),
  dashboard: flag.default(true),
  functionAlarms: flag.default(true),
});

/** The per-IP rate limits of the web ACL in front of the API. */
export interface WafSettings {
  /** `POST /leads` requests per IP address per window. */
  intakeLimit: number;
  /** Link and sign-in requests (`/h/`, `/s/`, `/sign-in`) per IP address per window. */
  linkLimit: number;
  windowSeconds: WafWindowSeconds;
}

export interface DeployConfig {
  stage: string;
  sources: Source[];
  /** Whether the stack sets the account-wide API Gateway CloudWatch Logs role. */
  apiGatewayCloudWatchRole: boolean;
  /** Prefix of every API key name: `leadhandoff-<stage>`. */
  apiKeyPrefix: string;
  /** The app's EventBridge Scheduler group: `leadhandoff-<stage>`. */
  scheduleGroupName: string;
  /** The id (`phone-…`) in End User Messaging SMS of the number SMS are sent from; undefined: none. */
  smsOriginationNumberId?: string;
  /** Subscribed (email) to the ops alarm topic; undefined subscribes nobody. */
  opsEmail?: string;
  waf: WafSettings;
  /** Whether the stack has the CloudWatch dashboard. */
  dashboard: boolean;
  /** Whether each function has an errors and a throttles alarm (dead-letter and business alarms always). */
  functionAlarms: boolean;
  /** The validated business settings (defaults applied), read from `businessFile`. */
  business: BusinessSettings;
  /** Absolute path of the business settings file that was read. */
  businessFile: string;
}

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read ${path}`, [], { cause: error });
  }
};

/** `business.json` in `dir` if present, else `business.example.json`. The roster is never read. */
const businessFile = (dir: string): string => {
  const own = join(dir, 'business.json');
  return existsSync(own) ? own : join(dir, 'business.example.json');
};

/**
 * Reads and validates the business settings in `dir` (absolute or relative to the repository). Only
 * the schema is checked here; rules that name roster roles or people are checked when the roster is
 * pushed (`PUT /ops/config` validates business settings and roster together).
 */
export const loadBusinessSettings = (dir: string): { business: BusinessSettings; businessFile: string } => {
  const path = businessFile(isAbsolute(dir) ? dir : projectPath(dir));
  const parsed = businessSchema.safeParse(readJson(path));
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid business settings in ${path}`,
      parsed.error.issues.map((issue) => ({
        path: ['business', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  return { business: parsed.data, businessFile: path };
};

/**
 * Validates the deploy context (`tryGetContext` of the app's root node) and loads the business settings
 * it points to. Throws `ConfigError` listing every bad key, or every problem in the business settings.
 */
export const readDeployConfig = (getContext: (key: string) => unknown): DeployConfig => {
  const raw = Object.fromEntries(Object.keys(deployContextSchema.shape).map((key) => [key, getContext(key)]));
  const parsed = deployContextSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      'Invalid CDK context (pass -c key=value)',
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || 'context',
        message: issue.message,
      })),
    );
  }
  const { stage, sources, configDir, apiGatewayCloudWatchRole, smsOriginationNumberId, opsEmail } =
    parsed.data;
  const { wafIntakeLimit, wafLinkLimit, wafWindowSeconds, dashboard, functionAlarms } = parsed.data;
  return {
    stage,
    sources,
    apiGatewayCloudWatchRole,
    apiKeyPrefix: `leadhandoff-${stage}`,
    scheduleGroupName: `leadhandoff-${stage}`,
    ...(smsOriginationNumberId === undefined ? {} : { smsOriginationNumberId }),
    ...(opsEmail === undefined ? {} : { opsEmail }),
    waf: { intakeLimit: wafIntakeLimit, linkLimit: wafLinkLimit, windowSeconds: wafWindowSeconds },
    dashboard,
    functionAlarms,
    ...loadBusinessSettings(configDir),
  };
};
