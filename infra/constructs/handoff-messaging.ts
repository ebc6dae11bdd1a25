import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ENV } from '../../shared/settings';
import type { LeadHandoffFunction } from './lead-handoff-function';

/** The message attribute each email subscription filters on (the notifier sets it on every publish). */
export const RECIPIENT_ATTRIBUTE = 'recipientId';

/** Actions for SMS sent straight to a phone number; neither has a resource type, so IAM needs `*`. */
export const SMS_ACTIONS = ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'] as const;

/** The optional SMS origination number. */
export interface HandoffMessagingProps {
  /** E.164; without it SNS picks the origination identity. */
  smsOriginationNumber?: string;
}

/**
 * How handoff notifications leave the system: SMS published by the notifier straight to phone numbers,
 * and email through one SNS topic (KMS-encrypted with the AWS-managed `alias/aws/sns` key, TLS-only)
 * with one email subscription per recipient, each filtering on the `recipientId` message attribute.
 *
 * The subscriptions are not in the template (an email address is personal data): ops subscribes each
 * roster email to the `EmailTopicArn` output after pushing the roster (`aws sns subscribe` with the
 * filter policy, docs/operations.md), and each new address must confirm the subscription email SNS
 * sends it. Until then, a publish for that person matches no subscription and SNS drops it without an
 * error.
 */
export class HandoffMessaging extends Construct {
  readonly emailTopic: Topic;
  private readonly smsOriginationNumber: string | undefined;

  constructor(scope: Construct, id: string, { smsOriginationNumber }: HandoffMessagingProps = {}) {
    super(scope, id);
    this.smsOriginationNumber = smsOriginationNumber;

    this.emailTopic = new Topic(this, 'EmailTopic', {
      displayName: 'Lead Handoff',
      masterKey: Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
  }

  /**
   * Lets `fn` send SMS only (the SMS policy and the origination number; no email topic): the
   * `sms-inbound` function answering texts.
   */
  bindSmsSender(fn: LeadHandoffFunction, policyId: string): void {
    fn.role.attachInlinePolicy(this.smsPolicy(policyId));
    if (this.smsOriginationNumber !== undefined) {
      fn.fn.addEnvironment(ENV.SMS_ORIGINATION_NUMBER, this.smsOriginationNumber);
    }
  }

  /**
   * Lets the notifier publish to the email topic and send SMS, and tells it the topic ARN and the
   * origination number. The SMS actions sit in a policy of their own, so the `*` they need is
   * acknowledged for exactly those two actions and nothing else on the role.
   */
  bindNotifier(fn: LeadHandoffFunction, policyId = 'SmsPolicy'): void {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sns:Publish'], resources: [this.emailTopic.topicArn] }),
    );
    fn.role.attachInlinePolicy(this.smsPolicy(policyId));

    fn.fn.addEnvironment(ENV.EMAIL_TOPIC_ARN, this.emailTopic.topicArn);
    if (this.smsOriginationNumber !== undefined) {
      fn.fn.addEnvironment(ENV.SMS_ORIGINATION_NUMBER, this.smsOriginationNumber);
    }
  }

  /** The SMS actions in a policy of their own, so the `*` they need is acknowledged for them alone. */
  private smsPolicy(policyId: string): Policy {
    const sms = new Policy(this, policyId, {
      statements: [new PolicyStatement({ actions: [...SMS_ACTIONS], resources: ['*'] })],
    });
    NagSuppressions.addResourceSuppressions(sms, [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'SMS are published straight to a phone number (Publish with PhoneNumber, no topic) and the ' +
          'opt-out check takes a phone number: neither request has an ARN, so IAM accepts only ' +
          'Resource "*". ' +
          'This policy holds only sns:Publish and sns:CheckIfPhoneNumberIsOptedOut and is attached only to ' +
          'the functions that send messages (the notifier, the review for an ops lead without email, and ' +
          'sms-inbound answering texts). Publish on "*" would also reach other topics of the account: the app has ' +
          'the email topic (granted separately) and the inbound SMS topic, whose policy denies every publisher ' +
          'but an AWS service; IAM has no condition key that tells SMS from topics.',
        appliesTo: ['Resource::*'],
      },
    ]);
    return sms;
  }
}
