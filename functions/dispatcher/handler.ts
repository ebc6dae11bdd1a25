/** Lambda entry for the dispatch queue, wired to AWS. */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { DispatchService } from '../../shared/app/dispatch-service';
import { HandoffFailover } from '../../shared/app/handoff-failover';
import { awsCoreDeps, awsFailures, awsMetrics } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics() };

export const handler = publishingMetrics(
  makeHandler({
    dispatch: new DispatchService({ ...core, timers: awsTimers(), failures: awsFailures() }),
    failover: new HandoffFailover({ ...core, timers: awsTimers(), dispatches: new DispatchRequester(core) }),
  }),
);
