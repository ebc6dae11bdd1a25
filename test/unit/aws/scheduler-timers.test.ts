import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  InternalServerException,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type SchedulerTimerSettings, SchedulerTimers } from '../../../shared/aws/scheduler-timers';
import type { TimerPayload } from '../../../shared/domain/timer-payloads';
import { ConfigError, TransientError } from '../../../shared/errors';
import type { Clock } from '../../../shared/ports';

const scheduler = mockClient(SchedulerClient);

const NOW = '2026-03-02T15:00:00.250Z';
const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });

const SETTINGS: SchedulerTimerSettings = {
  groupName: 'lead-handoff-prod',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler-invoke',
  targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:deadline',
  deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:deadline-dlq',
  clock: clockAt(NOW),
};

const payload: TimerPayload = { kind: 'acceptance_deadline', leadId: '01JNQ8Z3K4M5N6P7Q8R9S0T1V2', seq: 2 };
const NAME = 'handoff-01JNQ8Z3K4M5N6P7Q8R9S0T1V2-2';

const timers = (settings: Partial<SchedulerTimerSettings> = {}): SchedulerTimers =>
  new SchedulerTimers(new SchedulerClient({ region: 'us-east-1' }), { ...SETTINGS, ...settings });

const serverError = <T>(error: T): T => {
  Object.assign(error as object, { $metadata: { httpStatusCode: 500 } });
  return error;
};

const sentSchedules = () => scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input);

describe('SchedulerTimers.schedule', () => {
  beforeEach(() => {
    scheduler.reset();
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
  });

  it('creates a one-time UTC schedule with retries and a dead-letter queue on its target', async () => {
    // Prepare
    const at = new Date('2026-03-02T15:15:00.000Z');

    // Act
    await timers().schedule({ name: NAME, at, payload });

    // Assess
    expect(sentSchedules()).toEqual([
      {
        Name: NAME,
        GroupName: 'lead-handoff-prod',
        ScheduleExpression: 'at(2026-03-02T15:15:00)',
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        State: 'ENABLED',
        Description: 'Acceptance deadline of handoff 2 of lead 01JNQ8Z3K4M5N6P7Q8R9S0T1V2',
        Target: {
          Arn: SETTINGS.targetArn,
          RoleArn: SETTINGS.roleArn,
          Input: JSON.stringify(payload),
          RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: SETTINGS.deadLetterArn },
        },
      },
    ]);
  });

  it('passes the payload the deadline function reads', async () => {
    // Prepare
    const at = new Date('2026-03-02T15:15:00.000Z');

    // Act
    await timers().schedule({ name: NAME, at, payload });

    // Assess
    const input = sentSchedules()[0]?.Target?.Input;
    expect(JSON.parse(input ?? 'null')).toEqual({
      kind: 'acceptance_deadline',
      leadId: payload.leadId,
      seq: 2,
    });
  });

  it('uses the configured retry policy', async () => {
    // Prepare
    const custom = timers({ maxRetries: 5, maxEventAgeSeconds: 600 });

    // Act
    await custom.schedule({ name: NAME, at: new Date('2026-03-02T15:15:00.000Z'), payload });

    // Assess
    expect(sentSchedules()[0]?.Target?.RetryPolicy).toEqual({
      MaximumRetryAttempts: 5,
      MaximumEventAgeInSeconds: 600,
    });
  });

  it('rounds a deadline with milliseconds up to the next second, so it never fires early', async () => {
    // Prepare
    const at = new Date('2026-03-02T15:14:59.001Z');

    // Act
    await timers().schedule({ name: NAME, at, payload });

    // Assess
    expect(sentSchedules()[0]?.ScheduleExpression).toBe('at(2026-03-02T15:15:00)');
  });

  it('writes the deadline in UTC across a day boundary', async () => {
    // Prepare
    const at = new Date('2026-03-02T23:59:59.500Z');

    // Act
    await timers().schedule({ name: NAME, at, payload });

    // Assess
    expect(sentSchedules()[0]?.ScheduleExpression).toBe('at(2026-03-03T00:00:00)');
  });

  it('schedules a deadline already past for just after now, so it still fires', async () => {
    // Prepare
    const past = new Date('2026-03-02T14:00:00.000Z');

    // Act
    await timers().schedule({ name: NAME, at: past, payload });

    // Assess
    expect(sentSchedules()[0]?.ScheduleExpression).toBe('at(2026-03-02T15:00:02)');
  });

  it('schedules a deadline less than a second away at least a second from now', async () => {
    // Prepare
    const soon = new Date('2026-03-02T15:00:00.600Z');

    // Act
    await timers().schedule({ name: NAME, at: soon, payload });

    // Assess
    expect(sentSchedules()[0]?.ScheduleExpression).toBe('at(2026-03-02T15:00:02)');
  });

  it('counts an existing schedule of that name as created', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).rejects(
      new ConflictException({
        message: 'Schedule already exists.',
        Message: 'Schedule already exists.',
        $metadata: {},
      }),
    );

    // Act
    const result = timers().schedule({ name: NAME, at: new Date('2026-03-02T15:15:00.000Z'), payload });

    // Assess
    await expect(result).resolves.toBeUndefined();
  });

  it('reports throttling as a transient error', async () => {
    // Prepare
    scheduler
      .on(CreateScheduleCommand)
      .rejects(
        new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }),
      );

    // Act
    const result = timers().schedule({ name: NAME, at: new Date('2026-03-02T15:15:00.000Z'), payload });

    // Assess
    await expect(result).rejects.toBeInstanceOf(TransientError);
  });

  it('reports a server fault as a transient error keeping the cause', async () => {
    // Prepare
    const fault = serverError(
      new InternalServerException({ message: 'boom', Message: 'boom', $metadata: {} }),
    );
    scheduler.on(CreateScheduleCommand).rejects(fault);

    // Act
    const error = await timers()
      .schedule({ name: NAME, at: new Date('2026-03-02T15:15:00.000Z'), payload })
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).cause).toBe(fault);
  });

  it('lets a validation error through unchanged (not worth retrying)', async () => {
    // Prepare
    const invalid = new ValidationException({
      message: 'Invalid Schedule Expression',
      Message: 'Invalid Schedule Expression',
      $metadata: {},
    });
    scheduler.on(CreateScheduleCommand).rejects(invalid);

    // Act
    const error = await timers()
      .schedule({ name: NAME, at: new Date('2026-03-02T15:15:00.000Z'), payload })
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBe(invalid);
  });
});

