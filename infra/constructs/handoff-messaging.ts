import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV } from '../../shared/settings';
import type { LeadHandoffFunction } from './lead-handoff-function';

/** The message attribute each email subscription filters on (the notifier sets it on every publish). */
export const RECIPIENT_ATTRIBUTE = 'recipientId';

/**
 * How handoff emails leave the system: one SNS topic (KMS-encrypted with the AWS-managed `alias/aws/sns`
 * key, TLS-only) with one email subscription per recipient, each filtering on the `recipientId` message
 * attribute. (SMS go through AWS End User Messaging SMS: `sms-sending.ts`.)
 *
 * The subscriptions are not in the template (an email address is personal data): ops subscribes each
 * roster email to the `EmailTopicArn` output after pushing the roster (`aws sns subscribe` with the
 * filter policy, docs/operations.md), and each new address must confirm the subscription email SNS
 * sends it. Until then, a publish for that person matches no subscription and SNS drops it without an
 * error.
 */
export class HandoffMessaging extends Construct {
  readonly emailTopic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.emailTopic = new Topic(this, 'EmailTopic', {
      displayName: 'Lead Handoff',
      masterKey: Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
  }

  /** Lets `fn` publish to the email topic (and nothing else in SNS), and tells it the topic ARN. */
  bindEmailSender(fn: LeadHandoffFunction): void {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sns:Publish'], resources: [this.emailTopic.topicArn] }),
    );
    fn.fn.addEnvironment(ENV.EMAIL_TOPIC_ARN, this.emailTopic.topicArn);
  }
}
