/** Lambda entry for acceptance deadlines (EventBridge Scheduler target), wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { awsCoreDeps, awsFailures, awsMetrics, awsQueue } from '../../shared/aws/deps';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    deadlines: new DeadlineService({
      ...awsCoreDeps(),
      queue: awsQueue(),
      metrics: awsMetrics(),
      failures: awsFailures(),
    }),
  }),
);
