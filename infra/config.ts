/**
 * Deploy-time settings: the CDK context (`-c key=value`) validated with zod, plus the business settings
 * and roster validated with `parseAppConfig`, so a bad roster fails `cdk synth`/`cdk deploy`, not
 * production. Context keys:
 * - `stage` (default `dev`): names the stack `LeadHandoff-<stage>` and the API keys `leadhandoff-<stage>.*`.
 * - `sources` (default `web_form,phone`): comma-separated intake sources to issue API keys for.
 * - `configDir` (default `config`): `business.json`/`roster.json` there, else the `*.example.json` files.
 * - `apiGatewayCloudWatchRole` (default `true`): set the account's API Gateway logging role; pass
 *   `false` when the account (region) already has one.
 * - `smsOriginationNumber` (optional, E.164 such as `+15125550100`): the number SMS are sent from;
 *   without it SNS picks the account's origination identity.
 * - `opsEmail` (optional): the address subscribed to the ops alarm topic; without it nobody is
 *   subscribed (the stack's `OpsAlarmTopicArn` output says how to subscribe later).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { AppConfig } from '../shared/domain/config';
import { SOURCES, type Source } from '../shared/domain/lead';
import { parseAppConfig } from '../shared/domain/load-config';
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

/** The CDK context keys this app reads, with their defaults. */
export const deployContextSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, starting with a letter (max 20)')
    .default('dev'),
  sources: listOfSources.default(['web_form', 'phone']),
  configDir: z.string().min(1).default('config'),
  apiGatewayCloudWatchRole: flag.default(true),
  smsOriginationNumber: z
    .string()
    .trim()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +15125550123')
    .optional(),
  opsEmail: z
    .string()
    .trim()
    .pipe(z.email({ error: 'an email address, e.g. ops@example.com' }))
    .optional(),
});

/** The raw JSON of the business settings and roster, as read from the files (what gets seeded). */
export interface ConfigFiles {
  business: unknown;
  roster: unknown;
  /** Absolute paths of the files that were read. */
  paths: { business: string; roster: string };
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
  /** E.164 number SMS are sent from; undefined lets SNS choose. */
  smsOriginationNumber?: string;
  /** Subscribed (email) to the ops alarm topic; undefined subscribes nobody. */
  opsEmail?: string;
  files: ConfigFiles;
  /** The validated config (defaults applied); the seed stores the raw files, the functions re-validate. */
  appConfig: AppConfig;
}

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read ${path}`, [], { cause: error });
  }
};

/** `<name>.json` in `dir` if present, else `<name>.example.json`. */
const configFile = (dir: string, name: 'business' | 'roster'): string => {
  const own = join(dir, `${name}.json`);
  return existsSync(own) ? own : join(dir, `${name}.example.json`);
};

/** Reads and validates the business settings and roster in `dir` (absolute or relative to the repository). */
export const loadConfigFiles = (dir: string): { files: ConfigFiles; appConfig: AppConfig } => {
  const absolute = isAbsolute(dir) ? dir : projectPath(dir);
  const paths = { business: configFile(absolute, 'business'), roster: configFile(absolute, 'roster') };
  const business = readJson(paths.business);
  const roster = readJson(paths.roster);
  try {
    return { files: { business, roster, paths }, appConfig: parseAppConfig(business, roster) };
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(`Invalid configuration in ${paths.business} and ${paths.roster}`, error.issues, {
        cause: error,
      });
    }
    throw error;
  }
};

/**
 * Validates the deploy context (`tryGetContext` of the app's root node) and loads the config it points
 * to. Throws `ConfigError` listing every bad key, or every problem in the business settings and roster.
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
  const { stage, sources, configDir, apiGatewayCloudWatchRole, smsOriginationNumber, opsEmail } = parsed.data;
  return {
    stage,
    sources,
    apiGatewayCloudWatchRole,
    apiKeyPrefix: `leadhandoff-${stage}`,
    scheduleGroupName: `leadhandoff-${stage}`,
    ...(smsOriginationNumber === undefined ? {} : { smsOriginationNumber }),
    ...(opsEmail === undefined ? {} : { opsEmail }),
    ...loadConfigFiles(configDir),
  };
};
