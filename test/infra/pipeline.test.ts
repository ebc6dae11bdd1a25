import { App, Duration, Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { LeadHandoffFunction } from '../../infra/constructs/lead-handoff-function';
import { PipelineQueues } from '../../infra/constructs/pipeline-queues';
import type { AppFunctionName, LeadHandoffStack } from '../../infra/stack';
import { ConfigError } from '../../shared/errors';
import { ROUTES } from '../../shared/http/routes';
import type { QueueName } from '../../shared/settings';
import {
  type Grant,
  grantsOf,
  type Inspector,
  idOfArn,
  inspect,
  type Json,
  NO_BUNDLING,
  props,
  render,
} from './support';

let stack: LeadHandoffStack;
let t: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  t = inspect(stack);
});

const SCHEDULE_ARN_PATTERN =
  'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/leadhandoff-dev/*';

const roleOf = (fn: AppFunctionName) => t.logicalIdOf(stack.functions[fn].role);
const functionOf = (fn: AppFunctionName) => t.logicalIdOf(stack.functions[fn].fn);
const queueOf = (name: QueueName) => t.logicalIdOf(stack.queues.queues[name]);
const arnOf = (logicalId: string) => `<${logicalId}.Arn>`;

const grantsMatching = (matches: (action: string) => boolean) => t.grantsMatching(matches);

const byRoleAndAction = (a: Grant & { role: string }, b: Grant & { role: string }) =>
  `${a.role} ${a.action} ${a.resource}`.localeCompare(`${b.role} ${b.action} ${b.resource}`);

const methodFor = (httpMethod: string, path: string): Json => {
  const found = t.methodsAt(httpMethod, path);
  expect(found).toHaveLength(1);
  return found[0] ?? {};
};

describe('scheduler role', () => {
  // Its trust policy (Scheduler only, for this account's handoff schedule group) is asserted exactly in
  // go-live.test.ts, 'confused-deputy guards'.

  it('may only invoke the deadline function and dead-letter to the scheduler DLQ', () => {
    // Prepare
    const roleId = t.logicalIdOf(stack.timers.role);
    const role = props(t.resource(roleId));

    // Act
    const grants = grantsOf(t.roleStatements(roleId));

    // Assess
    expect(grants).toEqual([
      { effect: 'Allow', action: 'lambda:InvokeFunction', resource: arnOf(functionOf('deadline')) },
      {
        effect: 'Allow',
        action: 'sqs:SendMessage',
        resource: arnOf(t.logicalIdOf(stack.timers.deadLetterQueue)),
      },
    ]);
    expect(role.Policies).toBeUndefined();
    expect(role.ManagedPolicyArns).toBeUndefined();
  });
});

