/**
 * The local event loop: fires due timers and drains the queues through their consumers, urgent lane
 * first. On the manual clock, `advance` is a discrete-event simulation: it steps the clock to each
 * next timer or message visibility in turn, so a 15-minute advance runs every 5-minute escalation step
 * at its own time. On the real clock, `start` runs the same loop every few hundred milliseconds.
 */
import type { TimerPayload } from '../shared/domain/timer-payloads';
import type { ManualClock } from './manual-clock';
import { type LocalConsumer, pollOnce } from './queues';
import type { FiredTimer, LocalScheduler } from './scheduler';

/**
 * A recurring schedule: every `everySeconds` (EventBridge Scheduler `rate(...)`, e.g. the reconciler), or
 * at the instants `next` returns (a `cron(...)` in the business time zone, e.g. the end-of-day review).
 */
export type LocalRecurring = {
  name: string;
  run: () => Promise<unknown>;
} & ({ everySeconds: number } | { next: (after: number) => Promise<number> });

export interface LocalRuntimeParts {
  scheduler: LocalScheduler;
  recurring?: LocalRecurring[];
  /** The clock the recurring schedules follow. */
  now: () => number;
  /** In priority order: the first consumer's queue is always drained before the next one's. */
  consumers: LocalConsumer[];
  deadline: (payload: TimerPayload) => Promise<unknown>;
}

/** Simulated time a failed consumer invocation takes (manual clock only). */
const FAILED_INVOCATION_MS = 20;

export class LocalRuntime {
  private busy: Promise<FiredTimer[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** While advancing a manual clock: lets failed invocations take (simulated) time. */
  private spend: ((ms: number) => void) | undefined;
  /** The instant the current manual-clock `advance` stops at, and its clock. */
  private target: number | undefined;
  private manualClock: ManualClock | undefined;
  private readonly nextRun = new Map<string, number>();

  constructor(private readonly parts: LocalRuntimeParts) {
    for (const task of parts.recurring ?? [])
      if ('everySeconds' in task) this.nextRun.set(task.name, parts.now() + task.everySeconds * 1000);
  }

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
      // A handler waited past the end of this advance: the rest is for the next one.
      if (this.target !== undefined && this.parts.now() > this.target) return fired;
      await this.runRecurring();
      const now = await this.parts.scheduler.fireDue(this.parts.deadline);
      fired.push(...now);
      let handled = 0;
      for (const consumer of this.parts.consumers) {
        // Urgent work first: re-check higher-priority queues after every batch of a lower one.
        const result = await pollOnce(consumer);
        handled = result.handled;
        // A failing invocation is not free: without this, every message of a batch that failed at the
        // same frozen instant would retry at the same instant again (and meet a paced slot together).
        if (result.failed > 0) this.spend?.(result.failed * FAILED_INVOCATION_MS);
        if (handled > 0) break;
      }
      if (now.length === 0 && handled === 0) return fired;
    }
    throw new Error('Local runtime did not settle (a handler keeps producing work)');
  }

  /** Manual clock: move time forward, running every timer and retry at its own moment. */
  advance(clock: ManualClock, seconds: number): Promise<{ now: string; fired: FiredTimer[] }> {
    return this.advanceUntil(clock, new Date(clock.now().getTime() + seconds * 1000));
  }

  /** Manual clock: move time forward to `at` (not before now), as `advance` does. */
  async advanceUntil(clock: ManualClock, at: Date): Promise<{ now: string; fired: FiredTimer[] }> {
    const target = Math.max(at.getTime(), clock.now().getTime());
    this.spend = (ms) => clock.set(new Date(Math.min(target, clock.now().getTime() + ms)));
    this.target = target;
    this.manualClock = clock;
    try {
      return await this.advanceTo(clock, target);
    } finally {
      this.spend = undefined;
      this.target = undefined;
      this.manualClock = undefined;
    }
  }

  private async advanceTo(clock: ManualClock, target: number): Promise<{ now: string; fired: FiredTimer[] }> {
    const fired = [...(await this.runDue())];
    for (;;) {
      const next = this.nextEventAt();
      if (next === undefined || next > target || clock.now().getTime() > target) break;
      if (next > clock.now().getTime()) clock.set(new Date(next));
      fired.push(...(await this.runDue()));
      if (clock.now().getTime() > target) break;
      if (next <= clock.now().getTime() && this.nextEventAt() === next) {
        // Nothing consumed at this instant (e.g. a message paced again): step past it.
        clock.set(new Date(next + 1));
      }
    }
    if (clock.now().getTime() < target) clock.set(new Date(target));
    fired.push(...(await this.runDue()));
    return { now: clock.now().toISOString(), fired };
  }

  /**
   * A handler waiting `ms` (e.g. for its SMS send slot): while a manual clock advances, simulated time
   * passes; on the real clock, real time; on a manual clock outside `advance`, nothing waits.
   */
  async sleep(ms: number): Promise<void> {
    // The wait may run past the end of the advance: nothing else starts until the next one.
    if (this.manualClock) this.manualClock.set(new Date(this.manualClock.now().getTime() + ms));
    else if (this.timer) await new Promise<void>((resolve) => setTimeout(resolve, ms));
  }

  /** How long `sleep` can wait now: `max` on the real clock or while a manual clock advances, else 0. */
  sleepableMs(max: number): number {
    return this.timer || this.manualClock ? max : 0;
  }

  /** Real clock: poll continuously. */
  start(intervalMs = 200): void {
    this.timer ??= setInterval(() => {
      this.runDue().catch((error: unknown) => console.error(`local runtime error: ${(error as Error).name}`));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.busy;
  }

  /** Runs the recurring schedules that are due (a failing run is logged and tried at the next slot). */
  private async runRecurring(): Promise<void> {
    const now = this.parts.now();
    for (const task of this.parts.recurring ?? []) {
      if ('next' in task && !this.nextRun.has(task.name)) {
        // First run of the loop: find the first instant (the schedule is "created" now).
        this.nextRun.set(task.name, await task.next(now));
        continue;
      }
      const due = this.nextRun.get(task.name) ?? now;
      if (due > now) continue;
      this.nextRun.set(
        task.name,
        'everySeconds' in task
          ? due + Math.ceil((now - due + 1) / (task.everySeconds * 1000)) * task.everySeconds * 1000
          : await task.next(now),
      );
      try {
        await task.run();
      } catch (error) {
        console.error(`local ${task.name} failed: ${(error as Error).name}`);
      }
    }
  }

  private nextEventAt(): number | undefined {
    const times = [
      ...this.nextRun.values(),
      this.parts.scheduler.nextDueAt(),
      ...this.parts.consumers.map((consumer) => consumer.queue.nextVisibleAt()),
    ].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }
}
