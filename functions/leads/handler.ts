/** Lambda entry for the ops lead endpoints, wired to AWS. */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { LeadsService } from '../../shared/app/leads-service';
import { awsCoreDeps, awsMetrics } from '../../shared/aws/deps';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    leads: new LeadsService({
      ...awsCoreDeps(),
      dispatches: new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() }),
    }),
  }),
);
