/** Lambda entry for `/hooks/{connector}` (lead source webhooks), wired to AWS. */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { IntakeService } from '../../shared/app/intake-service';
import { awsCoreDeps, awsMetrics } from '../../shared/aws/deps';
import { awsHooks } from '../../shared/aws/deps-hooks';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { gatewayRequestUrl, makeHandler } from './make-handler';

const intake = new IntakeService({
  ...awsCoreDeps(),
  metrics: awsMetrics(),
  dispatches: new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() }),
});

export const handler = publishingMetrics(
  makeHandler({ hooks: awsHooks(intake), requestUrl: gatewayRequestUrl }),
);
