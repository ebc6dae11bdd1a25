import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import type { AppFunctionName, LeadHandoffStack } from '../../infra/stack';
import { ROUTES } from '../../shared/http/routes';
import { INDEXES, TTL_ATTRIBUTE } from '../../shared/settings';
import { asArray, type Inspector, inspect, type Json, props, render } from './support';

let stack: LeadHandoffStack;
let inspector: Inspector;
let template: Template;

beforeAll(() => {
  // Bundles every function with esbuild, as `cdk synth` does: a broken entry fails here.
  ({ stack } = buildApp());
  inspector = inspect(stack);
  ({ template } = inspector);
});

const resources = (type: string) => inspector.resources(type);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => inspector.logicalIdOf(construct);
const roleStatements = (roleLogicalId: string) => inspector.roleStatements(roleLogicalId);
const allStatements = () => inspector.allStatements();

const tableLogicalId = () => logicalIdOf(stack.table.table);

const dynamoStatementsOf = (fn: AppFunctionName) =>
  roleStatements(logicalIdOf(stack.functions[fn].role))
    .filter((statement) => asArray(statement.Action).some((action) => action.startsWith('dynamodb:')))
    .map((statement) => ({
      effect: statement.Effect,
      actions: asArray(statement.Action).toSorted(),
      resources: asArray(statement.Resource).map(render).toSorted(),
    }));

describe('lead table', () => {
  it('keeps leads: point-in-time recovery, encryption, deletion protection and Retain', () => {
    // Prepare
    const [[, table] = ['', {}]] = resources('AWS::DynamoDB::Table');

    // Act
    const { PointInTimeRecoverySpecification, SSESpecification, DeletionProtectionEnabled, BillingMode } =
      props(table);

    // Assess
    expect(PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(SSESpecification).toEqual({ SSEEnabled: true });
    expect(DeletionProtectionEnabled).toBe(true);
    expect(BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('expires records through the TTL attribute', () => {
    // Prepare / Act
    const [[, table] = ['', {}]] = resources('AWS::DynamoDB::Table');

    // Assess
    expect(props(table).TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(TTL_ATTRIBUTE).toBe('ttl');
  });

  it('has the three indexes with their keys and INCLUDE projections', () => {
    // Prepare
    const [[, table] = ['', {}]] = resources('AWS::DynamoDB::Table');

    // Act
    const indexes = props(table).GlobalSecondaryIndexes as Json[];

    // Assess
    expect(indexes).toHaveLength(3);
    for (const index of Object.values(INDEXES)) {
      expect(indexes).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] },
      });
    }
  });

  it('names every index with its version, so a changed projection deploys as a new index', () => {
    for (const index of Object.values(INDEXES)) expect(index.name).toMatch(/^[a-zA-Z]+-v[1-9]\d*$/);
  });

  it('projects the follow-up timer time into the open index, where the reconciler finds lost timers', () => {
    // Prepare
    const [[, table] = ['', {}]] = resources('AWS::DynamoDB::Table');

    // Act
    const open = (props(table).GlobalSecondaryIndexes as Json[]).find(
      (index) => index.IndexName === INDEXES.open.name,
    );

    // Assess
    expect(open?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: [
        'status',
        'assigneeId',
        'assignedAt',
        'dueAt',
        'handoffSeq',
        'handoffState',
        'dispatch',
        'timerAt',
      ],
    });
  });

  it('seeds nothing: no custom resource writes the config item and no role but the functions may PutItem', () => {
    // Prepare
    const statements = allStatements();

    // Act
    const seeds = resources('Custom::LeadHandoffConfigSeed');
    const putOnly = statements.filter(
      (statement) => render(asArray(statement.Action)) === '["dynamodb:PutItem"]',
    );

    // Assess
    expect(seeds).toEqual([]);
    expect(putOnly).toEqual([]);
  });
});

