import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { REDRIVE_DEAD_LETTER_ACTIONS } from '../../infra/constructs/pipeline-queues';
import type { LeadHandoffStack } from '../../infra/stack';
import { ROUTES } from '../../shared/http/routes';
import { INDEXES, QUEUES, type QueueName } from '../../shared/settings';
import { grantsOf, type Inspector, inspect, NO_BUNDLING, render } from './support';

let stack: LeadHandoffStack;
let inspector: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  inspector = inspect(stack);
});

describe('the board function (sign-in, sessions, the board and its actions)', () => {
  it('may read and write table items, query the open and byPhone indexes, send to and redrive the pipeline queues, delete its group’s schedules and write its own logs', () => {
    // Prepare
    const role = inspector.logicalIdOf(stack.functions.board.role);
    const table = `<${inspector.logicalIdOf(stack.table.table)}.Arn>`;
    const queue = (name: QueueName) => `<${inspector.logicalIdOf(stack.queues.queues[name])}.Arn>`;
    const dlq = (name: QueueName) => `<${inspector.logicalIdOf(stack.queues.deadLetterQueues[name])}.Arn>`;
    const logGroup = `<${inspector.logicalIdOf(stack.functions.board.logGroup)}.Arn>`;
    const schedules = `arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/leadhandoff-dev/*`;

    // Act
    const grants = grantsOf(inspector.roleStatements(role))
      .filter((grant) => !grant.action.startsWith('xray:'))
      .map((grant) => `${grant.effect} ${grant.action} ${render(grant.resource)}`)
      .toSorted();

    // Assess
    expect(grants).toEqual(
      [
        ...[
          'BatchGetItem',
          'ConditionCheckItem',
          'DeleteItem',
          'GetItem',
          'PutItem',
          'Query',
          'UpdateItem',
        ].map((action) => `Allow dynamodb:${action} ${table}`),
        `Allow dynamodb:Query ${table}/index/${INDEXES.open.name}`,
        `Allow dynamodb:Query ${table}/index/${INDEXES.byPhone.name}`,
        // Completing or transferring queues a dispatch; Retry puts work back on its queue (as ops does).
        ...QUEUES.map((name) => `Allow sqs:SendMessage ${queue(name)}`),
        // Retry all redrives the pipeline's dead-letter queues, as `POST /ops/failed-handoffs/retry-all`.
        ...QUEUES.flatMap((name) =>
          REDRIVE_DEAD_LETTER_ACTIONS.map((action) => `Allow ${action} ${dlq(name)}`),
        ),
        // A close deletes the acceptance timer it supersedes and pending follow-up timers; it never creates one.
        `Allow scheduler:DeleteSchedule ${schedules}`,
        `Allow logs:CreateLogStream ${logGroup}`,
        `Allow logs:PutLogEvents ${logGroup}`,
      ].toSorted(),
    );
  });

  it('serves the sign-in and board routes, public at the gateway (the function checks the session)', () => {
    // Prepare / Act
    const routes = ROUTES.filter((route) => route.fn === 'board').map(
      (route) => `${route.method} ${route.path} ${route.auth}`,
    );

    // Assess
    expect(routes).toEqual([
      'GET /sign-in public',
      'POST /sign-in public',
      'GET /s/{token} public',
      'POST /s/{token} public',
      'POST /sign-out public',
      'GET /board public',
      'GET /board/leads/{id} public',
      'POST /board/leads/{id}/complete public',
      'POST /board/leads/{id}/transfer public',
      'POST /board/leads/{id}/close public',
      'POST /board/leads/{id}/next-action public',
      'POST /board/failed/{id}/retry public',
      'POST /board/failed/retry-all public',
      'GET /board/roster public',
      'POST /board/roster/{id}/away public',
      'POST /board/roster/{id}/back public',
    ]);
  });

  it('is told the table, the pipeline queues and their redrive targets, and the schedule group, nothing else', () => {
    // Prepare / Act
    const variables = Object.keys(inspector.variablesOf(inspector.logicalIdOf(stack.functions.board.fn)));

    // Assess
    expect(variables.toSorted()).toEqual(
      [
        'DISPATCH_QUEUE_URL',
        'NODE_OPTIONS',
        'NOTIFY_STANDARD_QUEUE_URL',
        'NOTIFY_URGENT_QUEUE_URL',
        'POWERTOOLS_METRICS_NAMESPACE',
        'POWERTOOLS_SERVICE_NAME',
        'REDRIVE_QUEUES',
        'SCHEDULE_GROUP',
        'TABLE_NAME',
      ].toSorted(),
    );
  });

  it('answers within API Gateway’s integration timeout, with time for a Retry all', () => {
    // Prepare / Act
    const timeout = stack.functions.board.timeout.toSeconds();

    // Assess
    expect(timeout).toBeGreaterThanOrEqual(20);
    expect(timeout).toBeLessThan(29);
  });
});
