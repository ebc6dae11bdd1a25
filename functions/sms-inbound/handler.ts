/**
 * Lambda entry for what AWS End User Messaging SMS publishes (→ SNS → SQS): texts to the origination
 * number (two-way SMS) and the delivery reports of our SMS, wired to AWS.
 */
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { FailoverRequests } from '../../shared/app/failover-requests';
import { HandoffDecisions } from '../../shared/app/handoff-decisions';
import { InboundSmsService } from '../../shared/app/inbound-sms-service';
import { optOutAwareSms } from '../../shared/app/opt-out-sms';
import { SmsDeliveryService } from '../../shared/app/sms-delivery-service';
import { awsAvailability, awsCoreDeps, awsFailures, awsMetrics, awsSmsContacts } from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsSms } from '../../shared/aws/deps-sms';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();
const dispatches = new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() });
const decisions = new HandoffDecisions({
  ...core,
  timers: awsTimers(),
  metrics: awsMetrics(),
  queue: awsQueue(),
  failures: awsFailures(),
  dispatches,
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
    deliveries: new SmsDeliveryService({
      ...core,
      metrics: awsMetrics(),
      failures: awsFailures(),
      // A failed handoff request falls over at once, run by the dispatcher.
      failover: new FailoverRequests({ queue: awsQueue() }),
    }),
  }),
);
