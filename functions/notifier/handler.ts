/** Lambda entry for both notification lanes, wired to SNS. */
import { LinkIssuer } from '../../shared/app/link-issuer';
import { NotificationService } from '../../shared/app/notification-service';
import { SignInSender } from '../../shared/app/sign-in-sender';
import {
  awsClaims,
  awsCoreDeps,
  awsCustomerSmsLimits,
  awsFailures,
  awsMetrics,
  awsPacer,
  awsSessions,
  awsTokens,
} from '../../shared/aws/deps';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();
const messaging = awsMessaging();

export const handler = publishingMetrics(
  makeHandler({
    notifications: new NotificationService({
      ...core,
      sms: messaging.sms,
      email: messaging.email,
      pacer: awsPacer(),
      metrics: awsMetrics(),
      failures: awsFailures(),
      customerSms: awsCustomerSmsLimits(),
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
      sms: messaging.sms,
      email: messaging.email,
      publicBaseUrl: messaging.publicBaseUrl,
    }),
  }),
);
