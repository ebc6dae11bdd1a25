/** A clock that moves only when told: the local runner's manual mode, the demo and scenario tests. */
import type { Clock } from '../shared/ports';

export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(seconds: number): Date {
    this.current += seconds * 1000;
    return this.now();
  }
}
