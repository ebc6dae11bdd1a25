/**
 * What must hold before real customers and staff use a deployed stack: no personal data in the template,
 * least-privilege reads of API keys, confused-deputy guards on the roles and the key services use,
 * log groups that expire, alarms that notify on every new failure, and per-IP limits on public routes.
 */
import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { projectPath, readDeployConfig, WAF_DEFAULTS } from '../../infra/config';
import { RATE_LIMITED_STATUS } from '../../infra/constructs/api-firewall';
import { API_KEY_IDS_ENV } from '../../infra/constructs/api-keys';
import type { LeadHandoffStack } from '../../infra/stack';
import { ConfigError } from '../../shared/errors';
import { asArray, type Inspector, inspect, type Json, NO_BUNDLING, props } from './support';

let stack: LeadHandoffStack;
let inspector: Inspector;
let templateJson: string;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  inspector = inspect(stack);
  templateJson = JSON.stringify(inspector.template.toJSON());
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => inspector.logicalIdOf(construct);
const accountRef = { Ref: 'AWS::AccountId' };

describe('no personal data in the template', () => {
  const roster = JSON.parse(readFileSync(projectPath('config', 'roster.example.json'), 'utf8')) as {
    people: Array<{ name: string; phone?: string; email?: string }>;
  };

  it.each(
    roster.people.flatMap((person) =>
      [person.phone, person.email, person.name].filter((value): value is string => value !== undefined),
    ),
  )('leaves out %s', (value) => {
    expect(templateJson).not.toContain(value);
  });

  it('subscribes no email address and seeds no config item', () => {
    // The one subscription is the inbound SMS queue's (protocol sqs); no address is subscribed.
    expect(
      inspector
        .resources('AWS::SNS::Subscription')
        .map(([, sub]) => (sub.Properties as { Protocol: string }).Protocol),
    ).toEqual(['sqs']);
    expect(inspector.resources('Custom::LeadHandoffConfigSeed')).toEqual([]);
  });

  it('still leaves the roster out when an ops email is given: only that address is in the template', () => {
    // Act
    const { stack: withOps } = buildApp({ context: { ...NO_BUNDLING, opsEmail: 'ops@example.com' } });
    const json = JSON.stringify(inspect(withOps).template.toJSON());

    // Assess
    expect(json).toContain('ops@example.com');
    for (const person of roster.people) if (person.email) expect(json).not.toContain(person.email);
  });
});

describe('API key reads', () => {
  it('lets the authorizer GET exactly this app’s keys, each by its own ARN, and nothing of the collection', () => {
    // Prepare
    const role = logicalIdOf(stack.functions.authorizer.role);
    const keyIds = stack.api.keys.allKeys.map((key) => logicalIdOf(key));

    // Act
    const grants = inspector.grantsMatching((action) => action.startsWith('apigateway:'));

    // Assess
    expect(grants.map((grant) => grant.role)).toEqual(keyIds.map(() => role));
    expect(grants.map((grant) => grant.action)).toEqual(keyIds.map(() => 'apigateway:GET'));
    expect(grants.map((grant) => grant.resource).toSorted()).toEqual(
      keyIds.map((id) => `arn:<AWS::Partition>:apigateway:<AWS::Region>::/apikeys/<${id}>`).toSorted(),
    );
    expect(grants.every((grant) => grant.condition === undefined)).toBe(true);
  });

  it('tells the authorizer the ids of those keys', () => {
    const fn = logicalIdOf(stack.functions.authorizer.fn);
    const joined = JSON.stringify(inspector.variablesOf(fn)[API_KEY_IDS_ENV]);
    for (const key of stack.api.keys.allKeys) expect(joined).toContain(`"Ref":"${logicalIdOf(key)}"`);
  });

  it('gives intake keys a throttle and no quota', () => {
    const plans = inspector.resources('AWS::ApiGateway::UsagePlan').map(([, plan]) => props(plan));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.Quota).toBeUndefined();
      expect(plan.Throttle).toBeDefined();
    }
  });
});

