/**
 * Asks the dispatcher to fall a handoff over (`HandoffFailover` runs there): a `sms_failover` message
 * on the `dispatch` queue. What the notifier and the delivery reports use, so that neither function
 * carries the routing and escalation code (the notifier's bundle stays small); the queue hop takes a
 * second or two, and a failing run is retried, then dead-lettered and alarmed, like a dispatch.
 */
import type { WorkQueue } from '../ports';
import type { FailoverOutcome, SmsFailovers } from './collaborators';

export class FailoverRequests implements SmsFailovers {
  constructor(private readonly deps: { queue: WorkQueue }) {}

  async afterSmsFailure(
    failed: { leadId: string; seq: number; recipientId: string },
    why: string,
  ): Promise<FailoverOutcome> {
    await this.deps.queue.send('dispatch', [{ type: 'sms_failover', ...failed, why }]);
    return 'queued';
  }
}
