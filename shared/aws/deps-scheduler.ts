/** EventBridge Scheduler wiring: handoff deadlines and follow-up timers. */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from 'zod';
import { readEnv } from '../env';
import { ConfigError } from '../errors';
import type { TimerService } from '../ports';
import { DEADLINE_RETRY, ENV } from '../settings';
import { once } from './deps';
import { SchedulerTimers } from './scheduler-timers';

/**
 * Timers in the app's schedule group. Functions that only delete timers (links) get the group alone;
 * creating one then fails loudly instead of building a half-configured schedule.
 */
export const awsTimers = /* @__PURE__ */ once((): TimerService => {
  const env = readEnv({
    [ENV.SCHEDULE_GROUP]: z.string().min(1),
    [ENV.SCHEDULER_ROLE_ARN]: z.string().startsWith('arn:').optional(),
    [ENV.DEADLINE_FUNCTION_ARN]: z.string().startsWith('arn:').optional(),
    [ENV.SCHEDULER_DLQ_ARN]: z.string().startsWith('arn:').optional(),
  });
  const client = new SchedulerClient({});
  const roleArn = env[ENV.SCHEDULER_ROLE_ARN];
  const targetArn = env[ENV.DEADLINE_FUNCTION_ARN];
  const deadLetterArn = env[ENV.SCHEDULER_DLQ_ARN];
  const groupName = env[ENV.SCHEDULE_GROUP];
  if (roleArn && targetArn && deadLetterArn) {
    return new SchedulerTimers(client, {
      groupName,
      roleArn,
      targetArn,
      deadLetterArn,
      maxRetries: DEADLINE_RETRY.schedulerMaxRetries,
      maxEventAgeSeconds: DEADLINE_RETRY.schedulerMaxEventAgeSeconds,
    });
  }
  const deleteOnly = new SchedulerTimers(client, {
    groupName,
    roleArn: 'arn:none',
    targetArn: 'arn:none',
    deadLetterArn: 'arn:none',
  });
  return {
    schedule: async () => {
      throw new ConfigError('This function may only delete timers (no scheduler role/target configured)');
    },
    cancel: (name) => deleteOnly.cancel(name),
  };
});
