/**
 * `npm run doctor -- [--stage prod] [--region us-east-1]`: checks a deployed stage is ready for real leads
 * (README "Going live") with the AWS credentials of the shell. Read-only; exits 1 while something needs fixing.
 */

import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { loadStage, reportLines, runChecks } from './doctor/run';

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { stage: { type: 'string', default: 'dev' }, region: { type: 'string' } },
  });
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) {
    console.error('No region: pass --region <region> or set AWS_REGION.');
    return 2;
  }
  const stage = await loadStage(new CloudFormationClient({ region }), values.stage, region);
  if (!stage) {
    console.error(
      `No stack LeadHandoff-${values.stage} in ${region}: deploy it first (docs/operations.md, Deploying).`,
    );
    return 2;
  }
  const results = await runChecks(stage, {
    sns: new SNSClient({ region }),
    sms: new PinpointSMSVoiceV2Client({ region }),
    lambda: new LambdaClient({ region }),
    scheduler: new SchedulerClient({ region }),
    cloudwatch: new CloudWatchClient({ region }),
    waf: new WAFV2Client({ region }),
    dynamo: new DynamoDBClient({ region }),
  });
  for (const line of reportLines(results)) console.log(line);
  return results.every((r) => r.ok) ? 0 : 1;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`The doctor could not run: ${error.name}: ${error.message}`);
    process.exitCode = 2;
  },
);
