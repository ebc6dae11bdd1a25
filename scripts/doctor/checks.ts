/**
 * The go-live checks of `npm run doctor` (README "Going live"): each reads one thing from the account or the
 * deployed stage and says, when it is not ready, what that breaks and how to fix it. They take their SDK
 * clients from outside, so tests run them against `aws-sdk-client-mock` (a ready and a not-ready account).
 */

import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountSettingsCommand } from '@aws-sdk/client-lambda';
import { GetScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { ListSubscriptionsByTopicCommand, type SNSClient, type Subscription } from '@aws-sdk/client-sns';
import { GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import { CONFIG_KEY } from '../../shared/settings';
import { type Check, output, result } from './check-kit';
import { deliveryReports, originationIdentity, smsSandbox, smsSpendLimit, twoWaySms } from './sms-checks';

export type { Check, CheckResult, DoctorClients, Stage } from './check-kit';
export {
  DEFAULT_SMS_SPEND_LIMIT,
  deliveryReports,
  originationIdentity,
  smsSandbox,
  smsSpendLimit,
  twoWaySms,
} from './sms-checks';

/** Concurrent executions below this starve the queues' consumers (new accounts start at 10). */
export const MIN_LAMBDA_CONCURRENCY = 100;
/** The example roster's phones (+1 512 555 0100–0109): a stage loaded with them texts nobody real. */
const EXAMPLE_PHONE = /\+1512555010\d/;

const allSubscriptions = async (sns: SNSClient, topicArn: string): Promise<Subscription[]> => {
  const found: Subscription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }));
    found.push(...(page.Subscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
};

const isPending = (subscription: Subscription): boolean =>
  subscription.SubscriptionArn === 'PendingConfirmation';

export const emailSubscriptions: Check = {
  name: 'Email subscriptions',
  run: async (stage, { sns }) => {
    const subscriptions = await allSubscriptions(sns, output(stage, 'EmailTopicArn'));
    const pending = subscriptions.filter(isPending).length;
    const confirmed = subscriptions.length - pending;
    return result(
      pending === 0 && confirmed > 0,
      confirmed === 0 && pending === 0
        ? 'Nobody is subscribed to handoff email: email goes to no one.'
        : `${confirmed} confirmed, ${pending} waiting for confirmation (unconfirmed ones get no email and expire).`,
      'Subscribe each roster email and confirm it with --authenticate-on-unsubscribe true (docs/operations.md, Email).',
    );
  },
};

export const alarmSubscribers: Check = {
  name: 'Alarm recipients',
  run: async (stage, { sns }) => {
    const subscriptions = await allSubscriptions(sns, output(stage, 'OpsAlarmTopicArn'));
    const confirmed = subscriptions.filter((subscription) => !isPending(subscription)).length;
    return result(
      confirmed > 0,
      confirmed > 0 ? `${confirmed} confirmed recipient(s) of the alarms.` : 'Nobody receives the alarms.',
      'aws sns subscribe --protocol email --topic-arn <OpsAlarmTopicArn> --notification-endpoint <ops email>, then confirm.',
    );
  },
};

export const lambdaConcurrency: Check = {
  name: 'Lambda concurrency',
  run: async (_stage, { lambda }) => {
    const { AccountLimit } = await lambda.send(new GetAccountSettingsCommand({}));
    const limit = AccountLimit?.ConcurrentExecutions ?? 0;
    return result(
      limit >= MIN_LAMBDA_CONCURRENCY,
      `The account may run ${limit} functions at once (${MIN_LAMBDA_CONCURRENCY} or more needed).`,
      'Service Quotas > AWS Lambda > Concurrent executions: request 1,000 (new accounts start at 10; the increase is free).',
    );
  },
};

export const scheduleGroup: Check = {
  name: 'Handoff timers',
  run: async (stage, { scheduler }) => {
    try {
      const { State } = await scheduler.send(new GetScheduleGroupCommand({ Name: stage.scheduleGroupName }));
      return result(
        State === 'ACTIVE',
        `The schedule group ${stage.scheduleGroupName} is ${State ?? 'in an unknown state'}.`,
        'Deploy the stack again (npx cdk deploy) to recreate the schedule group.',
      );
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      return result(
        false,
        `The schedule group ${stage.scheduleGroupName} does not exist: no deadline would ever fire.`,
        'Deploy the stack again (npx cdk deploy) to recreate the schedule group.',
      );
    }
  },
};

export const alarms: Check = {
  name: 'Alarms',
  run: async (stage, { cloudwatch }) => {
    const names: string[] = [];
    const firing: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await cloudwatch.send(
        new DescribeAlarmsCommand({ AlarmNamePrefix: `${stage.stackName}-`, NextToken }),
      );
      for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
        names.push(alarm.AlarmName ?? '');
        if (alarm.StateValue === 'ALARM') firing.push(alarm.AlarmName ?? '');
      }
      NextToken = page.NextToken;
    } while (NextToken);
    if (names.length === 0) {
      return result(false, 'The stage has no alarms.', 'Deploy the stack again (npx cdk deploy).');
    }
    return result(
      firing.length === 0,
      firing.length === 0 ? `${names.length} alarms, none firing.` : `Firing now: ${firing.join(', ')}.`,
      'Open the dashboard (DashboardName output) and the failed list (npm run ops -- failed list); fix, then retry.',
    );
  },
};

/** The API stage's ARN, from the `ApiUrl` output (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/`). */
export const stageArnOf = (apiUrl: string, region: string): string => {
  const url = new URL(apiUrl);
  const apiId = url.hostname.split('.')[0];
  const stageName = url.pathname.split('/').filter(Boolean)[0];
  return `arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stageName}`;
};

export const webAcl: Check = {
  name: 'Web firewall',
  run: async (stage, { waf }) => {
    const { WebACL } = await waf.send(
      new GetWebACLForResourceCommand({ ResourceArn: stageArnOf(output(stage, 'ApiUrl'), stage.region) }),
    );
    return result(
      WebACL !== undefined,
      WebACL
        ? `The web ACL ${WebACL.Name ?? ''} protects the API with ${WebACL.Rules?.length ?? 0} rules.`
        : 'No web ACL on the API stage: nothing limits how fast one address may post.',
      'Deploy the stack again (npx cdk deploy): it attaches the web ACL to the stage.',
    );
  },
};

export const rosterLoaded: Check = {
  name: 'Roster',
  run: async (stage, { dynamo }) => {
    const { Item } = await dynamo.send(
      new GetItemCommand({
        TableName: output(stage, 'TableName'),
        Key: Object.fromEntries(Object.entries(CONFIG_KEY).map(([key, value]) => [key, { S: value }])),
        ConsistentRead: true,
      }),
    );
    const fix =
      'npm run ops -- config push config/ (with your own business.json and roster.json), README "Going live".';
    if (!Item) return result(false, 'No business settings or roster are loaded: every lead would wait.', fix);
    const example = EXAMPLE_PHONE.test(JSON.stringify(Item));
    return result(
      !example,
      example
        ? 'The example roster is loaded: handoff texts go to +1 512 555 010x, not your team.'
        : 'Your roster is loaded.',
      fix,
    );
  },
};

/** Every check, in the order of the README's "Going live" checklist. */
export const CHECKS: readonly Check[] = [
  rosterLoaded,
  smsSandbox,
  smsSpendLimit,
  originationIdentity,
  twoWaySms,
  deliveryReports,
  emailSubscriptions,
  alarmSubscribers,
  lambdaConcurrency,
  scheduleGroup,
  alarms,
  webAcl,
];