describe('schedules', () => {
  it('are in the app’s own group', () => {
    // Prepare / Act
    const groups = t.resources('AWS::Scheduler::ScheduleGroup').map(([, group]) => props(group).Name);

    // Assess
    expect(groups).toEqual(['leadhandoff-dev']);
  });

  it('can be created and deleted by the dispatcher, links and sms-inbound (follow-up and idle next-action timers), deleted by the board (a close), in that group only', () => {
    // Prepare
    const anywhere = grantsOf(t.allStatements()).filter((grant) => grant.action.startsWith('scheduler:'));

    // Act
    const grants = grantsMatching((action) => action.startsWith('scheduler:')).toSorted(byRoleAndAction);

    // Assess
    const expected = [
      { role: roleOf('dispatcher'), action: 'scheduler:CreateSchedule' },
      { role: roleOf('dispatcher'), action: 'scheduler:DeleteSchedule' },
      { role: roleOf('links'), action: 'scheduler:CreateSchedule' },
      { role: roleOf('links'), action: 'scheduler:DeleteSchedule' },
      // An SMS reply accepts as the link does (idle next-action timers, the acceptance timer deleted).
      { role: roleOf('sms-inbound'), action: 'scheduler:CreateSchedule' },
      { role: roleOf('sms-inbound'), action: 'scheduler:DeleteSchedule' },
      { role: roleOf('board'), action: 'scheduler:DeleteSchedule' },
    ].map((grant) => ({ ...grant, effect: 'Allow', resource: SCHEDULE_ARN_PATTERN }));
    expect(grants).toEqual(expected.toSorted(byRoleAndAction));
    expect(anywhere).toHaveLength(expected.length);
  });

  it('are created with the scheduler role, which only the dispatcher, links and sms-inbound may pass, and only to Scheduler', () => {
    // Prepare
    const anywhere = grantsOf(t.allStatements()).filter((grant) => grant.action.startsWith('iam:'));

    // Act
    const grants = grantsMatching((action) => action.startsWith('iam:')).toSorted(byRoleAndAction);

    // Assess
    const expected = [roleOf('dispatcher'), roleOf('links'), roleOf('sms-inbound')].map((role) => ({
      role,
      effect: 'Allow',
      action: 'iam:PassRole',
      resource: arnOf(t.logicalIdOf(stack.timers.role)),
      condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }));
    expect(grants).toEqual(expected.toSorted(byRoleAndAction));
    expect(anywhere).toHaveLength(3);
  });

  it.each(['dispatcher', 'links'] as const)(
    'get their group, role, target and dead-letter queue from the %s’s environment',
    (fn) => {
      // Prepare / Act
      const variables = t.variablesOf(functionOf(fn));

      // Assess
      expect(variables).toMatchObject({
        SCHEDULE_GROUP: 'leadhandoff-dev',
        SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [t.logicalIdOf(stack.timers.role), 'Arn'] },
        DEADLINE_FUNCTION_ARN: { 'Fn::GetAtt': [functionOf('deadline'), 'Arn'] },
        SCHEDULER_DLQ_ARN: { 'Fn::GetAtt': [t.logicalIdOf(stack.timers.deadLetterQueue), 'Arn'] },
      });
    },
  );
});

describe('deadline function', () => {
  it('retries a failed asynchronous invocation twice, then sends it to deadline-failures', () => {
    // Prepare
    const configs = t.resources('AWS::Lambda::EventInvokeConfig').map(([, config]) => props(config));

    // Act
    const deadline = configs.filter((config) => (config.FunctionName as Json).Ref === functionOf('deadline'));

    // Assess
    expect(deadline).toEqual([
      expect.objectContaining({
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [t.logicalIdOf(stack.timers.deadlineFailures), 'Arn'] },
          },
        },
      }),
    ]);
  });
});

