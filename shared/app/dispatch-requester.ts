/**
 * Asks for the dispatch of a lead's pending handoff (the dispatcher then creates its timer and queues
 * its notifications). Used by every use case that starts a handoff: intake, lead updates and
 * transfers, rejections, deadlines, the reconciler.
 */
import type { Lead } from '../domain/lead';
import { logger } from '../observability';
import type { MetricSink, WorkQueue } from '../ports';
import { METRICS } from '../settings';

export class DispatchRequester {
  constructor(private readonly deps: { queue: WorkQueue; metrics: MetricSink }) {}

  /**
   * Queues the dispatch when the lead's handoff waits for one. From an HTTP request a failure is logged
   * and left for the reconciler (the lead is stored; nothing is lost); a worker passes `strict` so its
   * own retry does it.
   */
  async request(lead: Lead, options: { strict?: boolean } = {}): Promise<void> {
    const handoff = lead.handoff;
    if (handoff?.dispatch !== 'pending') return;
    try {
      await this.deps.queue.send('dispatch', [{ type: 'dispatch', leadId: lead.id, seq: handoff.seq }]);
    } catch (error) {
      this.deps.metrics.count(METRICS.DispatchEnqueueFailed);
      if (options.strict) throw error;
      logger.error('Dispatch not queued; the reconciler will retry it', {
        leadId: lead.id,
        error: error as Error,
      });
    }
  }
}
