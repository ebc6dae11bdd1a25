/** Lambda entry for the end-of-day review and the weekly report (recurring schedules), wired to AWS. */
import { LinkIssuer } from '../../shared/app/link-issuer';
import { ReviewService } from '../../shared/app/review-service';
import { awsClaims, awsCoreDeps, awsMetrics, awsTokens } from '../../shared/aws/deps';
import { awsSms } from '../../shared/aws/deps-sms';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();
const messaging = awsMessaging();

export const handler = publishingMetrics(
  makeHandler({
    reviews: new ReviewService({
      ...core,
      sms: awsSms(),
      email: messaging.email,
      metrics: awsMetrics(),
      claims: awsClaims(),
      linkIssuer: new LinkIssuer({
        tokens: awsTokens(),
        clock: core.clock,
        publicBaseUrl: messaging.publicBaseUrl,
      }),
    }),
  }),
);
