/** Lambda entry for acceptance deadlines and follow-up timers (EventBridge Scheduler target), wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { awsCoreDeps, awsFailures, awsMetrics } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

export const handler = publishingMetrics(
  makeHandler({
    deadlines: new DeadlineService(core),
    followUps: new FollowUpService({
      ...core,
      // Timers are only created by the lead card (links); firing ones never creates any.
      get timers() {
        return awsTimers();
      },
    }),
  }),
);