describe('confused-deputy guards', () => {
  it('lets Scheduler assume the handoff timer role only for this account’s handoff schedule group', () => {
    // Act
    const trust = props(inspector.resource(logicalIdOf(stack.timers.role))).AssumeRolePolicyDocument as {
      Statement: Json[];
    };

    // Assess
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': accountRef,
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':scheduler:',
                  { Ref: 'AWS::Region' },
                  ':',
                  accountRef,
                  `:schedule-group/${stack.timers.groupName}`,
                ],
              ],
            },
          },
        },
      },
    ]);
  });

  it('lets CloudWatch use the alarm topic key only for this stack’s alarms in this account', () => {
    // Prepare
    const key = props(inspector.resource(logicalIdOf(stack.alarms.key))).KeyPolicy as { Statement: Json[] };

    // Act
    const forServices = key.Statement.filter((statement) => 'Service' in (statement.Principal as Json));
    const forAccounts = key.Statement.filter((statement) => 'AWS' in (statement.Principal as Json));

    // Assess
    expect(forServices).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': accountRef },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudwatch:',
                  { Ref: 'AWS::Region' },
                  ':',
                  accountRef,
                  `:alarm:${Stack.of(stack).stackName}-*`,
                ],
              ],
            },
          },
        },
      },
    ]);
    // The administrative statement names this account's root, never another account or '*'.
    expect(forAccounts.map((statement) => JSON.stringify(statement.Principal))).toEqual([
      expect.stringContaining('"Ref":"AWS::AccountId"'),
    ]);
  });
});

describe('log groups', () => {
  it('gives every log group a retention, the API execution logs included', () => {
    // Act
    const groups = inspector.resources('AWS::Logs::LogGroup').map(([, group]) => props(group));

    // Assess
    expect(groups.length).toBeGreaterThan(10);
    for (const group of groups) expect(group.RetentionInDays).toBeGreaterThan(0);
    const execution = props(inspector.resource(logicalIdOf(stack.api.executionLogs)));
    expect(JSON.stringify(execution.LogGroupName)).toContain('API-Gateway-Execution-Logs_');
    expect(JSON.stringify(execution.LogGroupName)).toContain('/v1');
  });

  it('creates the execution log group before the stage starts writing to it', () => {
    const stage = inspector.resource(logicalIdOf(stack.api.api.deploymentStage));
    expect(asArray(stage.DependsOn as string | string[])).toContain(logicalIdOf(stack.api.executionLogs));
  });
});

