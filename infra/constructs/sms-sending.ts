import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnConfigurationSet } from 'aws-cdk-lib/aws-smsvoice';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SMS_FAILURE_EVENT_TYPES } from '../../shared/domain/sms-delivery';
import { ENV } from '../../shared/settings';
import type { LeadHandoffFunction } from './lead-handoff-function';

/** The one IAM action SMS are sent with. */
export const SEND_TEXT_MESSAGE = 'sms-voice:SendTextMessage';

export interface SmsSendingProps {
  /**
   * The topic End User Messaging SMS publishes to (the inbound SMS topic: its policy and key already let
   * the service in). The delivery reports go there too, so one queue and one function read both.
   */
  eventTopic: Topic;
  /** The origination number's id in End User Messaging SMS (`phone-…`), bought outside the stack. */
  originationNumberId?: string;
}

/**
 * How SMS leave the system (docs/product-rules.md §12): AWS End User Messaging SMS `SendTextMessage`
 * from the origination number, with this stack's configuration set. SNS `Publish` to a phone number
 * cannot name a configuration set, and a message sent without one emits no delivery events ("Configuration
 * sets", End User Messaging SMS user guide); so the carriers' failure reports (the event types of
 * `SMS_FAILURE_EVENT_TYPES`) reach the `sms-inbound` function through the event destination, an SNS
 * topic. The origination number and its two-way settings stay outside the stack (a number is bought,
 * registered and configured in the console: docs/operations.md).
 *
 * A function that sends SMS may call `SendTextMessage` on exactly the number and the configuration set.
 */
export class SmsSending extends Construct {
  readonly configurationSet: CfnConfigurationSet;
  /** The configuration set's name (the stack's name), as the functions send with it. */
  readonly configurationSetName: string;
  /** The origination number's ARN; undefined when no number is configured (no SMS can be sent). */
  readonly originationArn: string | undefined;

  constructor(scope: Construct, id: string, { eventTopic, originationNumberId }: SmsSendingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.configurationSet = new CfnConfigurationSet(this, 'ConfigurationSet', {
      ...(Token.isUnresolved(stack.stackName) ? {} : { configurationSetName: stack.stackName }),
      eventDestinations: [
        {
          eventDestinationName: 'delivery-failures',
          enabled: true,
          matchingEventTypes: [...SMS_FAILURE_EVENT_TYPES],
          snsDestination: { topicArn: eventTopic.topicArn },
        },
      ],
    });
    // The service checks it may publish to the topic: its policy and key first.
    this.configurationSet.node.addDependency(eventTopic);
    this.configurationSetName = Token.isUnresolved(stack.stackName)
      ? this.configurationSet.ref
      : stack.stackName;
    this.originationArn =
      originationNumberId === undefined
        ? undefined
        : stack.formatArn({
            service: 'sms-voice',
            resource: 'phone-number',
            resourceName: originationNumberId,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          });
  }

  /**
   * Lets `fn` send SMS: `SendTextMessage` on exactly the origination number and the configuration set,
   * and tells it both.
   */
  grantSend(fn: LeadHandoffFunction): void {
    const resources = [this.configurationSet.attrArn, ...(this.originationArn ? [this.originationArn] : [])];
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: [SEND_TEXT_MESSAGE], resources }));
    fn.fn.addEnvironment(ENV.SMS_CONFIGURATION_SET, this.configurationSetName);
    if (this.originationArn) fn.fn.addEnvironment(ENV.SMS_ORIGINATION_IDENTITY, this.originationArn);
  }
}
