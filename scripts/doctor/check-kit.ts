/** What every go-live check of `npm run doctor` is made of: the stage, the clients, a result. */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';

/** The deployed stage a check looks at: its name, region and the stack's outputs. */
export interface Stage {
  stackName: string;
  region: string;
  outputs: Readonly<Record<string, string>>;
  scheduleGroupName: string;
}

export interface DoctorClients {
  sns: SNSClient;
  sms: PinpointSMSVoiceV2Client;
  lambda: LambdaClient;
  scheduler: SchedulerClient;
  cloudwatch: CloudWatchClient;
  waf: WAFV2Client;
  dynamo: DynamoDBClient;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found, in a sentence. */
  found: string;
  /** When not ok: what to do about it. */
  fix?: string;
}

/** One check: its name in the report, and how it reads the account. */
export interface Check {
  name: string;
  run(stage: Stage, clients: DoctorClients): Promise<Omit<CheckResult, 'name'>>;
}

/** A check's outcome: what was found, and the fix when it is not ready. */
export const result = (ok: boolean, found: string, fix: string): Omit<CheckResult, 'name'> =>
  ok ? { ok, found } : { ok, found, fix };

/** A stack output the check needs; a stack without it is from before the check existed. */
export const output = (stage: Stage, key: string): string => {
  const value = stage.outputs[key];
  if (value === undefined)
    throw new Error(`The stack has no output ${key}: deploy the current version first`);
  return value;
};
