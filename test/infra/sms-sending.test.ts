/**
 * The SMS sending construct on its own (the stack's grants: pipeline.test.ts): a configuration set whose
 * one SNS event destination sends the carriers' failure reports to the inbound SMS topic (created after
 * the topic, its policy and its key), and `grantSend`, which allows `SendTextMessage` on exactly the
 * origination number and the configuration set.
 */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { LeadHandoffFunction } from '../../infra/constructs/lead-handoff-function';
import { SmsInbound } from '../../infra/constructs/sms-inbound';
import { SmsSending } from '../../infra/constructs/sms-sending';
import { SMS_FAILURE_EVENT_TYPES } from '../../shared/domain/sms-delivery';
import { grantsOf, inspect, NO_BUNDLING, props } from './support';

const NUMBER_ID = 'phone-0123456789abcdef0123456789abcdef';

const build = ({ withNumber = true } = {}) => {
  const stack = new Stack(new App({ context: NO_BUNDLING }), 'SmsSendingTest');
  const table = new Table(stack, 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
  const inbound = new SmsInbound(stack, 'SmsInbound', { table });
  const sending = new SmsSending(stack, 'SmsSending', {
    eventTopic: inbound.topic,
    ...(withNumber ? { originationNumberId: NUMBER_ID } : {}),
  });
  const sender = new LeadHandoffFunction(stack, 'Sender', { name: 'notifier' });
  sending.grantSend(sender);
  return { stack, inbound, sending, sender, view: inspect(stack) };
};

describe('SMS sending construct', () => {
  it('reports exactly the failure event types to the inbound SMS topic, through one enabled SNS destination', () => {
    // Prepare
    const { view, stack, sending, inbound } = build();

    // Act
    const set = props(view.resource(stack.getLogicalId(sending.configurationSet)));

    // Assess
    expect(set.ConfigurationSetName).toBe('SmsSendingTest');
    expect(set.EventDestinations).toEqual([
      {
        EventDestinationName: 'delivery-failures',
        Enabled: true,
        MatchingEventTypes: [...SMS_FAILURE_EVENT_TYPES],
        SnsDestination: { TopicArn: { Ref: view.logicalIdOf(inbound.topic) } },
      },
    ]);
    expect(SMS_FAILURE_EVENT_TYPES).toEqual([
      'TEXT_BLOCKED',
      'TEXT_TTL_EXPIRED',
      'TEXT_CARRIER_UNREACHABLE',
      'TEXT_INVALID',
      'TEXT_INVALID_MESSAGE',
      'TEXT_CARRIER_BLOCKED',
      'TEXT_UNREACHABLE',
      'TEXT_SPAM',
      'TEXT_UNKNOWN',
      'TEXT_PROTECT_BLOCKED',
    ]);
  });

  it('is created after the topic’s policy, which lets only End User Messaging of this account publish', () => {
    // Prepare
    const { view, stack, sending } = build();

    // Act
    const dependsOn = (view.resource(stack.getLogicalId(sending.configurationSet)).DependsOn ??
      []) as string[];
    const [[policyId] = ['']] = view.resources('AWS::SNS::TopicPolicy');

    // Assess
    expect(dependsOn).toContain(policyId);
  });

  it('lets a sender call SendTextMessage on exactly the number and the configuration set, and tells it both', () => {
    // Prepare
    const { view, stack, sending, sender } = build();
    const role = stack.getLogicalId(sender.role.node.defaultChild as never);

    // Act
    const grants = grantsOf(view.roleStatements(role)).filter((grant) =>
      grant.action.startsWith('sms-voice:'),
    );
    const variables = view.variablesOf(view.logicalIdOf(sender.fn));

    // Assess
    expect(grants).toEqual([
      {
        effect: 'Allow',
        action: 'sms-voice:SendTextMessage',
        resource: `<${stack.getLogicalId(sending.configurationSet)}.Arn>`,
      },
      {
        effect: 'Allow',
        action: 'sms-voice:SendTextMessage',
        resource: `arn:<AWS::Partition>:sms-voice:<AWS::Region>:<AWS::AccountId>:phone-number/${NUMBER_ID}`,
      },
    ]);
    expect(variables.SMS_CONFIGURATION_SET).toBe('SmsSendingTest');
    expect(variables.SMS_ORIGINATION_IDENTITY).toEqual(
      expect.objectContaining({ 'Fn::Join': expect.anything() }),
    );
  });

  it('grants no number at all when none is configured', () => {
    // Prepare
    const { view, stack, sender } = build({ withNumber: false });
    const role = stack.getLogicalId(sender.role.node.defaultChild as never);

    // Act
    const resources = view.resourcesGranted(role, 'sms-voice:SendTextMessage');

    // Assess
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatch(/^<SmsSendingConfigurationSet\w+\.Arn>$/);
    expect(view.variablesOf(view.logicalIdOf(sender.fn)).SMS_ORIGINATION_IDENTITY).toBeUndefined();
  });

  it('passes cdk-nag AwsSolutions with no unsuppressed finding', () => {
    // Prepare
    const { stack } = build();
    Aspects.of(stack).add(new AwsSolutionsChecks());

    // Act
    const annotations = Annotations.fromStack(stack);
    const nag = Match.stringLikeRegexp('AwsSolutions-.*');
    const findings = [...annotations.findError('*', nag), ...annotations.findWarning('*', nag)].filter(
      (f) => f.id.includes('/SmsSending/') || f.id.includes('/Sender/'),
    );

    // Assess
    expect(findings.map((f) => String(f.entry.data).slice(0, 120))).toEqual([]);
  });
});
