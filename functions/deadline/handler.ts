/** Lambda entry for acceptance deadlines, follow-up and idle next-action timers (Scheduler target), wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { IdleService } from '../../shared/app/idle-service';
import { awsCoreDeps, awsFailures, awsMetrics } from '../../shared/aws/deps';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

export const handler = publishingMetrics(
  makeHandler({
    deadlines: new DeadlineService({ ...core, dispatches: new DispatchRequester(core) }),
    followUps: new FollowUpService(core),
    idles: new IdleService(core),
  }),
);
