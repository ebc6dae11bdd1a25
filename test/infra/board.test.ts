import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import type { LeadHandoffStack } from '../../infra/stack';
import { ROUTES } from '../../shared/http/routes';
import { INDEXES } from '../../shared/settings';
import { grantsOf, type Inspector, inspect, NO_BUNDLING, render } from './support';

let stack: LeadHandoffStack;
let inspector: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  inspector = inspect(stack);
});

describe('the board function (sign-in, sessions, the board’s lists)', () => {
  it('may only read and write table items, query the open and byPhone indexes, send to notify-urgent and write its own logs', () => {
    // Prepare
    const role = inspector.logicalIdOf(stack.functions.board.role);
    const table = `<${inspector.logicalIdOf(stack.table.table)}.Arn>`;
    const urgent = `<${inspector.logicalIdOf(stack.queues.queues['notify-urgent'])}.Arn>`;
    const logGroup = `<${inspector.logicalIdOf(stack.functions.board.logGroup)}.Arn>`;

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
        `Allow sqs:SendMessage ${urgent}`,
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
    ]);
  });

  it('is told the table and the notify-urgent queue, nothing else', () => {
    // Prepare / Act
    const variables = Object.keys(inspector.variablesOf(inspector.logicalIdOf(stack.functions.board.fn)));

    // Assess
    expect(variables.toSorted()).toEqual(
      [
        'NODE_OPTIONS',
        'NOTIFY_URGENT_QUEUE_URL',
        'POWERTOOLS_METRICS_NAMESPACE',
        'POWERTOOLS_SERVICE_NAME',
        'TABLE_NAME',
      ].toSorted(),
    );
  });
});
