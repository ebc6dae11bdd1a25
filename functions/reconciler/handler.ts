/** Lambda entry for the reconciler, wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { IdleService } from '../../shared/app/idle-service';
import { ReconcilerService } from '../../shared/app/reconciler-service';
import { awsCoreDeps, awsFailures, awsMetrics } from '../../shared/aws/deps';
import { awsDeadLetters, awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };
const dispatches = new DispatchRequester(core);

export const handler = publishingMetrics(
  makeHandler({
    reconciler: new ReconcilerService({
      ...core,
      dispatches,
      deadlines: new DeadlineService({ ...core, dispatches }),
      followUps: new FollowUpService(core),
      idles: new IdleService(core),
      deadLetters: awsDeadLetters(),
    }),
  }),
);
