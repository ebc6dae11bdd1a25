/**
 * Helpers for reading a synthesized template in infra tests: resources by type, IAM statements by role,
 * and CloudFormation intrinsics rendered as cdk-nag renders them, so assertions read like policies.
 */
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export type Json = Record<string, unknown>;

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

/** Skips esbuild: tests that look at the template, not the bundles, run in a second instead of ten. */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

export const props = (resource: Json): Json => (resource.Properties ?? {}) as Json;

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Renders intrinsics as cdk-nag does: `{Ref: X}` → `<X>`, `Fn::GetAtt` → `<X.Attr>`, joins joined. */
export const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const json = value as Json;
  if ('Ref' in json) return `<${String(json.Ref)}>`;
  if ('Fn::GetAtt' in json) return `<${(json['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in json) {
    const [separator, parts] = json['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
};

/** One allowed or denied action on one resource: statements flattened, so merged statements compare equal. */
export interface Grant {
  effect: string;
  action: string;
  resource: string;
  condition?: Json;
}

export const grantsOf = (statements: readonly Statement[]): Grant[] =>
  statements.flatMap((statement) =>
    asArray(statement.Action).flatMap((action) =>
      asArray(statement.Resource).map((resource) => ({
        effect: statement.Effect,
        action,
        resource: render(resource),
        ...(statement.Condition === undefined ? {} : { condition: statement.Condition }),
      })),
    ),
  );

/** The logical id an ARN (`Fn::GetAtt [id, Arn]`) points to; '' for anything else. */
export const idOfArn = (arn: unknown): string =>
  ((((arn ?? {}) as Json)['Fn::GetAtt'] ?? []) as string[])[0] ?? '';

/** Reads one stack's template. */
export const inspect = (stack: Stack) => {
  const template = Template.fromStack(stack);

  const resources = (type: string): Array<[string, Json]> =>
    Object.entries(template.findResources(type)) as Array<[string, Json]>;

  const logicalIdOf = (construct: { node: { defaultChild?: unknown } }): string =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);

  const resource = (logicalId: string): Json => {
    const found = (template.toJSON().Resources as Record<string, Json>)[logicalId];
    if (found === undefined) throw new Error(`No resource ${logicalId}`);
    return found;
  };

  /** Every statement of every identity policy attached to the role with this logical id. */
  const roleStatements = (roleLogicalId: string): Statement[] =>
    resources('AWS::IAM::Policy')
      .filter(([, policy]) =>
        ((props(policy).Roles ?? []) as Json[]).some((role) => role.Ref === roleLogicalId),
      )
      .flatMap(([, policy]) => (props(policy).PolicyDocument as { Statement: Statement[] }).Statement);

  /** Every identity-policy statement in the template with the logical id of each role it applies to. */
  const statementsByRole = (): Array<{ role: string; statement: Statement }> =>
    resources('AWS::IAM::Policy').flatMap(([, policy]) =>
      ((props(policy).Roles ?? []) as Json[]).flatMap((role) =>
        (props(policy).PolicyDocument as { Statement: Statement[] }).Statement.map((statement) => ({
          role: String(role.Ref),
          statement,
        })),
      ),
    );

  /** Every grant of every role's identity policies whose action matches, with the role's logical id. */
  const grantsMatching = (matches: (action: string) => boolean): Array<Grant & { role: string }> =>
    statementsByRole()
      .flatMap(({ role, statement }) => grantsOf([statement]).map((grant) => ({ role, ...grant })))
      .filter((grant) => matches(grant.action));

  /** The resources (rendered) on which the role with this logical id is allowed `action`, sorted. */
  const resourcesGranted = (role: string, action: string): string[] =>
    grantsMatching((candidate) => candidate === action)
      .filter((grant) => grant.role === role)
      .map((grant) => grant.resource)
      .toSorted();

  /** Every statement in the template: policies, managed policies and roles' inline policies. */
  const allStatements = (): Statement[] => [
    ...[...resources('AWS::IAM::Policy'), ...resources('AWS::IAM::ManagedPolicy')].flatMap(
      ([, policy]) => (props(policy).PolicyDocument as { Statement: Statement[] }).Statement,
    ),
    ...resources('AWS::IAM::Role').flatMap(([, role]) =>
      ((props(role).Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap(
        (policy) => policy.PolicyDocument.Statement,
      ),
    ),
  ];

  /** The environment variables of the function with this logical id. */
  const variablesOf = (functionLogicalId: string): Json =>
    ((props(resource(functionLogicalId)).Environment as { Variables?: Json } | undefined)?.Variables ??
      {}) as Json;

  /**
   * Queues that receive failures, found from what points at them: redrive targets, Lambda on-failure
   * destinations, schedule targets' dead-letter queues and the DLQ the dispatcher gives its schedules.
   */
  const deadLetterQueueIds = (): Set<string> => {
    const redriveTargets = resources('AWS::SQS::Queue').map(([, queue]) =>
      idOfArn((props(queue).RedrivePolicy as Json | undefined)?.deadLetterTargetArn),
    );
    const destinations = resources('AWS::Lambda::EventInvokeConfig').map(([, config]) =>
      idOfArn((((props(config).DestinationConfig ?? {}) as Json).OnFailure as Json | undefined)?.Destination),
    );
    const scheduleTargets = resources('AWS::Scheduler::Schedule').map(([, schedule]) =>
      idOfArn(((props(schedule).Target as Json).DeadLetterConfig as Json | undefined)?.Arn),
    );
    const runtimeSchedules = resources('AWS::Lambda::Function').map(([id]) =>
      idOfArn(variablesOf(id).SCHEDULER_DLQ_ARN),
    );
    return new Set(
      [...redriveTargets, ...destinations, ...scheduleTargets, ...runtimeSchedules].filter(Boolean),
    );
  };

  /** `/leads/{id}/transfer` for a method: its resource's path parts, walked up to the root. */
  const pathOf = (method: Json): string => {
    const parts: string[] = [];
    let ref = (props(method).ResourceId as Json).Ref as string | undefined;
    while (ref !== undefined) {
      const apiResource = props(resource(ref));
      parts.unshift(String(apiResource.PathPart));
      ref = (apiResource.ParentId as Json).Ref as string | undefined;
    }
    return `/${parts.join('/')}`;
  };

  /** The properties of every API method with this HTTP method on this path. */
  const methodsAt = (httpMethod: string, path: string): Json[] =>
    resources('AWS::ApiGateway::Method')
      .map(([, method]) => method)
      .filter((method) => props(method).HttpMethod === httpMethod && pathOf(method) === path)
      .map(props);

  return {
    template,
    resources,
    resource,
    logicalIdOf,
    roleStatements,
    statementsByRole,
    grantsMatching,
    resourcesGranted,
    allStatements,
    variablesOf,
    deadLetterQueueIds,
    methodsAt,
  };
};

export type Inspector = ReturnType<typeof inspect>;
