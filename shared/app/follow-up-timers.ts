/**
 * Creates and deletes the timers of follow-ups (what they do when they fire is `onFollowUpTimer` of
 * `shared/domain/follow-up-timer.ts`). Timers are created after the lead is written. A timer that could not
 * be created is not lost: the lead's `timerAt` in the `open` index says when it should have fired, and
 * the reconciler runs it. A timer that could not be deleted fires later and finds nothing to do.
 */
import type { FollowUpTimer } from '../domain/follow-ups';
import { followUpTimerName } from '../domain/timer-names';
import { logger } from '../observability';
import type { TimerService } from '../ports';

export class FollowUpTimers {
  constructor(private readonly deps: { timers: TimerService }) {}

  /** Creates the timers; one that fails is logged and left to the reconciler. */
  async schedule(leadId: string, timers: readonly FollowUpTimer[]): Promise<void> {
    for (const timer of timers) {
      const ref = { sequence: timer.sequence, n: timer.n };
      try {
        await this.deps.timers.schedule({
          name: followUpTimerName(leadId, ref, timer.step),
          at: new Date(timer.at),
          payload: { kind: 'follow_up', leadId, ...ref, step: timer.step },
        });
      } catch (error) {
        logger.warn('Follow-up timer not created; the reconciler will run it', {
          leadId,
          ...ref,
          error: error as Error,
        });
      }
    }
  }

  /** Deletes the timers of cancelled or logged follow-ups; a late fire would change nothing anyway. */
  async cancel(leadId: string, timers: readonly FollowUpTimer[]): Promise<void> {
    for (const timer of timers) {
      const ref = { sequence: timer.sequence, n: timer.n };
      try {
        await this.deps.timers.cancel(followUpTimerName(leadId, ref, timer.step));
      } catch (error) {
        logger.warn('Follow-up timer not deleted; it will find nothing to do', {
          leadId,
          ...ref,
          error: error as Error,
        });
      }
    }
  }
}
