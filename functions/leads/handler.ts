/** Lambda entry for the ops lead endpoints, wired to AWS. */
import { LeadsService } from '../../shared/app/leads-service';
import { awsCoreDeps, awsMetrics } from '../../shared/aws/deps';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({ leads: new LeadsService({ ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics() }) }),
);
