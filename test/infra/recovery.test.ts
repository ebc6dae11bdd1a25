/**
 * Failures are recoverable (docs/product-rules.md §9): the ops function (list, retry, redrive, reports) and the reconciler
 * on its recurring schedule, each with exactly the access it needs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import type { AppFunctionName, LeadHandoffStack } from '../../infra/stack';
import { ROUTES } from '../../shared/http/routes';
import { QUEUES, type QueueName, RECONCILER } from '../../shared/settings';
import { grantsOf, type Inspector, idOfArn, inspect, type Json, NO_BUNDLING, props, render } from './support';

let stack: LeadHandoffStack;
let t: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  t = inspect(stack);
});

const roleOf = (fn: AppFunctionName) => t.logicalIdOf(stack.functions[fn].role);
const functionOf = (fn: AppFunctionName) => t.logicalIdOf(stack.functions[fn].fn);
const queueOf = (name: QueueName) => t.logicalIdOf(stack.queues.queues[name]);
const dlqOf = (name: QueueName) => t.logicalIdOf(stack.queues.deadLetterQueues[name]);
const arnOf = (logicalId: string) => `<${logicalId}.Arn>`;
const grantsMatching = (matches: (action: string) => boolean) => t.grantsMatching(matches);
const resourcesGranted = (role: string, action: string) => t.resourcesGranted(role, action);

describe('reconciler', () => {
  /** The one recurring schedule that targets the reconciler (the review's schedules sit beside it). */
  const schedule = (): Json => {
    const schedules = t
      .resources('AWS::Scheduler::Schedule')
      .filter(([, candidate]) => idOfArn((props(candidate).Target as Json).Arn) === functionOf('reconciler'));
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.[0]).toBe(t.logicalIdOf(stack.recovery.schedule));
    return props(schedules[0]?.[1] ?? {});
  };

  it(`runs every ${RECONCILER.everyMinutes} minutes, invoking the reconciler with {}`, () => {
    // Prepare / Act
    const { ScheduleExpression, Target, GroupName, FlexibleTimeWindow, State } = schedule();

    // Assess
    expect(ScheduleExpression).toBe(`rate(${RECONCILER.everyMinutes} minutes)`);
    expect((Target as Json).Arn).toEqual({ 'Fn::GetAtt': [functionOf('reconciler'), 'Arn'] });
    expect((Target as Json).Input).toBe('{}');
    expect(GroupName).toBeUndefined();
    expect(FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(State).toBe('ENABLED');
  });

  it('retries delivery, then dead-letters to a queue of its own', () => {
    // Prepare / Act
    const target = schedule().Target as Json;

    // Assess
    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: 3,
      MaximumEventAgeInSeconds: RECONCILER.everyMinutes * 60,
    });
    expect(target.DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': [t.logicalIdOf(stack.recovery.scheduleDeadLetterQueue), 'Arn'] },
    });
  });

  it('is invoked with a role that may only invoke it and dead-letter, assumable only for the default group', () => {
    // Prepare
    const roleId = t.logicalIdOf(stack.recovery.scheduleRole);
    const target = schedule().Target as Json;

    // Act
    const grants = grantsOf(t.roleStatements(roleId));
    const trust = (props(t.resource(roleId)).AssumeRolePolicyDocument as { Statement: Json[] }).Statement;

    // Assess
    expect(target.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(grants).toEqual([
      { effect: 'Allow', action: 'lambda:InvokeFunction', resource: arnOf(functionOf('reconciler')) },
      {
        effect: 'Allow',
        action: 'sqs:SendMessage',
        resource: arnOf(t.logicalIdOf(stack.recovery.scheduleDeadLetterQueue)),
      },
    ]);
    expect(trust).toHaveLength(1);
    expect(trust[0]?.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(render(((trust[0]!.Condition as Json).StringEquals as Json)['aws:SourceArn'])).toBe(
      'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule-group/default',
    );
  });

  it.each(['sqs:ReceiveMessage', 'sqs:DeleteMessage'])('may %s on the two failure queues only', (action) => {
    // Prepare
    const failureQueues = [
      arnOf(t.logicalIdOf(stack.timers.deadlineFailures)),
      arnOf(t.logicalIdOf(stack.timers.deadLetterQueue)),
    ];

    // Act
    const resources = resourcesGranted(roleOf('reconciler'), action);

    // Assess
    expect(resources).toEqual(failureQueues.toSorted());
    for (const name of QUEUES) {
      expect(resources).not.toContain(arnOf(queueOf(name)));
      expect(resources).not.toContain(arnOf(dlqOf(name)));
    }
  });

  it('has no SQS action beyond sending to dispatch and notify-standard and reading the failure queues', () => {
    // Prepare / Act
    const actions = grantsMatching((action) => action.startsWith('sqs:'))
      .filter((grant) => grant.role === roleOf('reconciler'))
      .map((grant) => grant.action);

    // Assess
    expect(new Set(actions)).toEqual(
      new Set(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']),
    );
    // dispatch: stuck dispatches; notify-standard: the reminders of follow-up timers that were lost.
    expect(resourcesGranted(roleOf('reconciler'), 'sqs:SendMessage')).toEqual(
      [arnOf(queueOf('dispatch')), arnOf(queueOf('notify-standard'))].toSorted(),
    );
  });

  it('is the only function that may receive from the failure queues', () => {
    // Prepare
    const failureQueues = new Set([
      arnOf(t.logicalIdOf(stack.timers.deadlineFailures)),
      arnOf(t.logicalIdOf(stack.timers.deadLetterQueue)),
    ]);

    // Act
    const receivers = grantsMatching((action) => action === 'sqs:ReceiveMessage')
      .filter((grant) => failureQueues.has(grant.resource))
      .map((grant) => grant.role);

    // Assess
    expect(new Set(receivers)).toEqual(new Set([roleOf('reconciler')]));
  });

  it('knows the URLs of the two failure queues and gets a minute per run', () => {
    // Prepare / Act
    const fn = props(t.resource(functionOf('reconciler')));
    const variables = t.variablesOf(functionOf('reconciler'));

    // Assess
    expect(variables.DEADLINE_FAILURES_QUEUE_URL).toEqual({
      Ref: t.logicalIdOf(stack.timers.deadlineFailures),
    });
    expect(variables.SCHEDULER_DLQ_URL).toEqual({ Ref: t.logicalIdOf(stack.timers.deadLetterQueue) });
    expect(fn.Timeout).toBe(60);
  });
});

describe('ops function', () => {
  it('may start message move tasks on the three pipeline dead-letter queues only, and nobody but the board (Retry all) may', () => {
    // Prepare
    const anywhere = grantsMatching((action) => action === 'sqs:StartMessageMoveTask');

    // Act
    const resources = resourcesGranted(roleOf('ops'), 'sqs:StartMessageMoveTask');

    // Assess
    expect(resources).toEqual(QUEUES.map((name) => arnOf(dlqOf(name))).toSorted());
    expect(new Set(anywhere.map((grant) => grant.role))).toEqual(new Set([roleOf('ops'), roleOf('board')]));
  });

  it.each(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'])(
    'may %s on the three pipeline dead-letter queues only (what redrive needs)',
    (action) => {
      // Prepare / Act
      const resources = resourcesGranted(roleOf('ops'), action);

      // Assess
      expect(resources).toEqual(QUEUES.map((name) => arnOf(dlqOf(name))).toSorted());
    },
  );

  it('has no SQS action beyond sending and redriving', () => {
    // Prepare / Act
    const actions = grantsMatching((action) => action.startsWith('sqs:'))
      .filter((grant) => grant.role === roleOf('ops'))
      .map((grant) => grant.action);

    // Assess
    expect(new Set(actions)).toEqual(
      new Set([
        'sqs:SendMessage',
        'sqs:StartMessageMoveTask',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ]),
    );
  });

  it('may send only to the three pipeline queues', () => {
    // Prepare / Act
    const resources = resourcesGranted(roleOf('ops'), 'sqs:SendMessage');

    // Assess
    expect(resources).toEqual(QUEUES.map((name) => arnOf(queueOf(name))).toSorted());
  });

  it('knows each redrivable queue’s dead-letter and source ARNs', () => {
    // Prepare
    const variable = t.variablesOf(functionOf('ops')).REDRIVE_QUEUES;

    // Act
    const redrive = JSON.parse(render(variable)) as Record<
      string,
      { deadLetterArn: string; sourceArn: string }
    >;

    // Assess
    expect(Object.keys(redrive).toSorted()).toEqual([...QUEUES].toSorted());
    for (const name of QUEUES) {
      expect(redrive[name]).toEqual({ deadLetterArn: arnOf(dlqOf(name)), sourceArn: arnOf(queueOf(name)) });
    }
  });

  it('answers within API Gateway’s integration timeout', () => {
    // Prepare / Act
    const timeout = Number(props(t.resource(functionOf('ops'))).Timeout);

    // Assess
    expect(timeout).toBeGreaterThanOrEqual(10);
    expect(timeout).toBeLessThan(29);
  });

  it.each(
    ROUTES.filter((route) => route.fn === 'ops' && route.auth === 'ops').map(
      (route) => [route.method, route.path] as const,
    ),
  )('serves %s %s behind the authorizer and an ops key', (httpMethod, path) => {
    // Prepare
    const authorizerId = t.resources('AWS::ApiGateway::Authorizer')[0]?.[0];

    // Act
    const methods = t.methodsAt(httpMethod, path);

    // Assess
    expect(methods).toHaveLength(1);
    expect(methods[0]?.AuthorizationType).toBe('CUSTOM');
    expect(methods[0]?.AuthorizerId).toEqual({ Ref: authorizerId });
    expect(methods[0]?.ApiKeyRequired).toBe(true);
    expect(render((methods[0]!.Integration as Json).Uri)).toContain(`<${functionOf('ops')}.Arn>`);
  });

  it('serves GET /openapi.json with no key and no authorizer: the API’s description is public', () => {
    // Act
    const methods = t.methodsAt('GET', '/openapi.json');

    // Assess
    expect(methods).toHaveLength(1);
    expect(methods[0]?.AuthorizationType).toBe('NONE');
    expect(methods[0]?.ApiKeyRequired).toBe(false);
    expect(render((methods[0]?.Integration as Json | undefined)?.Uri)).toContain(
      `<${functionOf('ops')}.Arn>`,
    );
  });

  it('has the seven ops routes, every one protected by the ops key', () => {
    // Prepare / Act
    const routes = ROUTES.filter((route) => route.path.startsWith('/ops/'));

    // Assess
    expect(routes.map((route) => `${route.method} ${route.path} ${route.fn} ${route.auth}`)).toEqual([
      'GET /ops/failed-handoffs ops ops',
      'POST /ops/failed-handoffs/{id}/retry ops ops',
      'POST /ops/failed-handoffs/retry-all ops ops',
      'PUT /ops/config ops ops',
      'GET /ops/sms/unknown ops ops',
      'GET /ops/reports/daily ops ops',
      'GET /ops/reports/weekly ops ops',
    ]);
  });
});
