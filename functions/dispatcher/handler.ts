/** Lambda entry for the dispatch queue, wired to AWS. */
import { DispatchService } from '../../shared/app/dispatch-service';
import { awsCoreDeps, awsFailures, awsMetrics, awsQueue, awsTimers } from '../../shared/aws/deps';
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