describe('dead-letter alarms notify on every new failure', () => {
  const alarmOf = (name: string): Json => {
    const alarm = stack.alarms.deadLetterAlarms.get(name);
    if (alarm === undefined) throw new Error(`No alarm for ${name}`);
    return props(inspector.resource(logicalIdOf(alarm)));
  };

  it.each(['scheduler-dlq', 'deadline-failures', 'reconciler-schedule-dlq', 'review-schedule-dlq'])(
    '%s (sent to by a service): messages sent per minute, which falls back to OK after a quiet minute',
    (name) => {
      const alarm = alarmOf(name);
      expect(alarm).toMatchObject({
        MetricName: 'NumberOfMessagesSent',
        Namespace: 'AWS/SQS',
        Statistic: 'Sum',
        Period: 60,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it.each(['dispatch-dlq', 'notify-urgent-dlq', 'notify-standard-dlq'])(
    '%s (moved to by redrive): the minute-to-minute growth of its depth',
    (name) => {
      const alarm = alarmOf(name);
      const metrics = alarm.Metrics as Json[];
      expect(alarm).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
      expect(metrics.find((metric) => metric.ReturnData !== false)?.Expression).toBe('DIFF(FILL(depth, 0))');
      expect(metrics.find((metric) => metric.Id === 'depth')).toMatchObject({
        MetricStat: {
          Metric: { MetricName: 'ApproximateNumberOfMessagesVisible' },
          Period: 60,
          Stat: 'Maximum',
        },
        ReturnData: false,
      });
    },
  );

  it('notifies the topic on ALARM and on OK, so each return to OK re-arms it', () => {
    for (const name of stack.alarms.deadLetterAlarms.keys()) {
      const alarm = alarmOf(name);
      expect(alarm.AlarmActions).toEqual([{ Ref: logicalIdOf(stack.alarms.topic) }]);
      expect(alarm.OKActions).toEqual([{ Ref: logicalIdOf(stack.alarms.topic) }]);
    }
  });
});

/** Every byte-match condition under a statement, in order: what it inspects and how it matches. */
const byteMatches = (statement: unknown): Array<{ field: string; match: string }> => {
  if (typeof statement !== 'object' || statement === null) return [];
  const json = statement as Json;
  const own = json.ByteMatchStatement as Json | undefined;
  if (own !== undefined) {
    return [
      {
        field: Object.keys(own.FieldToMatch as Json).join(','),
        match: `${String(own.PositionalConstraint)} ${String(own.SearchString)}`,
      },
    ];
  }
  return Object.values(json).flatMap((value) =>
    Array.isArray(value) ? value.flatMap(byteMatches) : byteMatches(value),
  );
};

describe('web ACL', () => {
  const aclOf = (s: LeadHandoffStack) => props(inspect(s).resource(s.getLogicalId(s.api.firewall.webAcl)));

  it('is associated with the API stage', () => {
    const [[, association] = ['', {}]] = inspector.resources('AWS::WAFv2::WebACLAssociation');
    expect(props(association).WebACLArn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(stack.api.firewall.webAcl), 'Arn'],
    });
    expect(JSON.stringify(props(association).ResourceArn)).toContain('/stages/');
    expect(asArray(association.DependsOn as string[])).toContain(logicalIdOf(stack.api.api.deploymentStage));
  });

  it('limits POST /leads and /hooks/*, the link and sign-in routes per IP, answering 429, allowing the rest', () => {
    // Act
    const acl = aclOf(stack);
    const rules = acl.Rules as Json[];

    // Assess
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(rules.map((rule) => rule.Name)).toEqual(['IntakePerIp', 'LinksPerIp']);
    for (const rule of rules) {
      expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: RATE_LIMITED_STATUS } } });
    }
    const [intake, links] = rules.map((rule) => (rule.Statement as Json).RateBasedStatement as Json);
    expect(intake).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: WAF_DEFAULTS.intakeLimit,
      EvaluationWindowSec: WAF_DEFAULTS.windowSeconds,
    });
    expect(links).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: WAF_DEFAULTS.linkLimit,
      EvaluationWindowSec: WAF_DEFAULTS.windowSeconds,
    });
    expect(byteMatches(intake?.ScopeDownStatement)).toEqual([
      { field: 'Method', match: 'EXACTLY POST' },
      { field: 'UriPath', match: 'EXACTLY /v1/leads' },
      { field: 'UriPath', match: 'STARTS_WITH /v1/hooks/' },
    ]);
    expect(byteMatches(links?.ScopeDownStatement)).toEqual([
      { field: 'UriPath', match: 'STARTS_WITH /v1/h/' },
      { field: 'UriPath', match: 'STARTS_WITH /v1/s/' },
      { field: 'UriPath', match: 'EXACTLY /v1/sign-in' },
    ]);
  });

  it('takes its thresholds from the context', () => {
    // Act
    const { stack: tuned } = buildApp({
      context: { ...NO_BUNDLING, wafIntakeLimit: '50', wafLinkLimit: 20, wafWindowSeconds: '60' },
    });
    const rules = aclOf(tuned).Rules as Json[];

    // Assess
    expect(rules.map((rule) => ((rule.Statement as Json).RateBasedStatement as Json).Limit)).toEqual([
      50, 20,
    ]);
    expect(
      rules.map((rule) => ((rule.Statement as Json).RateBasedStatement as Json).EvaluationWindowSec),
    ).toEqual([60, 60]);
  });

  it.each([
    [{ wafIntakeLimit: 5 }, 'wafIntakeLimit'],
    [{ wafLinkLimit: 'many' }, 'wafLinkLimit'],
    [{ wafLinkLimit: 10.5 }, 'wafLinkLimit'],
    [{ wafWindowSeconds: 90 }, 'wafWindowSeconds'],
  ])('refuses %o', (context, key) => {
    // Act
    let error: unknown;
    try {
      readDeployConfig((name) => (context as Record<string, unknown>)[name]);
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([key]);
  });
});
