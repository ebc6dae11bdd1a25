/**
 * EventBridge Scheduler one-time schedules, emulated: `at` times rounded up to the second, creating an
 * existing name is a no-op (ConflictException counts as created), deleting a missing one is fine,
 * a completed schedule is deleted (ActionAfterCompletion DELETE), a failed invocation is retried
 * per the retry policy and then sent to the dead-letter queue.
 */

import type { TimerPayload } from '../shared/domain/timer-payloads';
import type { Clock, TimerService } from '../shared/ports';
import type { LocalQueue } from './queues';

export interface LocalSchedule {
  name: string;
  at: number;
  payload: TimerPayload;
  attempts: number;
  nextAttemptAt: number;
}

export interface FiredTimer {
  name: string;
  at: string;
  payload: TimerPayload;
  outcome: 'ok' | 'retrying' | 'dead_lettered';
}

export class LocalScheduler implements TimerService {
  private readonly schedules = new Map<string, LocalSchedule>();
  /** Called after every change (created, deleted, fired, retried): the runner's data dir saves the timers then. */
  onChange: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: { maxRetries: number; retryDelaySeconds: number; deadLetter: LocalQueue },
  ) {}

  async schedule(timer: { name: string; at: Date; payload: TimerPayload }): Promise<void> {
    if (this.schedules.has(timer.name)) return;
    const at = Math.ceil(timer.at.getTime() / 1000) * 1000;
    this.schedules.set(timer.name, {
      name: timer.name,
      at,
      payload: timer.payload,
      attempts: 0,
      nextAttemptAt: at,
    });
    this.onChange?.();
  }

  async cancel(name: string): Promise<void> {
    if (this.schedules.delete(name)) this.onChange?.();
  }

  /** Puts back schedules saved earlier; one whose time passed meanwhile fires at the next `fireDue`. */
  restore(schedules: readonly LocalSchedule[]): void {
    this.schedules.clear();
    for (const schedule of schedules) this.schedules.set(schedule.name, structuredClone(schedule));
  }

  list(): LocalSchedule[] {
    return [...this.schedules.values()]
      .map((s) => ({ ...s }))
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  }

  has(name: string): boolean {
    return this.schedules.has(name);
  }

  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const schedule of this.schedules.values()) {
      if (next === undefined || schedule.nextAttemptAt < next) next = schedule.nextAttemptAt;
    }
    return next;
  }

  /** Invokes the target for every due schedule, in due order. */
  async fireDue(target: (payload: TimerPayload) => Promise<unknown>): Promise<FiredTimer[]> {
    const now = this.clock.now().getTime();
    const due = this.list().filter((s) => s.nextAttemptAt <= now);
    const fired: FiredTimer[] = [];
    for (const schedule of due) {
      const current = this.schedules.get(schedule.name);
      if (!current) continue;
      const at = new Date(current.at).toISOString();
      try {
        await target(structuredClone(current.payload));
        this.schedules.delete(current.name);
        fired.push({ name: current.name, at, payload: current.payload, outcome: 'ok' });
      } catch (error) {
        current.attempts += 1;
        if (current.attempts > this.options.maxRetries) {
          this.schedules.delete(current.name);
          // What Lambda's on-failure destination receives after the async retries.
          this.options.deadLetter.send(
            JSON.stringify({
              requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: current.attempts },
              requestPayload: current.payload,
              responsePayload: { errorType: (error as Error).name, errorMessage: 'deadline function failed' },
              scheduleName: current.name,
            }),
          );
          fired.push({ name: current.name, at, payload: current.payload, outcome: 'dead_lettered' });
        } else {
          current.nextAttemptAt = now + this.options.retryDelaySeconds * 1000;
          fired.push({ name: current.name, at, payload: current.payload, outcome: 'retrying' });
        }
      }
      this.onChange?.();
    }
    return fired;
  }
}
