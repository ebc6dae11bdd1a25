/** A clock that moves only when told: the local runner's manual mode, the demo and scenario tests. */
import type { Clock } from '../shared/ports';

export class ManualClock implements Clock {
  private current: number;
  /** Called after every move: the runner's data dir saves the time then. */
  onChange: (() => void) | undefined;

  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
    this.onChange?.();
  }

  advance(seconds: number): Date {
    this.current += seconds * 1000;
    this.onChange?.();
    return this.now();
  }
}
