/** Lambda entry for the reconciler, wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { ReconcilerService } from '../../shared/app/reconciler-service';
import { awsCoreDeps, awsDeadLetters, awsFailures, awsMetrics, awsQueue } from '../../shared/aws/deps';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

export const handler = publishingMetrics(
  makeHandler({
    reconciler: new ReconcilerService({
      ...core,
      deadlines: new DeadlineService(core),
      deadLetters: awsDeadLetters(),
    }),
  }),
);