describe('queues', () => {
  const queues = () => t.resources('AWS::SQS::Queue');

  const deadLetterIds = () => t.deadLetterQueueIds();

  it('gives every queue that is not a dead-letter queue a redrive policy to one', () => {
    // Prepare
    const deadLetters = deadLetterIds();

    // Act
    const work = queues().filter(([id]) => !deadLetters.has(id));

    // Assess
    expect(work.map(([id]) => id).toSorted()).toEqual(
      [
        queueOf('dispatch'),
        queueOf('notify-urgent'),
        queueOf('notify-standard'),
        t.logicalIdOf(stack.smsInbound.queue),
      ].toSorted(),
    );
    for (const [, queue] of work) {
      const redrive = props(queue).RedrivePolicy as Json;
      expect(deadLetters.has(idOfArn(redrive.deadLetterTargetArn))).toBe(true);
    }
  });

  it('gives each work queue its own dead-letter queue after 5, 8 and 30 receives', () => {
    // Prepare
    const redriveOf = (name: QueueName) => props(t.resource(queueOf(name))).RedrivePolicy as Json;

    // Act
    const redrives = [redriveOf('dispatch'), redriveOf('notify-urgent'), redriveOf('notify-standard')];

    // Assess
    expect(redrives.map((redrive) => redrive.maxReceiveCount)).toEqual([5, 8, 30]);
    expect(new Set(redrives.map((redrive) => idOfArn(redrive.deadLetterTargetArn))).size).toBe(3);
  });

  it('keeps dead letters for 14 days', () => {
    // Prepare
    const deadLetters = deadLetterIds();

    // Act
    const retention = queues()
      .filter(([id]) => deadLetters.has(id))
      .map(([, queue]) => props(queue).MessageRetentionPeriod);

    // Assess
    expect(retention).toEqual(Array.from({ length: 8 }, () => 1209600));
  });

  it('encrypts every queue', () => {
    // Prepare / Act
    const unencrypted = queues().filter(
      ([, queue]) => props(queue).SqsManagedSseEnabled !== true && props(queue).KmsMasterKeyId === undefined,
    );

    // Assess
    expect(queues()).toHaveLength(12);
    expect(unencrypted).toEqual([]);
  });

  it('denies every request to every queue that does not use TLS', () => {
    // Prepare
    const policies = t.resources('AWS::SQS::QueuePolicy').map(([, policy]) => props(policy));
    const deniesPlainHttp = (policy: Json) =>
      (policy.PolicyDocument as { Statement: Json[] }).Statement.some(
        (statement) =>
          statement.Effect === 'Deny' &&
          statement.Action === 'sqs:*' &&
          JSON.stringify(statement.Condition) ===
            JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      );

    // Act
    const unprotected = queues().filter(
      ([id]) =>
        !policies.some(
          (policy) => (policy.Queues as Json[]).some((queue) => queue.Ref === id) && deniesPlainHttp(policy),
        ),
    );

    // Assess
    expect(unprotected).toEqual([]);
  });

  it('hides a message for at least six times its consumer’s timeout', () => {
    // Prepare
    const mappings = t.resources('AWS::Lambda::EventSourceMapping').map(([, mapping]) => props(mapping));

    // Act
    const pairs = mappings.map((mapping) => ({
      visibility: Number(props(t.resource(idOfArn(mapping.EventSourceArn))).VisibilityTimeout),
      timeout: Number(props(t.resource(String((mapping.FunctionName as Json).Ref))).Timeout),
    }));

    // Assess
    expect(pairs).toHaveLength(4);
    for (const { visibility, timeout } of pairs) expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('refuses a consumer whose timeout is over a sixth of the visibility timeout', () => {
    // Prepare
    const scope = new Stack(new App({ context: NO_BUNDLING }), 'QueuesTest');
    const slow = new LeadHandoffFunction(scope, 'Slow', {
      name: 'dispatcher',
      timeout: Duration.seconds(60),
    });
    const queues = new PipelineQueues(scope, 'Queues');

    // Act
    const consume = () => queues.addConsumer(slow, 'dispatch');

    // Assess
    expect(consume).toThrow(ConfigError);
  });
});

describe('event source mappings', () => {
  const mappingOf = (name: QueueName) => {
    const found = t
      .resources('AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => props(mapping))
      .filter((mapping) => idOfArn(mapping.EventSourceArn) === queueOf(name));
    expect(found).toHaveLength(1);
    return found[0] ?? {};
  };

  it.each([
    ['dispatch', 'dispatcher', 10],
    ['notify-urgent', 'notifier', 5],
    ['notify-standard', 'notifier', 1],
  ] as const)('feeds %s to the %s in batches of %i, reporting partial batch failures', (queue, fn, batch) => {
    // Prepare / Act
    const mapping = mappingOf(queue);

    // Assess
    expect(mapping.FunctionName).toEqual({ Ref: functionOf(fn) });
    expect(mapping.BatchSize).toBe(batch);
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('runs the standard lane at most two at a time, the minimum', () => {
    // Prepare / Act
    const mapping = mappingOf('notify-standard');

    // Assess
    expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
  });

  it('never caps the urgent lane or dispatch', () => {
    // Prepare / Act
    const mappings = [mappingOf('notify-urgent'), mappingOf('dispatch')];

    // Assess
    for (const mapping of mappings) expect(mapping.ScalingConfig).toBeUndefined();
  });

  it('are the only four: the three work queues and inbound SMS', () => {
    // Prepare / Act
    const mappings = t.resources('AWS::Lambda::EventSourceMapping');

    // Assess
    expect(mappings).toHaveLength(4);
  });
});

describe('sending to queues', () => {
  it('lets intake, hooks, leads, deadline, links, sms-inbound, the notifier, the dispatcher, ops, the board and the reconciler send to dispatch; the dispatcher, links and sms-inbound ("taken by"), ops and the board to notify lanes; deadline and the reconciler to notify-standard', () => {
    // Prepare
    const work = new Map(
      (['dispatch', 'notify-urgent', 'notify-standard'] as const).map((name) => [arnOf(queueOf(name)), name]),
    );

    // Act
    const sends = grantsMatching((action) => action === 'sqs:SendMessage')
      .filter((grant) => work.has(grant.resource))
      .map((grant) => `${grant.role} → ${work.get(grant.resource)}`)
      .toSorted();

    // Assess
    expect(sends).toEqual(
      [
        `${roleOf('intake')} → dispatch`,
        `${roleOf('hooks')} → dispatch`,
        `${roleOf('leads')} → dispatch`,
        `${roleOf('deadline')} → dispatch`,
        `${roleOf('deadline')} → notify-standard`,
        `${roleOf('links')} → dispatch`,
        `${roleOf('links')} → notify-urgent`,
        `${roleOf('links')} → notify-standard`,
        // An SMS reply accepts or sends back as the link does.
        `${roleOf('sms-inbound')} → dispatch`,
        `${roleOf('sms-inbound')} → notify-urgent`,
        `${roleOf('sms-inbound')} → notify-standard`,
        // A handoff SMS that failed for good: the notifier asks the dispatcher to fall over (its email,
        // or the next step, whose dispatch the dispatcher queues).
        `${roleOf('notifier')} → dispatch`,
        `${roleOf('dispatcher')} → dispatch`,
        `${roleOf('dispatcher')} → notify-urgent`,
        `${roleOf('dispatcher')} → notify-standard`,
        `${roleOf('ops')} → dispatch`,
        `${roleOf('ops')} → notify-urgent`,
        `${roleOf('ops')} → notify-standard`,
        `${roleOf('reconciler')} → dispatch`,
        `${roleOf('reconciler')} → notify-standard`,
        // Sign-in links (notify-urgent); completing or transferring a lead, and Retry / Retry all as ops.
        `${roleOf('board')} → dispatch`,
        `${roleOf('board')} → notify-urgent`,
        `${roleOf('board')} → notify-standard`,
      ].toSorted(),
    );
  });
});

describe('environment', () => {
  const COMMON = ['NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME'];

  it.each([
    ['authorizer', ['API_KEY_IDS', 'API_KEY_PREFIX']],
    ['intake', ['DISPATCH_QUEUE_URL', 'TABLE_NAME']],
    ['hooks', ['CONNECTORS_SECRET_ARN', 'DISPATCH_QUEUE_URL', 'PUBLIC_BASE_URL', 'TABLE_NAME']],
    ['leads', ['DISPATCH_QUEUE_URL', 'TABLE_NAME']],
    [
      'dispatcher',
      [
        'DEADLINE_FUNCTION_ARN',
        'DISPATCH_QUEUE_URL',
        'NOTIFY_STANDARD_QUEUE_URL',
        'NOTIFY_URGENT_QUEUE_URL',
        'SCHEDULER_DLQ_ARN',
        'SCHEDULER_ROLE_ARN',
        'SCHEDULE_GROUP',
        'TABLE_NAME',
      ],
    ],
    [
      'notifier',
      ['DISPATCH_QUEUE_URL', 'EMAIL_TOPIC_ARN', 'PUBLIC_BASE_URL', 'SMS_CONFIGURATION_SET', 'TABLE_NAME'],
    ],
    ['deadline', ['DISPATCH_QUEUE_URL', 'NOTIFY_STANDARD_QUEUE_URL', 'TABLE_NAME']],
    [
      'links',
      [
        'DEADLINE_FUNCTION_ARN',
        'DISPATCH_QUEUE_URL',
        'NOTIFY_STANDARD_QUEUE_URL',
        'NOTIFY_URGENT_QUEUE_URL',
        'SCHEDULER_DLQ_ARN',
        'SCHEDULER_ROLE_ARN',
        'SCHEDULE_GROUP',
        'TABLE_NAME',
      ],
    ],
    [
      'ops',
      [
        'DISPATCH_QUEUE_URL',
        'NOTIFY_STANDARD_QUEUE_URL',
        'NOTIFY_URGENT_QUEUE_URL',
        'REDRIVE_QUEUES',
        'TABLE_NAME',
      ],
    ],
    [
      'reconciler',
      [
        'DEADLINE_FAILURES_QUEUE_URL',
        'DISPATCH_QUEUE_URL',
        'NOTIFY_STANDARD_QUEUE_URL',
        'SCHEDULER_DLQ_URL',
        'TABLE_NAME',
      ],
    ],
    ['review', ['EMAIL_TOPIC_ARN', 'PUBLIC_BASE_URL', 'SMS_CONFIGURATION_SET', 'TABLE_NAME']],
    [
      'sms-inbound',
      [
        'DEADLINE_FUNCTION_ARN',
        'DISPATCH_QUEUE_URL',
        'NOTIFY_STANDARD_QUEUE_URL',
        'NOTIFY_URGENT_QUEUE_URL',
        'SCHEDULER_DLQ_ARN',
        'SCHEDULER_ROLE_ARN',
        'SCHEDULE_GROUP',
        'SMS_CONFIGURATION_SET',
        'TABLE_NAME',
      ],
    ],
  ] as const)('gives %s only what it needs', (fn, expected) => {
    // Prepare / Act
    const names = Object.keys(t.variablesOf(functionOf(fn))).filter((name) => !COMMON.includes(name));

    // Assess
    expect(names.toSorted()).toEqual([...expected].toSorted());
  });

  it('gives each queue URL the queue it names', () => {
    // Prepare / Act
    const [dispatcher, links, deadline, reconciler] = (
      ['dispatcher', 'links', 'deadline', 'reconciler'] as const
    ).map((fn) => t.variablesOf(functionOf(fn)));

    // Assess
    expect(links?.DISPATCH_QUEUE_URL).toEqual({ Ref: queueOf('dispatch') });
    expect(links?.NOTIFY_URGENT_QUEUE_URL).toEqual({ Ref: queueOf('notify-urgent') });
    expect(links?.NOTIFY_STANDARD_QUEUE_URL).toEqual({ Ref: queueOf('notify-standard') });
    expect(dispatcher?.NOTIFY_URGENT_QUEUE_URL).toEqual({ Ref: queueOf('notify-urgent') });
    expect(dispatcher?.NOTIFY_STANDARD_QUEUE_URL).toEqual({ Ref: queueOf('notify-standard') });
    expect(deadline?.NOTIFY_STANDARD_QUEUE_URL).toEqual({ Ref: queueOf('notify-standard') });
    expect(reconciler?.NOTIFY_STANDARD_QUEUE_URL).toEqual({ Ref: queueOf('notify-standard') });
  });
});

describe('notifications', () => {
  const topicId = () => t.logicalIdOf(stack.messaging.emailTopic);

  it('lets the notifier and the review publish to the email topic, and nothing else in SNS', () => {
    // Prepare
    const anywhere = grantsOf(t.allStatements()).filter((grant) => grant.action.startsWith('sns:'));

    // Act
    const grants = grantsMatching((action) => action.startsWith('sns:')).toSorted(byRoleAndAction);

    // Assess
    const expected = [roleOf('notifier'), roleOf('review')].map((role) => ({
      role,
      effect: 'Allow',
      action: 'sns:Publish',
      resource: `<${topicId()}>`,
    }));
    expect(grants).toEqual(expected.toSorted(byRoleAndAction));
    expect(anywhere).toHaveLength(expected.length);
  });

  it('lets the notifier, the review and sms-inbound send SMS with the configuration set only, and nothing else of End User Messaging', () => {
    // Prepare
    const configurationSet = `<${stack.getLogicalId(stack.smsSending.configurationSet)}.Arn>`;

    // Act
    const grants = grantsOf(t.allStatements()).filter((grant) => grant.action.startsWith('sms-voice:'));
    const byRole = grantsMatching((action) => action.startsWith('sms-voice:'));

    // Assess
    expect(grants).toHaveLength(3);
    expect(byRole.toSorted(byRoleAndAction)).toEqual(
      [roleOf('notifier'), roleOf('review'), roleOf('sms-inbound')]
        .map((role) => ({
          role,
          effect: 'Allow',
          action: 'sms-voice:SendTextMessage',
          resource: configurationSet,
        }))
        .toSorted(byRoleAndAction),
    );
  });

  it('encrypts the email topic with KMS', () => {
    // Prepare / Act
    const topic = props(t.resource(topicId()));

    // Assess
    expect(render(topic.KmsMasterKeyId)).toBe(
      'arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:alias/aws/sns',
    );
  });

  it('denies publishing to the email topic without TLS', () => {
    // Prepare
    const policies = t
      .resources('AWS::SNS::TopicPolicy')
      .map(([, policy]) => props(policy))
      .filter((policy) => (policy.Topics as Json[]).some((topic) => topic.Ref === topicId()));

    // Act
    const denies = policies.flatMap((policy) =>
      (policy.PolicyDocument as { Statement: Json[] }).Statement.filter(
        (statement) => statement.Effect === 'Deny',
      ),
    );

    // Assess
    expect(denies).toEqual([
      expect.objectContaining({
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Resource: { Ref: topicId() },
      }),
    ]);
  });

  it('subscribes nobody to the email topic, and outputs its ARN for the subscriptions made after the roster push', () => {
    // Prepare
    const outputs = t.template.toJSON().Outputs as Record<string, { Description?: string; Value: unknown }>;

    // Act
    const subscriptions = t
      .resources('AWS::SNS::Subscription')
      .filter(
        ([, subscription]) =>
          JSON.stringify(props(subscription).TopicArn) === JSON.stringify({ Ref: topicId() }),
      );

    // Assess
    expect(subscriptions).toEqual([]);
    expect(outputs.EmailTopicArn?.Value).toEqual({ Ref: topicId() });
    expect(outputs.EmailTopicArn?.Description).toContain('aws sns subscribe');
    expect(outputs.EmailTopicArn?.Description).toContain('recipientId');
  });

  it.each(['notifier', 'review'] as const)(
    'tells the %s the topic and the links’ base URL, without a trailing slash',
    (fn) => {
      // Prepare / Act
      const variables = t.variablesOf(functionOf(fn));

      // Assess
      expect(variables.EMAIL_TOPIC_ARN).toEqual({ Ref: topicId() });
      expect(render(variables.PUBLIC_BASE_URL)).toBe(
        `https://<${t.logicalIdOf(stack.api.api)}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/v1`,
      );
    },
  );

  it('lets the notifier, the review and sms-inbound send from exactly the configured number, and tells them its ARN', () => {
    // Prepare
    const id = 'phone-0123456789abcdef0123456789abcdef';
    const { stack: withNumber } = buildApp({ context: { ...NO_BUNDLING, smsOriginationNumberId: id } });
    const built = inspect(withNumber);
    const arn = `arn:<AWS::Partition>:sms-voice:<AWS::Region>:<AWS::AccountId>:phone-number/${id}`;
    const senders = ['notifier', 'review', 'sms-inbound'];

    // Act
    const identities = Object.fromEntries(
      Object.entries(withNumber.functions).map(([name, fn]) => [
        name,
        built.variablesOf(built.logicalIdOf(fn.fn)).SMS_ORIGINATION_IDENTITY,
      ]),
    );
    const numberGrants = built
      .grantsMatching((action) => action === 'sms-voice:SendTextMessage')
      .filter((grant) => grant.resource.includes(':phone-number/'));

    // Assess
    expect(Object.keys(identities)).toHaveLength(13);
    expect(
      Object.fromEntries(Object.entries(identities).map(([name, value]) => [name, value && render(value)])),
    ).toEqual(
      Object.fromEntries(
        Object.keys(identities).map((name) => [name, senders.includes(name) ? arn : undefined]),
      ),
    );
    expect(numberGrants.map((grant) => `${grant.role} ${grant.resource}`).toSorted()).toEqual(
      senders
        .map((name) => `${built.logicalIdOf(withNumber.functions[name as AppFunctionName].role)} ${arn}`)
        .toSorted(),
    );
  });
});

describe('handoff-link routes', () => {
  const publicRoutes = ROUTES.filter((route) => route.auth === 'public');

  it('are GET and POST /h/{token}, served by links', () => {
    // Prepare / Act
    const routes = publicRoutes.map((route) => `${route.method} ${route.path} ${route.fn}`);

    // Assess
    expect(routes.filter((route) => route.endsWith(' links'))).toEqual([
      'GET /h/{token} links',
      'POST /h/{token} links',
    ]);
    // The others public at the gateway check their own credential: the board its session, hooks the source's
    // signature; the API's description (ops) is public on purpose.
    expect(
      routes.filter(
        (route) => !route.endsWith(' links') && !route.endsWith(' board') && !route.endsWith(' hooks'),
      ),
    ).toEqual(['GET /openapi.json ops']);
  });

  it.each(['GET', 'POST'])('%s /h/{token} has no authorizer and needs no API key', (httpMethod) => {
    // Prepare / Act
    const method = methodFor(httpMethod, '/h/{token}');

    // Assess
    expect(method.AuthorizationType).toBe('NONE');
    expect(method.AuthorizerId).toBeUndefined();
    expect(method.ApiKeyRequired).toBe(false);
    expect(render((method.Integration as Json).Uri)).toContain(`<${functionOf('links')}.Arn>`);
  });

  it('throttles each public method on its own', () => {
    // Prepare
    const [[, stage] = ['', {}]] = t.resources('AWS::ApiGateway::Stage');

    // Act
    const settings = props(stage).MethodSettings as Json[];

    // Assess
    for (const route of publicRoutes) {
      expect(settings).toContainEqual(
        expect.objectContaining({
          HttpMethod: route.method,
          ResourcePath: '/~1h~1{token}',
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
        }),
      );
    }
  });

  it('keeps the transfer route behind the authorizer and an ops key', () => {
    // Prepare
    const authorizerId = t.resources('AWS::ApiGateway::Authorizer')[0]?.[0];

    // Act
    const method = methodFor('POST', '/leads/{id}/transfer');

    // Assess
    expect(ROUTES).toContainEqual({ method: 'POST', path: '/leads/{id}/transfer', fn: 'leads', auth: 'ops' });
    expect(method.AuthorizationType).toBe('CUSTOM');
    expect(method.AuthorizerId).toEqual({ Ref: authorizerId });
    expect(method.ApiKeyRequired).toBe(true);
  });
});
