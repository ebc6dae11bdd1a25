/**
 * The local event loop: fires due timers and drains the queues through their consumers, urgent lane
 * first. On the manual clock, `advance` is a discrete-event simulation: it steps the clock to each
 * next timer or message visibility in turn, so a 15-minute advance runs every 5-minute escalation step
 * at its own time. On the real clock, `start` runs the same loop every few hundred milliseconds.
 */
import type { TimerPayload } from '../shared/ports';
import type { ManualClock } from './manual-clock';
import { type LocalConsumer, pollOnce } from './queues';
import type { FiredTimer, LocalScheduler } from './scheduler';

export interface LocalRuntimeParts {
  scheduler: LocalScheduler;
  /** In priority order: the first consumer's queue is always drained before the next one's. */
  consumers: LocalConsumer[];
  deadline: (payload: TimerPayload) => Promise<unknown>;
}

export class LocalRuntime {
  private busy: Promise<FiredTimer[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly parts: LocalRuntimeParts) {}

  /** Fires what is due now and drains every visible message (repeatedly: handlers enqueue more). */
  runDue(): Promise<FiredTimer[]> {
    this.busy ??= this.cycle().finally(() => {
      this.busy = undefined;
    });
    return this.busy;
  }

  private async cycle(): Promise<FiredTimer[]> {
    const fired: FiredTimer[] = [];
    for (let round = 0; round < 10_000; round += 1) {
      const now = await this.parts.scheduler.fireDue(this.parts.deadline);
      fired.push(...now);
      let handled = 0;
      for (const consumer of this.parts.consumers) {
        // Urgent work first: re-check higher-priority queues after every batch of a lower one.
        handled = await pollOnce(consumer);
        if (handled > 0) break;
      }
      if (now.length === 0 && handled === 0) return fired;
    }
    throw new Error('Local runtime did not settle (a handler keeps producing work)');
  }

  /** Manual clock: move time forward, running every timer and retry at its own moment. */
  async advance(clock: ManualClock, seconds: number): Promise<{ now: string; fired: FiredTimer[] }> {
    const target = clock.now().getTime() + seconds * 1000;
    const fired = [...(await this.runDue())];
    for (;;) {
      const next = this.nextEventAt();
      if (next === undefined || next > target) break;
      if (next > clock.now().getTime()) clock.set(new Date(next));
      fired.push(...(await this.runDue()));
      if (next <= clock.now().getTime() && this.nextEventAt() === next) {
        // Nothing consumed at this instant (e.g. a message paced again): step past it.
        clock.set(new Date(next + 1));
      }
    }
    clock.set(new Date(target));
    fired.push(...(await this.runDue()));
    return { now: clock.now().toISOString(), fired };
  }

  /** Real clock: poll continuously. */
  start(intervalMs = 200): void {
    this.timer ??= setInterval(() => {
      this.runDue().catch((error: unknown) => console.error('local runtime error', error));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.busy;
  }

  private nextEventAt(): number | undefined {
    const times = [
      this.parts.scheduler.nextDueAt(),
      ...this.parts.consumers.map((consumer) => consumer.queue.nextVisibleAt()),
    ].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }
}
