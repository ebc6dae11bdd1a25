/**
 * AWS wiring shared by every Lambda: each adapter reads and validates the environment it needs once
 * per cold start (failing loudly when something is missing) and SDK clients are created once, at
 * module scope of the function that uses them. A function only builds what it needs, and only imports
 * the SDK clients it uses: this module is DynamoDB's; SQS, Scheduler and SNS have their own
 * (`deps-sqs`, `deps-scheduler`, `deps-sns`), because every client imported costs cold-start time
 * whether it is used or not.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { awayAwareConfig, CachedAvailability } from '../app/away-aware-config';
import type { CoreDeps } from '../app/deps';
import { FailureService } from '../app/failure-service';
import { systemClock } from '../clock';
import { readEnv } from '../env';
import { randomIds } from '../ids';
import type {
  AvailabilityStore,
  ClaimStore,
  ConfigSource,
  ConfigWriter,
  CustomerSmsLimits,
  FailureStore,
  SendPacer,
  SessionStore,
  SmsContacts,
  TokenStore,
} from '../ports';
import { AWAY_CACHE_SECONDS, ENV } from '../settings';
import { DynamoAvailability } from './dynamo-availability';
import { DynamoClaimStore } from './dynamo-claims';
import { putConfig, TableConfigSource } from './dynamo-config-source';
import { DynamoCustomerSmsLimits } from './dynamo-customer-sms-limits';
import { DynamoFailureStore } from './dynamo-failure-store';
import { DynamoLeadStore, makeDocumentClient } from './dynamo-lead-store';
import { DynamoSendPacer } from './dynamo-send-pacer';
import { DynamoSessionStore } from './dynamo-session-store';
import { DynamoSmsContacts } from './dynamo-sms-contacts';
import { DynamoTokenStore } from './dynamo-token-store';
import { PowertoolsMetricSink } from './powertools-metrics';

export const dynamoClient = new DynamoDBClient({});
export const documentClient = makeDocumentClient(dynamoClient);

/**
 * A value built on first use, then kept for the life of the instance. Marked free of side effects so
 * that the bundler drops the adapters a function never asks for.
 */
export const once = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
};

const coreEnv = /* @__PURE__ */ once(() =>
  readEnv({
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.CONFIG_CACHE_SECONDS]: z.coerce.number().int().min(0).default(60),
  }),
);

export const tableName = (): string => coreEnv()[ENV.TABLE_NAME];

/** Who is away (AWAY / BACK by SMS, the board's roster page): read with every config load. */
export const awsAvailability = /* @__PURE__ */ once(
  (): AvailabilityStore =>
    new CachedAvailability(
      new DynamoAvailability(documentClient, tableName()),
      systemClock,
      AWAY_CACHE_SECONDS,
    ),
);

const configSource = /* @__PURE__ */ once(
  (): ConfigSource =>
    awayAwareConfig(
      new TableConfigSource(documentClient, tableName(), systemClock, coreEnv()[ENV.CONFIG_CACHE_SECONDS]),
      awsAvailability(),
    ),
);

/** Store, config, clock and ids over DynamoDB. */
export const awsCoreDeps = /* @__PURE__ */ once(
  (): CoreDeps => ({
    store: new DynamoLeadStore(documentClient, tableName()),
    config: configSource(),
    clock: systemClock,
    ids: randomIds,
  }),
);

/** Business metrics as CloudWatch EMF; handlers publish at the end of each invocation. */
export const awsMetrics = /* @__PURE__ */ once(() => new PowertoolsMetricSink());

export const awsTokens = /* @__PURE__ */ once(
  (): TokenStore => new DynamoTokenStore(documentClient, tableName()),
);

/** Standard-lane SMS pacing from the business settings (which ops may change without a redeploy). */
export const awsPacer = /* @__PURE__ */ once((): SendPacer => {
  const pacer = async () => {
    const { messaging } = (await configSource().load()).business;
    return new DynamoSendPacer(documentClient, tableName(), {
      perSecond: messaging.smsPerSecond,
      share: messaging.standardLaneShare,
    });
  };
  return {
    tryAcquire: async (now) => (await pacer()).tryAcquire(now),
    reserve: async (now, maxWaitMs) => (await pacer()).reserve(now, maxWaitMs),
  };
});

export const awsFailureStore = /* @__PURE__ */ once(
  (): FailureStore => new DynamoFailureStore(documentClient, tableName()),
);

/** Failed-handoff reporting (records, metric, timeline). */
export const awsFailures = /* @__PURE__ */ once(
  () =>
    new FailureService({
      store: awsCoreDeps().store,
      clock: systemClock,
      metrics: awsMetrics(),
      failures: awsFailureStore(),
    }),
);

/** Config changes by ops go to the table item every function reads (validated before they are stored). */
export const awsConfigWriter = /* @__PURE__ */ once(
  (): ConfigWriter => ({
    put: (business, roster) => putConfig(documentClient, tableName(), business, roster, systemClock.now()),
  }),
);

/** One-time claims (the daily review and weekly report send once). */
export const awsClaims = /* @__PURE__ */ once(
  (): ClaimStore => new DynamoClaimStore(documentClient, tableName()),
);

/** Per-number and daily limits on customer SMS. */
export const awsCustomerSmsLimits = /* @__PURE__ */ once(
  (): CustomerSmsLimits => new DynamoCustomerSmsLimits(documentClient, tableName()),
);

/** SMS opt-outs (STOP / START) and inbound SMS from unknown numbers. */
export const awsSmsContacts = /* @__PURE__ */ once(
  (): SmsContacts => new DynamoSmsContacts(documentClient, tableName()),
);

/** Board sign-in links, sessions and sign-in request counters. */
export const awsSessions = /* @__PURE__ */ once(
  (): SessionStore => new DynamoSessionStore(documentClient, tableName()),
);
