/** Lambda entry for the end-of-day review and the weekly report (recurring schedules), wired to AWS. */
import { ReviewService } from '../../shared/app/review-service';
import { awsClaims, awsCoreDeps, awsMetrics, awsTokens } from '../../shared/aws/deps';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    reviews: new ReviewService({
      ...awsCoreDeps(),
      ...awsMessaging(),
      tokens: awsTokens(),
      metrics: awsMetrics(),
      claims: awsClaims(),
    }),
  }),
);