describe('SchedulerTimers.cancel', () => {
  beforeEach(() => {
    scheduler.reset();
    scheduler.on(DeleteScheduleCommand).resolves({});
  });

  it('deletes the schedule of that name in the app group', async () => {
    // Prepare
    const target = timers();

    // Act
    await target.cancel(NAME);

    // Assess
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: NAME, GroupName: 'lead-handoff-prod' },
    ]);
  });

  it('counts a schedule already gone as deleted', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).rejects(
      new ResourceNotFoundException({
        message: 'Schedule not found',
        Message: 'Schedule not found',
        $metadata: {},
      }),
    );

    // Act
    const result = timers().cancel(NAME);

    // Assess
    await expect(result).resolves.toBeUndefined();
  });

  it('reports throttling as a transient error', async () => {
    // Prepare
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(
        new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }),
      );

    // Act
    const result = timers().cancel(NAME);

    // Assess
    await expect(result).rejects.toBeInstanceOf(TransientError);
  });

  it('does not hide a conflict on delete', async () => {
    // Prepare
    const conflict = new ConflictException({ message: 'in use', Message: 'in use', $metadata: {} });
    scheduler.on(DeleteScheduleCommand).rejects(conflict);

    // Act
    const result = timers().cancel(NAME);

    // Assess
    await expect(result).rejects.toBe(conflict);
  });
});

describe('SchedulerTimers settings', () => {
  it.each([
    { maxRetries: 186 },
    { maxRetries: -1 },
    { maxEventAgeSeconds: 59 },
    { maxEventAgeSeconds: 86_401 },
    { groupName: '' },
  ])('refuses %o', (settings) => {
    // Prepare
    // Act
    const act = () => timers(settings);

    // Assess
    expect(act).toThrow(ConfigError);
  });
});
