/**
 * Handoff timers as EventBridge Scheduler one-time schedules (docs/product-rules.md §6): one `at(...)` schedule per
 * handoff, in UTC, with no flexible window, deleted by Scheduler after it fires, and a retry policy and a
 * dead-letter queue on its target. Creating and deleting are idempotent, so dispatch and acceptance can
 * be retried freely.
 */
import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { systemClock } from '../clock';
import type { TimerPayload } from '../domain/timer-payloads';
import { ConfigError, type Issue } from '../errors';
import type { Clock, TimerService } from '../ports';
import { errorName, toDomainError } from './errors';

/** Scheduler's own bounds on a target's retry policy. */
const RETRY_ATTEMPTS_RANGE = { min: 0, max: 185 } as const;
const EVENT_AGE_RANGE = { min: 60, max: 86_400 } as const;

/** Defaults: a deadline is worth retrying for an hour; after that it lands on the DLQ for ops. */
export const DEFAULT_TIMER_RETRIES = 20;
export const DEFAULT_TIMER_EVENT_AGE_SECONDS = 3_600;

/**
 * How far ahead of "now" a schedule must at least fire. Scheduler refuses an `at(...)` in the past, and a
 * deadline that has already passed must still fire, so it is scheduled this soon instead.
 */
export const MIN_LEAD_MS = 1_000;

/** Where schedules live and what they invoke. */
export interface SchedulerTimerSettings {
  /** The app's own schedule group (IAM is scoped to it). */
  groupName: string;
  /** The role Scheduler assumes to invoke the target. */
  roleArn: string;
  /** The deadline function. */
  targetArn: string;
  /** The queue that receives invocations Scheduler gave up on. */
  deadLetterArn: string;
  /** Retries of a failed invocation (0–185); default `DEFAULT_TIMER_RETRIES`. */
  maxRetries?: number;
  /** Seconds an invocation keeps being retried (60–86400); default `DEFAULT_TIMER_EVENT_AGE_SECONDS`. */
  maxEventAgeSeconds?: number;
  /** Used only to move a deadline already past to just after now; default the system clock. */
  clock?: Clock;
}

const checkRange = (
  issues: Issue[],
  path: string,
  value: number,
  range: { min: number; max: number },
): void => {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    issues.push({ path, message: `must be an integer from ${range.min} to ${range.max}` });
  }
};

/**
 * When a schedule for the deadline `at` should fire, seen at `now`: never before `at` (rounded up to the
 * next whole second, since `at(...)` has no milliseconds) and never sooner than `MIN_LEAD_MS` from now.
 */
export const fireTime = (at: Date, now: Date): Date => {
  const deadline = at.getTime();
  if (Number.isNaN(deadline)) throw new RangeError('A timer needs a valid date');
  const earliest = Math.max(deadline, now.getTime() + MIN_LEAD_MS);
  return new Date(Math.ceil(earliest / 1000) * 1000);
};

/** Scheduler's one-time expression for an instant: `at(yyyy-mm-ddThh:mm:ss)`, read in UTC. */
export const atExpression = (instant: Date): string => `at(${instant.toISOString().slice(0, 19)})`;

/** `TimerService` over EventBridge Scheduler; SDK errors surface as domain errors (`toDomainError`). */
export class SchedulerTimers implements TimerService {
  private readonly maxRetries: number;
  private readonly maxEventAgeSeconds: number;
  private readonly clock: Clock;

  constructor(
    private readonly client: SchedulerClient,
    private readonly settings: SchedulerTimerSettings,
  ) {
    this.maxRetries = settings.maxRetries ?? DEFAULT_TIMER_RETRIES;
    this.maxEventAgeSeconds = settings.maxEventAgeSeconds ?? DEFAULT_TIMER_EVENT_AGE_SECONDS;
    this.clock = settings.clock ?? systemClock;
    const issues: Issue[] = [];
    for (const key of ['groupName', 'roleArn', 'targetArn', 'deadLetterArn'] as const) {
      if (settings[key] === '') issues.push({ path: key, message: 'must not be empty' });
    }
    checkRange(issues, 'maxRetries', this.maxRetries, RETRY_ATTEMPTS_RANGE);
    checkRange(issues, 'maxEventAgeSeconds', this.maxEventAgeSeconds, EVENT_AGE_RANGE);
    if (issues.length > 0) throw new ConfigError('Invalid scheduler timer settings', issues);
  }

  /** The `CreateSchedule` request for a timer. */
  private scheduleInput(timer: {
    name: string;
    at: Date;
    payload: TimerPayload;
  }): CreateScheduleCommandInput {
    const { name, at, payload } = timer;
    return {
      Name: name,
      GroupName: this.settings.groupName,
      ScheduleExpression: atExpression(fireTime(at, this.clock.now())),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Description: describeTimer(payload),
      Target: {
        Arn: this.settings.targetArn,
        RoleArn: this.settings.roleArn,
        Input: JSON.stringify(payload),
        RetryPolicy: {
          MaximumRetryAttempts: this.maxRetries,
          MaximumEventAgeInSeconds: this.maxEventAgeSeconds,
        },
        DeadLetterConfig: { Arn: this.settings.deadLetterArn },
      },
    };
  }

  async schedule(timer: { name: string; at: Date; payload: TimerPayload }): Promise<void> {
    const input = this.scheduleInput(timer);
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      // A schedule of this name exists: an earlier attempt of the same dispatch created it.
      if (errorName(error) === 'ConflictException') return;
      throw toDomainError(error, `Creating timer ${timer.name}`);
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.settings.groupName }));
    } catch (error) {
      // Already fired (and deleted by Scheduler) or cancelled before: the timer is gone either way.
      if (errorName(error) === 'ResourceNotFoundException') return;
      throw toDomainError(error, `Deleting timer ${name}`);
    }
  }
}

/** A schedule's description: what the timer is for (ids only, never personal data). */
const describeTimer = (payload: TimerPayload): string => {
  switch (payload.kind) {
    case 'acceptance_deadline':
      return `Acceptance deadline of handoff ${payload.seq} of lead ${payload.leadId}`;
    case 'opening':
      return `Start at opening of handoff ${payload.seq} of lead ${payload.leadId}`;
    case 'follow_up':
      return `Follow-up ${payload.sequence}-${payload.n} (${payload.step}) of lead ${payload.leadId}`;
    case 'idle_next_action':
      return `Idle next-action check ${payload.round} (${payload.step}) of lead ${payload.leadId}`;
  }
};
