/**
 * Creates and deletes the timers of idle next-action checks (what they do when they fire is
 * `IdleService`; when they fire is `idle-next-action.ts`). Timers are created after the lead is written.
 * A timer that could not be created is not lost: the lead's `timerAt` in the `open` index says when it
 * should have fired, and the reconciler runs it. A timer that could not be deleted fires later and finds
 * nothing to do.
 */
import type { IdleTimerChange } from '../domain/idle-next-action';
import { idleTimerName } from '../domain/timer-names';
import { logger } from '../observability';
import type { TimerService } from '../ports';

/** Deletes the timers the change cancels, then creates the ones it schedules; failures are logged only. */
export const applyIdleTimers = async (
  timers: TimerService,
  leadId: string,
  change: IdleTimerChange,
): Promise<void> => {
  for (const timer of change.cancel) {
    try {
      await timers.cancel(idleTimerName(leadId, timer.round, timer.step));
    } catch (error) {
      logger.warn('Idle timer not deleted; it will find nothing to do', {
        leadId,
        round: timer.round,
        step: timer.step,
        error: error as Error,
      });
    }
  }
  for (const timer of change.schedule) {
    try {
      await timers.schedule({
        name: idleTimerName(leadId, timer.round, timer.step),
        at: new Date(timer.at),
        payload: { kind: 'idle_next_action', leadId, round: timer.round, step: timer.step },
      });
    } catch (error) {
      logger.warn('Idle timer not created; the reconciler will run it', {
        leadId,
        round: timer.round,
        step: timer.step,
        error: error as Error,
      });
    }
  }
};
