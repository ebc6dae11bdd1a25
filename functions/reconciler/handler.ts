/** Lambda entry for the reconciler, wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { ReconcilerService } from '../../shared/app/reconciler-service';
import { awsCoreDeps, awsFailures, awsMetrics } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsDeadLetters, awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

export const handler = publishingMetrics(
  makeHandler({
    reconciler: new ReconcilerService({
      ...core,
      deadlines: new DeadlineService(core),
      followUps: new FollowUpService({
        ...core,
        // Timers are only created by the lead card (links); firing ones never creates any.
        get timers() {
          return awsTimers();
        },
      }),
      deadLetters: awsDeadLetters(),
    }),
  }),
);
