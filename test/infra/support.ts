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

  return {
    template,
    resources,
    resource,
    logicalIdOf,
    roleStatements,
    statementsByRole,
    allStatements,
    variablesOf,
  };
};

export type Inspector = ReturnType<typeof inspect>;
