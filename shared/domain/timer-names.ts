/**
 * Names of handoff, follow-up and idle next-action timers.
 *
 * A timer name is derived from the lead and the handoff step only, so creating the timer twice (a retried
 * dispatch) hits the same schedule, and accepting the handoff can cancel it without having stored it.
 */
import { createHash } from 'node:crypto';

/** EventBridge Scheduler's limit on schedule names. */
export const MAX_TIMER_NAME_LENGTH = 64;

/** What Scheduler accepts in a schedule name: 1–64 of `[0-9a-zA-Z-_.]`. */
export const TIMER_NAME_PATTERN = /^[0-9a-zA-Z_.-]{1,64}$/;

const PLAIN_PREFIX = 'handoff-';
/** Prefix of names built from a digest of the lead id; differs from the plain prefix, so the two never collide. */
const HASHED_PREFIX = 'handoff.';
const SAFE_ID = /^[0-9a-zA-Z_.-]+$/;

/**
 * The timer name of handoff `seq` of lead `leadId`: `handoff-<leadId>-<seq>` when that is a valid
 * schedule name (every id this app generates), else `handoff.<digest of the id>-<seq>`, so any id gives a
 * valid, deterministic name. `seq` must be a non-negative safe integer.
 */
export const timerName = (leadId: string, seq: number): string => {
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new RangeError(`A handoff seq must be a non-negative integer, not ${seq}`);
  }
  const plain = `${PLAIN_PREFIX}${leadId}-${seq}`;
  if (SAFE_ID.test(leadId) && plain.length <= MAX_TIMER_NAME_LENGTH) return plain;
  const digest = createHash('sha256').update(leadId, 'utf8').digest('hex').slice(0, 32);
  return `${HASHED_PREFIX}${digest}-${seq}`;
};

/**
 * The timer name of a follow-up's reminder (`r`) or due check (`d`): `followup-<leadId>-<sequence>-<n>-<r|d>`,
 * or with a digest of the id like `timerName`.
 */
export const followUpTimerName = (
  leadId: string,
  ref: { sequence: number; n: number },
  step: 'remind' | 'due',
): string => {
  for (const value of [ref.sequence, ref.n]) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`A follow-up sequence and number must be non-negative integers, not ${value}`);
    }
  }
  const suffix = `${ref.sequence}-${ref.n}-${step === 'remind' ? 'r' : 'd'}`;
  const plain = `followup-${leadId}-${suffix}`;
  if (SAFE_ID.test(leadId) && plain.length <= MAX_TIMER_NAME_LENGTH) return plain;
  const digest = createHash('sha256').update(leadId, 'utf8').digest('hex').slice(0, 32);
  return `followup.${digest}-${suffix}`;
};

/**
 * The timer name of the start of held handoff `seq` (docs/product-rules.md §5, Hours):
 * `opening-<leadId>-<seq>`, or with a digest of the id like `timerName`. Distinct from the handoff's
 * deadline timer, which is created when it starts.
 */
export const openingTimerName = (leadId: string, seq: number): string => {
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new RangeError(`A handoff seq must be a non-negative integer, not ${seq}`);
  }
  const plain = `opening-${leadId}-${seq}`;
  if (SAFE_ID.test(leadId) && plain.length <= MAX_TIMER_NAME_LENGTH) return plain;
  const digest = createHash('sha256').update(leadId, 'utf8').digest('hex').slice(0, 32);
  return `opening.${digest}-${seq}`;
};

/**
 * The timer name of an idle check's reminder (`r`) or its escalation (`e`): `idle-<leadId>-<round>-<r|e>`,
 * or with a digest of the id like `timerName`.
 */
export const idleTimerName = (leadId: string, round: number, step: 'remind' | 'escalate'): string => {
  if (!Number.isSafeInteger(round) || round < 0) {
    throw new RangeError(`An idle check round must be a non-negative integer, not ${round}`);
  }
  const suffix = `${round}-${step === 'remind' ? 'r' : 'e'}`;
  const plain = `idle-${leadId}-${suffix}`;
  if (SAFE_ID.test(leadId) && plain.length <= MAX_TIMER_NAME_LENGTH) return plain;
  const digest = createHash('sha256').update(leadId, 'utf8').digest('hex').slice(0, 32);
  return `idle.${digest}-${suffix}`;
};
