/**
 * Fault injection for the local runner: every AWS-facing port can be told to fail — a scripted number
 * of times, or at random with a seeded rate that each port's failures never fall below — with the
 * errors AWS actually produces (throttling,
 * timeouts, 5xx). DynamoDB faults are injected into the SDK client itself, so the store adapter's error
 * mapping is exercised too, including writes that were applied although the caller saw a timeout.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeliveryError, TransientError } from '../shared/errors';
import type { EmailSender, SmsSender, TimerService, WorkQueue } from '../shared/ports';
import { mulberry32 } from '../shared/random';

export const FAULT_PORTS = ['dynamodb', 'queue', 'timers', 'sms', 'email', 'deadline'] as const;
export type FaultPort = (typeof FAULT_PORTS)[number];

const sdkError = (name: string, status: number, message: string): Error =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

const DYNAMO_ERRORS = [
  () =>
    sdkError(
      'ProvisionedThroughputExceededException',
      400,
      'Rate of requests exceeds the allowed throughput',
    ),
  () => sdkError('InternalServerError', 500, 'Internal server error'),
  () => Object.assign(sdkError('TimeoutError', 0, 'Connection timed out'), { code: 'ETIMEDOUT' }),
];

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
]);

export class FaultPlan {
  /** Faults fire only while enabled (an outage can end). */
  enabled = true;
  readonly injected: Record<FaultPort, number> = {
    dynamodb: 0,
    queue: 0,
    timers: 0,
    sms: 0,
    email: 0,
    deadline: 0,
  };
  readonly calls: Record<FaultPort, number> = {
    dynamodb: 0,
    queue: 0,
    timers: 0,
    sms: 0,
    email: 0,
    deadline: 0,
  };
  private readonly scripted = new Map<FaultPort, number>();
  private readonly random: () => number;

  constructor(private readonly options: { rate?: number; seed?: number; ports?: readonly FaultPort[] } = {}) {
    this.random = mulberry32(options.seed ?? 1);
  }

  /** The next `count` calls of `port` fail. */
  failNext(port: FaultPort, count = 1): void {
    this.scripted.set(port, (this.scripted.get(port) ?? 0) + count);
  }

  /** Ends every scripted fault (the outage is over). */
  clear(): void {
    this.scripted.clear();
  }

  /** Whether this call of `port` fails (and counts it). */
  shouldFail(port: FaultPort): boolean {
    this.calls[port] += 1;
    if (!this.enabled) return false;
    const left = this.scripted.get(port) ?? 0;
    let fail = false;
    if (left > 0) {
      this.scripted.set(port, left - 1);
      fail = true;
    } else if (this.options.rate && (this.options.ports ?? FAULT_PORTS).includes(port)) {
      // At random, but never below the rate: a port whose share of failures would fall under it fails now.
      fail = this.random() < this.options.rate || this.injected[port] < this.options.rate * this.calls[port];
    }
    if (fail) this.injected[port] += 1;
    return fail;
  }

  pick<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.random() * choices.length)] as T;
  }

  /** Throws the error an AWS call through `port` would throw, when it should fail. */
  check(port: Exclude<FaultPort, 'dynamodb'>): void {
    if (!this.shouldFail(port)) return;
    if (port === 'sms' || port === 'email') {
      throw this.pick([
        new DeliveryError('Rate exceeded', 'throttled', false),
        new DeliveryError('Service unavailable', 'unavailable', false),
      ]);
    }
    throw new TransientError(
      `${port}: ${this.pick(['ThrottlingException', 'TimeoutError', 'InternalServerError'])}`,
    );
  }

  /** Injects faults into a DynamoDB client: before the call, or (for writes) after it was applied. */
  attachTo(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!this.shouldFail('dynamodb')) return next(args);
        const make = this.pick(DYNAMO_ERRORS);
        const command = String(context.commandName ?? '');
        if (WRITES.has(command) && this.random() < 0.3) {
          await next(args); // applied, but the caller never hears so
          throw sdkError('TimeoutError', 0, 'Response lost after the write');
        }
        throw make();
      },
      { step: 'initialize', name: 'localFaults' },
    );
  }
}

export const faultyQueue = (inner: WorkQueue, faults: FaultPlan): WorkQueue => ({
  send: async (queue, messages) => {
    faults.check('queue');
    return inner.send(queue, messages);
  },
});

export const faultyTimers = (inner: TimerService, faults: FaultPlan): TimerService => ({
  schedule: async (timer) => {
    faults.check('timers');
    return inner.schedule(timer);
  },
  cancel: async (name) => {
    faults.check('timers');
    return inner.cancel(name);
  },
});

export const faultySms = (inner: SmsSender, faults: FaultPlan): SmsSender => ({
  send: async (sms) => {
    faults.check('sms');
    return inner.send(sms);
  },
});

export const faultyEmail = (inner: EmailSender, faults: FaultPlan): EmailSender => ({
  send: async (email) => {
    faults.check('email');
    return inner.send(email);
  },
});
