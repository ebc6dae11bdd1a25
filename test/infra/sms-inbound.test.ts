/**
 * The inbound SMS construct on its own (the stack's grants: pipeline.test.ts): End User Messaging two-way → an
 * encrypted SNS topic only that service may publish to → a TLS-only, encrypted queue with a dead-letter
 * queue → the `sms-inbound` function, reading partial batch failures, with exact table grants.
 */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { SMS_VOICE_SERVICE, SmsInbound } from '../../infra/constructs/sms-inbound';
import { INDEXES, SMS_INBOUND_QUEUE } from '../../shared/settings';
import { inspect, NO_BUNDLING, props, render } from './support';

const build = () => {
  const stack = new Stack(new App({ context: NO_BUNDLING }), 'SmsInboundTest');
  const table = new Table(stack, 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
  const inbound = new SmsInbound(stack, 'SmsInbound', { table });
  return { stack, inbound, view: inspect(stack) };
};

describe('inbound SMS construct', () => {
  it('lets only End User Messaging of this account publish to the topic, and denies every other publisher', () => {
    // Prepare
    const { view } = build();

    // Act
    const [policy] = view.resources('AWS::SNS::TopicPolicy');
    const statements = (
      props(policy?.[1] ?? {}).PolicyDocument as { Statement: Array<Record<string, unknown>> }
    ).Statement;

    // Assess
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: SMS_VOICE_SERVICE },
          Action: 'sns:Publish',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sns:Publish',
          Condition: { Bool: { 'aws:PrincipalIsAWSService': 'false' } },
        }),
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
  });

  it('encrypts the topic with a rotated customer managed key End User Messaging may use', () => {
    // Prepare
    const { view, stack, inbound } = build();

    // Act
    const topic = props(view.resource(view.logicalIdOf(inbound.topic)));
    const key = props(view.resource(stack.getLogicalId(inbound.key.node.defaultChild as never)));

    // Assess
    expect(render(topic.KmsMasterKeyId)).toContain(
      stack.getLogicalId(inbound.key.node.defaultChild as never),
    );
    expect(key.EnableKeyRotation).toBe(true);
    expect((key.KeyPolicy as { Statement: unknown[] }).Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: SMS_VOICE_SERVICE },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        }),
      ]),
    );
  });

  it('delivers to an encrypted queue with a dead-letter queue, consumed with partial batch failures', () => {
    // Prepare
    const { view, inbound } = build();

    // Act
    const queue = props(view.resource(view.logicalIdOf(inbound.queue)));
    const [mapping] = view.resources('AWS::Lambda::EventSourceMapping');

    // Assess
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: SMS_INBOUND_QUEUE.visibilityTimeoutSeconds,
      RedrivePolicy: { maxReceiveCount: SMS_INBOUND_QUEUE.maxReceiveCount },
    });
    expect(props(mapping?.[1] ?? {})).toMatchObject({
      BatchSize: SMS_INBOUND_QUEUE.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    view.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs' });
  });

  it('gives the function the table and its open index, and nothing else but reading its own queue', () => {
    // Prepare
    const { view, inbound, stack } = build();
    const role = stack.getLogicalId(inbound.fn.role.node.defaultChild as never);

    // Act
    const actions = view
      .roleStatements(role)
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    const indexResources = view.resourcesGranted(role, 'dynamodb:Query');

    // Assess
    expect(actions.every((a) => /^(dynamodb|sqs|logs|xray):/.test(a))).toBe(true);
    expect(actions.filter((a) => a.startsWith('sqs:')).toSorted()).toEqual([
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(indexResources.some((r) => r.endsWith(`/index/${INDEXES.open.name}`))).toBe(true);
  });

  it('passes cdk-nag AwsSolutions with no unsuppressed finding', () => {
    // Prepare
    const { stack } = build();
    Aspects.of(stack).add(new AwsSolutionsChecks());

    // Act
    const annotations = Annotations.fromStack(stack);
    const nag = Match.stringLikeRegexp('AwsSolutions-.*');
    const findings = [...annotations.findError('*', nag), ...annotations.findWarning('*', nag)].filter((f) =>
      f.id.includes('/SmsInbound/'),
    );

    // Assess
    expect(findings.map((f) => String(f.entry.data).slice(0, 120))).toEqual([]);
  });
});
