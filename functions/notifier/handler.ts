/** Lambda entry for both notification lanes, wired to SNS. */
import { NotificationService } from '../../shared/app/notification-service';
import { awsCoreDeps, awsFailures, awsMetrics, awsPacer, awsTokens } from '../../shared/aws/deps';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    notifications: new NotificationService({
      ...awsCoreDeps(),
      ...awsMessaging(),
      tokens: awsTokens(),
      pacer: awsPacer(),
      metrics: awsMetrics(),
      failures: awsFailures(),
    }),
  }),
);
