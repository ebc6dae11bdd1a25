/** Lambda entry for handoff links (`/h/{token}`), wired to AWS. */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { FollowUpTimers } from '../../shared/app/follow-up-timers';
import { LinkService } from '../../shared/app/link-service';
import { awsCoreDeps, awsFailures, awsMetrics, awsTokens } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    links: new LinkService({
      ...awsCoreDeps(),
      tokens: awsTokens(),
      timers: awsTimers(),
      metrics: awsMetrics(),
      queue: awsQueue(),
      failures: awsFailures(),
      dispatches: new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() }),
      followUpTimers: new FollowUpTimers({ timers: awsTimers() }),
    }),
  }),
);