describe('functions', () => {
  const appFunctions = () =>
    resources('AWS::Lambda::Function').filter(([, fn]) => {
      const variables = ((props(fn).Environment as Json | undefined)?.Variables ?? {}) as Json;
      return 'POWERTOOLS_SERVICE_NAME' in variables;
    });

  it('runs the thirteen app functions on arm64 with Node.js 24, traced', () => {
    // Prepare / Act
    const functions = appFunctions();

    // Assess
    expect(functions).toHaveLength(13);
    expect(Object.keys(stack.functions).toSorted()).toEqual([
      'authorizer',
      'board',
      'deadline',
      'dispatcher',
      'hooks',
      'intake',
      'leads',
      'links',
      'notifier',
      'ops',
      'reconciler',
      'review',
      'sms-inbound',
    ]);
    for (const [, fn] of functions) {
      expect(props(fn).Architectures).toEqual(['arm64']);
      expect(props(fn).Runtime).toBe('nodejs24.x');
      expect(props(fn).TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('gives every function its own log group with retention, and has no function but the eleven of the app', () => {
    // Prepare
    const logGroups = new Map(resources('AWS::Logs::LogGroup'));

    // Act
    const functions = resources('AWS::Lambda::Function');

    // Assess
    expect(functions.map(([id]) => id).toSorted()).toEqual(
      Object.values(stack.functions)
        .map((fn) => logicalIdOf(fn.fn))
        .toSorted(),
    );
    expect(functions).toHaveLength(13);
    for (const [, fn] of functions) {
      const ref = ((props(fn).LoggingConfig as Json | undefined)?.LogGroup as Json | undefined)?.Ref;
      const logGroup = logGroups.get(String(ref));
      expect(logGroup).toBeDefined();
      expect(props(logGroup ?? {}).RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('tells intake and leads the table name, and the authorizer the API key prefix', () => {
    // Prepare
    const variablesOf = (fn: AppFunctionName) => inspector.variablesOf(logicalIdOf(stack.functions[fn].fn));

    // Act
    const [authorizer, intake, leads] = [
      variablesOf('authorizer'),
      variablesOf('intake'),
      variablesOf('leads'),
    ];

    // Assess
    expect(intake.TABLE_NAME).toEqual({ Ref: tableLogicalId() });
    expect(leads.TABLE_NAME).toEqual({ Ref: tableLogicalId() });
    expect(authorizer.TABLE_NAME).toBeUndefined();
    expect(authorizer.API_KEY_PREFIX).toBe('leadhandoff-dev');
  });
});

describe('least privilege', () => {
  const tableArn = () => `<${tableLogicalId()}.Arn>`;
  const indexArns = () =>
    Object.values(INDEXES)
      .map((index) => `${tableArn()}/index/${index.name}`)
      .toSorted();
  const readWrite = [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ];

  it.each(['leads'] as const)('lets %s read and write items on the table and query its indexes', (fn) => {
    // Prepare / Act
    const statements = dynamoStatementsOf(fn);

    // Assess
    expect(statements).toEqual([
      { effect: 'Allow', actions: readWrite, resources: [tableArn()] },
      { effect: 'Allow', actions: ['dynamodb:Query'], resources: indexArns() },
    ]);
  });

  it.each(['intake', 'deadline', 'links', 'reconciler', 'dispatcher'] as const)(
    'lets %s read and write items and query only the open index (routing: capacity, round-robin)',
    (fn) => {
      // Prepare / Act
      const statements = dynamoStatementsOf(fn);

      // Assess
      expect(statements).toEqual([
        { effect: 'Allow', actions: readWrite, resources: [tableArn()] },
        {
          effect: 'Allow',
          actions: ['dynamodb:Query'],
          resources: [`${tableArn()}/index/${INDEXES.open.name}`],
        },
      ]);
    },
  );

  it.each(['ops', 'review'] as const)(
    'lets %s read and write items and query only the open and byDay indexes (daily review, weekly report)',
    (fn) => {
      // Prepare / Act
      const statements = dynamoStatementsOf(fn);

      // Assess
      expect(statements).toEqual([
        { effect: 'Allow', actions: readWrite, resources: [tableArn()] },
        {
          effect: 'Allow',
          actions: ['dynamodb:Query'],
          resources: [
            `${tableArn()}/index/${INDEXES.byDay.name}`,
            `${tableArn()}/index/${INDEXES.open.name}`,
          ],
        },
      ]);
    },
  );

  it.each(['notifier'] as const)('lets %s read and write items and query no index', (fn) => {
    // Prepare / Act
    const statements = dynamoStatementsOf(fn);

    // Assess
    expect(statements).toEqual([{ effect: 'Allow', actions: readWrite, resources: [tableArn()] }]);
  });

  it('gives the authorizer no table access', () => {
    // Prepare / Act
    const statements = dynamoStatementsOf('authorizer');

    // Assess
    expect(statements).toEqual([]);
  });

  it('lets the authorizer only read this app’s API keys, each by its id, never the /apikeys collection', () => {
    // Prepare
    const statements = roleStatements(logicalIdOf(stack.functions.authorizer.role));
    const keyArn = (key: { node: { defaultChild?: unknown } }) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':apigateway:',
          { Ref: 'AWS::Region' },
          '::/apikeys/',
          { Ref: logicalIdOf(key) },
        ],
      ],
    });

    // Act
    const apigateway = statements.filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('apigateway:')),
    );

    // Assess
    expect(apigateway).toEqual([
      {
        Effect: 'Allow',
        Action: 'apigateway:GET',
        Resource: [
          keyArn(stack.api.keys.intakeKeys.get('web_form') ?? stack.api.keys.opsKey),
          keyArn(stack.api.keys.intakeKeys.get('phone') ?? stack.api.keys.opsKey),
          keyArn(stack.api.keys.opsKey),
        ],
      },
    ]);
  });

  it('never allows Scan, dynamodb:* or DynamoDB on every resource, anywhere in the template', () => {
    // Prepare
    const dynamo = allStatements().filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('dynamodb:') || action === '*'),
    );

    // Act
    const actions = dynamo.flatMap((statement) => asArray(statement.Action));
    const resourcesOf = dynamo.flatMap((statement) => asArray(statement.Resource).map(render));

    // Assess
    expect(dynamo.length).toBeGreaterThan(0);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:*');
    expect(actions).not.toContain('*');
    expect(resourcesOf).not.toContain('*');
    expect(resourcesOf.filter((resource) => resource.includes('*'))).toEqual([]);
  });
});

