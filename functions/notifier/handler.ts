/** Lambda entry for both notification lanes, wired to AWS: SMS through End User Messaging SMS, email through SNS. */
import { FailoverRequests } from '../../shared/app/failover-requests';
import { LinkIssuer } from '../../shared/app/link-issuer';
import { NotificationService } from '../../shared/app/notification-service';
import { optOutAwareSms } from '../../shared/app/opt-out-sms';
import { SignInSender } from '../../shared/app/sign-in-sender';
import {
  awsClaims,
  awsCoreDeps,
  awsCustomerSmsLimits,
  awsFailures,
  awsMetrics,
  awsPacer,
  awsSessions,
  awsSmsContacts,
  awsTokens,
} from '../../shared/aws/deps';
import { awsSms } from '../../shared/aws/deps-sms';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();
const messaging = awsMessaging();
// A number that replied STOP to the origination number gets no SMS (docs/product-rules.md §12).
const sms = optOutAwareSms(awsSms(), awsSmsContacts());

export const handler = publishingMetrics(
  makeHandler({
    notifications: new NotificationService({
      ...core,
      sms,
      email: messaging.email,
      pacer: awsPacer(),
      metrics: awsMetrics(),
      failures: awsFailures(),
      customerSms: awsCustomerSmsLimits(),
      // A handoff SMS that failed for good: its email, or the next step, at once (docs/product-rules.md
      // §12), run by the dispatcher.
      failover: new FailoverRequests({ queue: awsQueue() }),
      linkIssuer: new LinkIssuer({
        tokens: awsTokens(),
        clock: core.clock,
        publicBaseUrl: messaging.publicBaseUrl,
      }),
    }),
    signInLinks: new SignInSender({
      sessions: awsSessions(),
      claims: awsClaims(),
      config: core.config,
      clock: core.clock,
      sms,
      email: messaging.email,
      publicBaseUrl: messaging.publicBaseUrl,
    }),
  }),
);
