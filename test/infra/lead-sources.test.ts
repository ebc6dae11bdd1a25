/** The hooks function and its secret (docs/connectors.md): exact grants, nothing personal in the template. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import type { LeadHandoffStack } from '../../infra/stack';
import { ROUTES } from '../../shared/http/routes';
import { INDEXES } from '../../shared/settings';
import { grantsOf, type Inspector, inspect, type Json, NO_BUNDLING, props, render } from './support';

let stack: LeadHandoffStack;
let inspector: Inspector;

beforeAll(() => {
  ({ stack } = buildApp({ context: NO_BUNDLING }));
  inspector = inspect(stack);
});

describe('lead source webhooks', () => {
  it('lets the hooks function capture leads as intake does, and read its one secret', () => {
    // Prepare
    const hooks = stack.functions.hooks;
    const role = inspector.logicalIdOf(hooks.role);
    const table = `<${inspector.logicalIdOf(stack.table.table)}.Arn>`;
    const dispatch = `<${inspector.logicalIdOf(stack.queues.queues.dispatch)}.Arn>`;
    const secret = `<${inspector.logicalIdOf(stack.leadSources.secret)}>`;
    const logGroup = `<${inspector.logicalIdOf(hooks.logGroup)}.Arn>`;

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
        ...Object.values(INDEXES).map((index) => `Allow dynamodb:Query ${table}/index/${index.name}`),
        `Allow sqs:SendMessage ${dispatch}`,
        `Allow secretsmanager:DescribeSecret ${secret}`,
        `Allow secretsmanager:GetSecretValue ${secret}`,
        `Allow logs:CreateLogStream ${logGroup}`,
        `Allow logs:PutLogEvents ${logGroup}`,
      ].toSorted(),
    );
  });

  it('creates the secret holding an empty object, kept when the stack is deleted', () => {
    // Prepare / Act
    const secret = inspector.resource(inspector.logicalIdOf(stack.leadSources.secret));

    // Assess
    expect(props(secret).SecretString).toBe('{}');
    expect((secret as Json).DeletionPolicy).toBe('Retain');
  });

  it('serves GET and POST /hooks/{connector}, public at the gateway (each connector checks its source)', () => {
    expect(
      ROUTES.filter((route) => route.fn === 'hooks').map((r) => `${r.method} ${r.path} ${r.auth}`),
    ).toEqual(['GET /hooks/{connector} public', 'POST /hooks/{connector} public']);
  });
});