describe('API', () => {
  const authorizerId = () => Object.keys(template.findResources('AWS::ApiGateway::Authorizer'))[0];

  it('has a REQUEST authorizer with no identity source and no cache', () => {
    // Prepare / Act
    const authorizers = resources('AWS::ApiGateway::Authorizer');

    // Assess
    expect(authorizers).toHaveLength(1);
    expect(props(authorizers[0]?.[1] ?? {})).toMatchObject({
      Type: 'REQUEST',
      IdentitySource: '',
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it('takes API keys from the authorizer', () => {
    // Prepare / Act
    const [[, api] = ['', {}]] = resources('AWS::ApiGateway::RestApi');

    // Assess
    expect(props(api).ApiKeySourceType).toBe('AUTHORIZER');
  });

  it('requires an API key and the custom authorizer on every method of a protected route', () => {
    // Prepare
    const protectedRoutes = ROUTES.filter((route) => route.auth !== 'public');

    // Act
    const methods = resources('AWS::ApiGateway::Method').map(([, method]) => props(method));

    // Assess
    expect(methods).toHaveLength(ROUTES.length);
    expect(methods.filter((method) => method.ApiKeyRequired === true)).toHaveLength(protectedRoutes.length);
    for (const method of methods.filter((m) => m.ApiKeyRequired === true)) {
      expect(method.AuthorizationType).toBe('CUSTOM');
      expect(method.AuthorizerId).toEqual({ Ref: authorizerId() });
    }
    for (const route of protectedRoutes) {
      expect(
        methods.some((method) => method.HttpMethod === route.method && method.ApiKeyRequired === true),
      ).toBe(true);
    }
  });

  it('has one throttled usage plan with its own key per intake source, and one for ops', () => {
    // Prepare
    const keys = new Map(
      resources('AWS::ApiGateway::ApiKey').map(([id, key]) => [id, String(props(key).Name)]),
    );
    const planKeys = resources('AWS::ApiGateway::UsagePlanKey').map(([, link]) => props(link));

    // Act
    const plans = resources('AWS::ApiGateway::UsagePlan').map(([id, plan]) => {
      const keyIds = planKeys
        .filter((link) => (link.UsagePlanId as Json).Ref === id)
        .map((link) => String((link.KeyId as Json).Ref));
      return { plan: props(plan), keyNames: keyIds.map((keyId) => keys.get(keyId)) };
    });

    // Assess
    expect(plans.map(({ plan }) => plan.UsagePlanName).toSorted()).toEqual([
      'leadhandoff-dev.intake.phone',
      'leadhandoff-dev.intake.web_form',
      'leadhandoff-dev.ops',
    ]);
    for (const { plan, keyNames } of plans) {
      expect(keyNames).toEqual([plan.UsagePlanName]);
      expect(plan.Throttle).toEqual({ RateLimit: expect.any(Number), BurstLimit: expect.any(Number) });
      expect(plan.ApiStages).toEqual([
        expect.objectContaining({ Stage: { Ref: expect.stringMatching(/DeploymentStage/) } }),
      ]);
    }
    // No quota on any plan: the web form's key is public, so a quota would be a budget anyone could spend.
    for (const { plan } of plans) expect(plan).not.toHaveProperty('Quota');
  });

  it.each([
    ['UNAUTHORIZED', '401', 'unauthorized'],
    ['ACCESS_DENIED', '403', 'forbidden'],
  ])('answers %s with %s and a JSON error', (type, status, error) => {
    // Prepare / Act
    const responses = resources('AWS::ApiGateway::GatewayResponse')
      .map(([, response]) => props(response))
      .filter((response) => response.ResponseType === type);

    // Assess
    expect(responses).toEqual([
      expect.objectContaining({
        StatusCode: status,
        ResponseTemplates: { 'application/json': JSON.stringify({ error }) },
      }),
    ]);
  });

  it('answers default 4xx and 5xx with a JSON error and no details', () => {
    // Prepare / Act
    const defaults = resources('AWS::ApiGateway::GatewayResponse')
      .map(([, response]) => props(response))
      .filter((response) => String(response.ResponseType).startsWith('DEFAULT_'));

    // Assess
    expect(defaults.map((response) => response.ResponseTemplates)).toEqual([
      { 'application/json': '{"error":"request_rejected"}' },
      { 'application/json': '{"error":"internal_error"}' },
    ]);
  });

  it('logs access as JSON without the query string, traces and throttles the stage', () => {
    // Prepare / Act
    const [[, stage] = ['', {}]] = resources('AWS::ApiGateway::Stage');
    const { AccessLogSetting, TracingEnabled, MethodSettings } = props(stage);
    const format = JSON.parse(String((AccessLogSetting as Json).Format)) as Json;

    // Assess
    expect(TracingEnabled).toBe(true);
    expect(format.requestId).toBe('$context.requestId');
    expect(Object.values(format)).not.toContain('$context.path');
    expect(MethodSettings).toContainEqual(
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      }),
    );
    for (const setting of MethodSettings as Json[]) {
      expect(setting).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true });
    }
  });

  it('outputs the API URL, the table name and every API key id with how to read its value', () => {
    // Prepare / Act
    const outputs = template.toJSON().Outputs as Record<string, { Description?: string }>;

    // Assess
    expect(Object.keys(outputs).toSorted()).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'IntakeApiKeyIdPhone',
        'IntakeApiKeyIdWebForm',
        'OpsApiKeyId',
        'TableName',
      ]),
    );
    expect(outputs.OpsApiKeyId?.Description).toContain('aws apigateway get-api-key');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed error', () => {
    // Prepare / Act
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));

    // Assess
    expect(errors).toEqual([]);
  });

  it('reports no unsuppressed warning', () => {
    // Prepare / Act
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));

    // Assess
    expect(warnings).toEqual([]);
  });
});
