/** Lambda entry for the dispatch queue, wired to AWS. */
import { DispatchService } from '../../shared/app/dispatch-service';
import { awsCoreDeps, awsFailures, awsMetrics } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    dispatch: new DispatchService({
      ...awsCoreDeps(),
      queue: awsQueue(),
      timers: awsTimers(),
      metrics: awsMetrics(),
      failures: awsFailures(),
    }),
  }),
);
