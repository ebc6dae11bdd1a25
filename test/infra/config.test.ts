import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { projectPath, readDeployConfig } from '../../infra/config';
import { ConfigError } from '../../shared/errors';

const example = (name: 'business' | 'roster'): Record<string, unknown> =>
  JSON.parse(readFileSync(projectPath('config', `${name}.example.json`), 'utf8'));

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

/** A config directory holding `business.json` and `roster.json`. */
const configDir = (business: unknown, roster: unknown): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lead-handoff-config-'));
  writeFileSync(join(dir, 'business.json'), JSON.stringify(business));
  writeFileSync(join(dir, 'roster.json'), JSON.stringify(roster));
  return dir;
};

/** Skips esbuild: these tests look at the template, not the bundles. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('deploy context', () => {
  it('defaults to stage dev, web_form and phone keys, and the example business settings', () => {
    // Prepare
    const context = contextOf({});

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.stage).toBe('dev');
    expect(config.sources).toEqual(['web_form', 'phone']);
    expect(config.apiKeyPrefix).toBe('leadhandoff-dev');
    expect(config.apiGatewayCloudWatchRole).toBe(true);
    expect(config.businessFile).toBe(projectPath('config', 'business.example.json'));
    expect(config.business.name).toBe(example('business').name);
    expect(config).not.toHaveProperty('roster');
  });

  it('reads a comma-separated source list as the CLI passes it, trimmed and without duplicates', () => {
    // Prepare
    const context = contextOf({ stage: 'prod', sources: 'web_form, referral,web_form' });

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.sources).toEqual(['web_form', 'referral']);
    expect(config.apiKeyPrefix).toBe('leadhandoff-prod');
  });

  it('refuses an unknown source, naming the context key', () => {
    // Prepare
    const context = contextOf({ sources: 'web_form,fax' });

    // Act
    const error = thrown(() => readDeployConfig(context));

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(['sources.1']);
  });

  it('refuses a stage that cannot name a stack and API keys', () => {
    // Prepare
    const context = contextOf({ stage: 'Prod Stage' });

    // Act
    const error = thrown(() => readDeployConfig(context));

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(['stage']);
  });

  it('reads the string "false" as false for apiGatewayCloudWatchRole', () => {
    // Prepare
    const context = contextOf({ apiGatewayCloudWatchRole: 'false' });

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.apiGatewayCloudWatchRole).toBe(false);
  });

  it('has no SMS origination number unless one is given', () => {
    // Prepare
    const context = contextOf({});

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.smsOriginationNumberId).toBeUndefined();
  });

  it('reads the origination number’s id in End User Messaging SMS, trimmed', () => {
    // Prepare
    const context = contextOf({ smsOriginationNumberId: ' phone-0123456789abcdef0123456789abcdef ' });

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.smsOriginationNumberId).toBe('phone-0123456789abcdef0123456789abcdef');
  });

  it.each(['+15125550100', 'phone-', 'arn:aws:sms-voice:us-east-1:1:phone-number/phone-1', ''])(
    'refuses the origination number id %j, naming the context key',
    (id) => {
      // Prepare
      const context = contextOf({ smsOriginationNumberId: id });

      // Act
      const error = thrown(() => readDeployConfig(context));

      // Assess
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(['smsOriginationNumberId']);
    },
  );

  it('refuses the former smsOriginationNumber, saying what replaced it', () => {
    // Prepare
    const context = contextOf({ smsOriginationNumber: '+15125550100' });

    // Act
    const error = thrown(() => readDeployConfig(context));

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: 'smsOriginationNumber', message: expect.stringContaining('smsOriginationNumberId') },
    ]);
  });

  it('has no ops email unless one is given', () => {
    // Prepare
    const context = contextOf({});

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.opsEmail).toBeUndefined();
  });

  it('reads the ops email, trimmed', () => {
    // Prepare
    const context = contextOf({ opsEmail: ' ops@example.com ' });

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.opsEmail).toBe('ops@example.com');
  });

  it.each(['ops', 'ops@', '@example.com', 'ops@example', 'ops example@example.com', ''])(
    'refuses the ops email %j, naming the context key',
    (email) => {
      // Prepare
      const context = contextOf({ opsEmail: email });

      // Act
      const error = thrown(() => readDeployConfig(context));

      // Assess
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(['opsEmail']);
    },
  );

  it('names the schedule group after the stage', () => {
    // Prepare
    const context = contextOf({ stage: 'prod' });

    // Act
    const config = readDeployConfig(context);

    // Assess
    expect(config.scheduleGroupName).toBe('leadhandoff-prod');
  });

  it('prefers business.json over the example', () => {
    // Prepare
    const business = { ...example('business'), name: 'Gulf Coast Roofing' };
    const dir = configDir(business, example('roster'));

    // Act
    const config = readDeployConfig(contextOf({ configDir: dir }));

    // Assess
    expect(config.businessFile).toBe(join(dir, 'business.json'));
    expect(config.business.name).toBe('Gulf Coast Roofing');
  });
});

describe('bad business settings fail the synth; the roster is never read', () => {
  it('throws when the business settings break the schema', () => {
    // Prepare
    const dir = configDir({ ...example('business'), timezone: 42 }, example('roster'));

    // Act
    const error = thrown(() => buildApp({ context: { ...NO_BUNDLING, configDir: dir } }));

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toContain('business.timezone');
  });

  it('throws when business.json is not JSON', () => {
    // Prepare
    const dir = configDir(example('business'), example('roster'));
    writeFileSync(join(dir, 'business.json'), '{ "name": [');

    // Act
    const error = thrown(() => buildApp({ context: { ...NO_BUNDLING, configDir: dir } }));

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('business.json');
  });

  it('synthesizes with a roster that is not even JSON: infra does not open it', () => {
    // Prepare
    const dir = configDir(example('business'), example('roster'));
    writeFileSync(join(dir, 'roster.json'), '{ "people": [');

    // Act
    const error = thrown(() => buildApp({ context: { ...NO_BUNDLING, configDir: dir } }));

    // Assess
    expect(error).toBeUndefined();
  });
});

describe('API Gateway logging role', () => {
  it('leaves the account logging role alone when apiGatewayCloudWatchRole is false', () => {
    // Prepare
    const { stack } = buildApp({ context: { ...NO_BUNDLING, apiGatewayCloudWatchRole: 'false' } });

    // Act
    const accounts = Template.fromStack(stack).findResources('AWS::ApiGateway::Account');

    // Assess
    expect(accounts).toEqual({});
  });

  it('sets the account logging role by default, and keeps it when the stack is deleted', () => {
    // Prepare
    const { stack } = buildApp({ context: NO_BUNDLING });

    // Act
    const accounts = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Account'));

    // Assess
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.DeletionPolicy).toBe('Retain');
  });
});
