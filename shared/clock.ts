/** The wall clock. Tests and the local runner's manual mode pass their own `Clock`. */
import type { Clock } from './ports';

export const systemClock: Clock = { now: () => new Date() };
