/** Lambda entry for `POST /leads`, wired to AWS. */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { IntakeService } from '../../shared/app/intake-service';
import { awsCoreDeps, awsMetrics, dynamoClient, tableName } from '../../shared/aws/deps';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { makeIdempotencyStore } from '../../shared/aws/idempotency';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();

export const handler = publishingMetrics(
  makeHandler({
    intake: new IntakeService({
      ...core,
      metrics: awsMetrics(),
      dispatches: new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() }),
    }),
    idempotency: makeIdempotencyStore(dynamoClient, tableName(), 'intake'),
    config: core.config,
  }),
);
