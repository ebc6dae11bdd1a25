/** Lambda entry for the ops endpoints, wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { OpsService } from '../../shared/app/ops-service';
import {
  awsConfigWriter,
  awsCoreDeps,
  awsFailureStore,
  awsFailures,
  awsMetrics,
  awsQueue,
  awsRedriver,
} from '../../shared/aws/deps';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

export const handler = publishingMetrics(
  makeHandler({
    ops: new OpsService({
      ...core,
      failureStore: awsFailureStore(),
      deadlines: new DeadlineService(core),
      redriver: awsRedriver(),
    }),
    config: awsConfigWriter(),
  }),
);
