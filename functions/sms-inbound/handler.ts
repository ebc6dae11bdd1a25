/** Lambda entry for inbound SMS (End User Messaging two-way → SNS → SQS), wired to AWS. */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { HandoffDecisions } from '../../shared/app/handoff-decisions';
import { InboundSmsService } from '../../shared/app/inbound-sms-service';
import { optOutAwareSms } from '../../shared/app/opt-out-sms';
import { awsAvailability, awsCoreDeps, awsFailures, awsMetrics, awsSmsContacts } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsSms } from '../../shared/aws/deps-sns';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();
const decisions = new HandoffDecisions({
  ...core,
  timers: awsTimers(),
  metrics: awsMetrics(),
  queue: awsQueue(),
  failures: awsFailures(),
  dispatches: new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() }),
});

export const handler = publishingMetrics(
  makeHandler({
    inbound: new InboundSmsService({
      ...core,
      sms: optOutAwareSms(awsSms(), awsSmsContacts()),
      metrics: awsMetrics(),
      contacts: awsSmsContacts(),
      availability: awsAvailability(),
      decisions,
    }),
  }),
);
