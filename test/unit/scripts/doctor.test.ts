import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  DescribeAccountAttributesCommand,
  DescribeConfigurationSetsCommand,
  DescribePhoneNumbersCommand,
  DescribeSpendLimitsCommand,
  PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { GetScheduleGroupCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHECKS, type DoctorClients, type Stage, stageArnOf } from '../../../scripts/doctor/checks';
import { loadStage, reportLines, runChecks } from '../../../scripts/doctor/run';

const EMAIL_TOPIC = 'arn:aws:sns:us-east-1:111122223333:email';
const ALARM_TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';
const INBOUND_TOPIC = 'arn:aws:sns:us-east-1:111122223333:inbound-sms';
const NUMBER_ID = 'phone-0123456789abcdef0123456789abcdef';
const FAILURES = [
  'TEXT_BLOCKED',
  'TEXT_TTL_EXPIRED',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_INVALID',
  'TEXT_INVALID_MESSAGE',
  'TEXT_CARRIER_BLOCKED',
  'TEXT_UNREACHABLE',
  'TEXT_SPAM',
  'TEXT_UNKNOWN',
  'TEXT_PROTECT_BLOCKED',
] as const;
const STAGE: Stage = {
  stackName: 'LeadHandoff-prod',
  region: 'us-east-1',
  scheduleGroupName: 'leadhandoff-prod',
  outputs: {
    ApiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/v1/',
    TableName: 'LeadHandoff-prod-Table',
    EmailTopicArn: EMAIL_TOPIC,
    OpsAlarmTopicArn: ALARM_TOPIC,
    InboundSmsTopicArn: INBOUND_TOPIC,
    SmsConfigurationSetName: 'LeadHandoff-prod',
    SmsOriginationNumberId: NUMBER_ID,
  },
};

const sns = mockClient(SNSClient);
const sms = mockClient(PinpointSMSVoiceV2Client);
const lambda = mockClient(LambdaClient);
const scheduler = mockClient(SchedulerClient);
const cloudwatch = mockClient(CloudWatchClient);
const waf = mockClient(WAFV2Client);
const dynamo = mockClient(DynamoDBClient);

const clients = (): DoctorClients => ({
  sns: new SNSClient({ region: 'us-east-1' }),
  sms: new PinpointSMSVoiceV2Client({ region: 'us-east-1' }),
  lambda: new LambdaClient({ region: 'us-east-1' }),
  scheduler: new SchedulerClient({ region: 'us-east-1' }),
  cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
  waf: new WAFV2Client({ region: 'us-east-1' }),
  dynamo: new DynamoDBClient({ region: 'us-east-1' }),
});

const confirmed = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ SubscriptionArn: `${EMAIL_TOPIC}:sub-${i}`, Protocol: 'email' }));

/** An account that is ready to go live. */
const readyAccount = () => {
  sms
    .on(DescribeAccountAttributesCommand)
    .resolves({ AccountAttributes: [{ Name: 'ACCOUNT_TIER', Value: 'PRODUCTION' }] });
  sms.on(DescribeSpendLimitsCommand).resolves({
    SpendLimits: [
      { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', MaxLimit: 200, EnforcedLimit: 0, Overridden: false },
      { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', MaxLimit: 1, EnforcedLimit: 0, Overridden: false },
    ],
  });
  sns
    .on(ListSubscriptionsByTopicCommand, { TopicArn: EMAIL_TOPIC })
    .resolvesOnce({ Subscriptions: confirmed(2), NextToken: 'page-2' })
    .resolvesOnce({ Subscriptions: confirmed(1) });
  sns
    .on(ListSubscriptionsByTopicCommand, { TopicArn: ALARM_TOPIC })
    .resolves({ Subscriptions: confirmed(1) });
  sms.on(DescribePhoneNumbersCommand).resolves({
    PhoneNumbers: [
      {
        PhoneNumber: '+18885550100',
        Status: 'ACTIVE',
        PhoneNumberArn: 'arn',
        PhoneNumberId: NUMBER_ID,
        IsoCountryCode: 'US',
        MessageType: 'TRANSACTIONAL',
        NumberCapabilities: ['SMS'],
        NumberType: 'TOLL_FREE',
        MonthlyLeasingPrice: '2',
        TwoWayEnabled: true,
        TwoWayChannelArn: INBOUND_TOPIC,
        SelfManagedOptOutsEnabled: false,
        OptOutListName: 'Default',
        DeletionProtectionEnabled: false,
        CreatedTimestamp: new Date(),
      },
    ],
  });
  sms.on(DescribeConfigurationSetsCommand, { ConfigurationSetNames: ['LeadHandoff-prod'] }).resolves({
    ConfigurationSets: [
      {
        ConfigurationSetArn: 'arn',
        ConfigurationSetName: 'LeadHandoff-prod',
        CreatedTimestamp: new Date(),
        EventDestinations: [
          {
            EventDestinationName: 'delivery-failures',
            Enabled: true,
            MatchingEventTypes: [...FAILURES],
            SnsDestination: { TopicArn: INBOUND_TOPIC },
          },
        ],
      },
    ],
  });
  lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 1000 } });
  scheduler.on(GetScheduleGroupCommand, { Name: 'leadhandoff-prod' }).resolves({ State: 'ACTIVE' });
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      { AlarmName: 'LeadHandoff-prod-DispatchDlq', StateValue: 'OK' },
      { AlarmName: 'LeadHandoff-prod-NotifyDlq', StateValue: 'INSUFFICIENT_DATA' },
    ],
  });
  waf
    .on(GetWebACLForResourceCommand, {
      ResourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abc123/stages/v1',
    })
    .resolves({
      WebACL: {
        Name: 'LeadHandoff-prod-Api',
        Id: 'x',
        ARN: 'arn',
        DefaultAction: {},
        VisibilityConfig: undefined,
        Rules: [{}, {}],
      } as never,
    });
  dynamo.on(GetItemCommand).resolves({
    Item: {
      pk: { S: 'CONFIG' },
      sk: { S: 'CURRENT' },
      roster: { S: '{"people":[{"phone":"+17375550123"}]}' },
    },
  });
};

const byName = async () => {
  const results = await runChecks(STAGE, clients());
  return Object.fromEntries(results.map((r) => [r.name, r]));
};

beforeEach(() => {
  for (const mock of [sns, sms, lambda, scheduler, cloudwatch, waf, dynamo]) mock.reset();
  readyAccount();
});

describe('npm run doctor', () => {
  it('passes every check on a ready account and says so', async () => {
    // Act
    const results = await runChecks(STAGE, clients());

    // Assess
    expect(results.map((r) => [r.name, r.ok])).toEqual(CHECKS.map((check) => [check.name, true]));
    expect(reportLines(results).at(-1)).toBe('Ready to go live.');
  });

  it('reads every page of email subscriptions', async () => {
    expect((await byName())['Email subscriptions']?.found).toContain('3 confirmed, 0 waiting');
  });

  it('flags an account still in the SMS sandbox of End User Messaging SMS', async () => {
    sms
      .on(DescribeAccountAttributesCommand)
      .resolves({ AccountAttributes: [{ Name: 'ACCOUNT_TIER', Value: 'SANDBOX' }] });
    const result = (await byName())['SMS sandbox'];
    expect(result?.ok).toBe(false);
    expect(result?.fix).toContain('production access');
  });

  it('flags the default 1 USD monthly SMS spend limit, and an override of 1 USD', async () => {
    sms.on(DescribeSpendLimitsCommand).resolves({ SpendLimits: [] });
    const none = (await byName())['Monthly SMS spend limit'];
    sms.on(DescribeSpendLimitsCommand).resolves({
      SpendLimits: [
        { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', MaxLimit: 500, EnforcedLimit: 1, Overridden: true },
      ],
    });
    const overridden = (await byName())['Monthly SMS spend limit'];
    expect(none?.ok).toBe(false);
    expect(none?.found).toContain('1 USD');
    expect(overridden?.ok).toBe(false);
    expect(overridden?.fix).toContain('set-text-message-spend-limit-override');
  });

  it('flags a region without an active origination number', async () => {
    sms.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [] });
    expect((await byName())['SMS origination number']?.ok).toBe(false);
  });

  it('checks two-way SMS on the stage’s own number, with the stack’s topic as its destination', async () => {
    // Act
    const result = (await byName())['Two-way SMS'];

    // Assess
    expect(result).toEqual({
      name: 'Two-way SMS',
      ok: true,
      found: 'Replies to the origination number reach the stack.',
    });
    expect(sms.commandCalls(DescribePhoneNumbersCommand).map((call) => call.args[0].input)).toContainEqual({
      PhoneNumberIds: [NUMBER_ID],
    });
  });

  it.each([
    ['off', { TwoWayEnabled: false }, 'Two-way SMS is off'],
    [
      'sent to another topic',
      { TwoWayChannelArn: 'arn:aws:sns:us-east-1:111122223333:other' },
      'somewhere else',
    ],
  ])('flags two-way SMS %s, with the command that turns it on', async (_label, change, found) => {
    // Prepare
    const [number] = (await clients().sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers ?? [];
    sms.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [{ ...number, ...change } as never] });

    // Act
    const result = (await byName())['Two-way SMS'];

    // Assess
    expect(result?.ok).toBe(false);
    expect(result?.found).toContain(found);
    expect(result?.fix).toContain(
      `update-phone-number --phone-number-id ${NUMBER_ID} --two-way-enabled --two-way-channel-arn ${INBOUND_TOPIC}`,
    );
  });

  it('flags a stage deployed without an origination number, and one that does not exist', async () => {
    // Prepare
    const { SmsOriginationNumberId: _id, ...outputs } = STAGE.outputs;
    sms
      .on(DescribePhoneNumbersCommand, { PhoneNumberIds: [NUMBER_ID] })
      .rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));

    // Act
    const none = (await runChecks({ ...STAGE, outputs }, clients())).find((r) => r.name === 'Two-way SMS');
    const missing = (await byName())['Two-way SMS'];

    // Assess
    expect(none?.ok).toBe(false);
    expect(none?.fix).toContain('-c smsOriginationNumberId=');
    expect(missing?.ok).toBe(false);
    expect(missing?.found).toContain('does not exist');
  });

  it('checks the configuration set reports failed deliveries to the stack’s topic', async () => {
    // Act
    const result = (await byName())['SMS delivery reports'];

    // Assess
    expect(result?.ok).toBe(true);
  });

  it.each([
    ['disabled', { Enabled: false }],
    ['to another topic', { SnsDestination: { TopicArn: 'arn:aws:sns:us-east-1:111122223333:other' } }],
    ['without the failures', { MatchingEventTypes: ['TEXT_DELIVERED'] }],
  ])('flags an event destination %s', async (_label, change) => {
    // Prepare
    const destination = {
      EventDestinationName: 'delivery-failures',
      Enabled: true,
      MatchingEventTypes: [...FAILURES],
      SnsDestination: { TopicArn: INBOUND_TOPIC },
    };
    sms.on(DescribeConfigurationSetsCommand).resolves({
      ConfigurationSets: [{ EventDestinations: [{ ...destination, ...change } as never] } as never],
    });

    // Act
    const result = (await byName())['SMS delivery reports'];

    // Assess
    expect(result?.ok).toBe(false);
    expect(result?.fix).toContain('npx cdk deploy');
  });

  it('accepts a destination of every SMS event, and flags a configuration set that does not exist', async () => {
    // Prepare
    sms.on(DescribeConfigurationSetsCommand).resolves({
      ConfigurationSets: [
        {
          EventDestinations: [
            {
              EventDestinationName: 'all',
              Enabled: true,
              MatchingEventTypes: ['TEXT_ALL'],
              SnsDestination: { TopicArn: INBOUND_TOPIC },
            },
          ],
        } as never,
      ],
    });
    const all = (await byName())['SMS delivery reports'];
    sms
      .on(DescribeConfigurationSetsCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));

    // Act
    const gone = (await byName())['SMS delivery reports'];

    // Assess
    expect(all?.ok).toBe(true);
    expect(gone?.ok).toBe(false);
    expect(gone?.found).toContain('does not exist');
  });

  it('flags email subscriptions waiting for confirmation', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand, { TopicArn: EMAIL_TOPIC })
      .resolves({ Subscriptions: [...confirmed(1), { SubscriptionArn: 'PendingConfirmation' }] });
    const result = (await byName())['Email subscriptions'];
    expect(result?.ok).toBe(false);
    expect(result?.found).toContain('1 waiting for confirmation');
  });

  it('flags alarms nobody receives', async () => {
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: ALARM_TOPIC }).resolves({ Subscriptions: [] });
    expect((await byName())['Alarm recipients']?.ok).toBe(false);
  });

  it("flags a new account's Lambda concurrency of 10", async () => {
    lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 10 } });
    const result = (await byName())['Lambda concurrency'];
    expect(result?.ok).toBe(false);
    expect(result?.fix).toContain('Service Quotas');
  });

  it('flags a missing schedule group', async () => {
    scheduler
      .on(GetScheduleGroupCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));
    const result = (await byName())['Handoff timers'];
    expect(result?.ok).toBe(false);
    expect(result?.found).toContain('does not exist');
  });

  it('flags missing alarms, and names the ones firing', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    expect((await byName()).Alarms?.ok).toBe(false);
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'LeadHandoff-prod-DispatchDlq', StateValue: 'ALARM' }],
    });
    expect((await byName()).Alarms?.found).toContain('LeadHandoff-prod-DispatchDlq');
  });

  it('flags an API stage without the web ACL', async () => {
    waf.on(GetWebACLForResourceCommand).resolves({});
    expect((await byName())['Web firewall']?.ok).toBe(false);
  });

  it('flags no roster, and the example roster', async () => {
    dynamo.on(GetItemCommand).resolves({});
    expect((await byName()).Roster?.found).toContain('No business settings');
    dynamo.on(GetItemCommand).resolves({ Item: { roster: { S: '{"phone":"+15125550101"}' } } });
    expect((await byName()).Roster?.found).toContain('example roster');
  });

  it('reports a check it may not run as needing attention, and runs the others', async () => {
    lambda
      .on(GetAccountSettingsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
    const results = await runChecks(STAGE, clients());
    expect(results.find((r) => r.name === 'Lambda concurrency')?.found).toContain('AccessDeniedException');
    expect(results.filter((r) => r.ok)).toHaveLength(CHECKS.length - 1);
    expect(reportLines(results).at(-1)).toBe(`1 of ${CHECKS.length} checks need attention.`);
  });

  it('finds the stack outputs, or says the stack is missing', async () => {
    const cloudformation = mockClient(CloudFormationClient);
    cloudformation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'LeadHandoff-prod',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [{ OutputKey: 'TableName', OutputValue: 'T' }],
        },
      ],
    });
    const client = new CloudFormationClient({ region: 'us-east-1' });
    expect((await loadStage(client, 'prod', 'us-east-1'))?.outputs).toEqual({ TableName: 'T' });
    cloudformation
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('does not exist'), { name: 'ValidationError' }));
    expect(await loadStage(client, 'prod', 'us-east-1')).toBeUndefined();
  });

  it('derives the stage ARN the web ACL is attached to from the API URL', () => {
    expect(stageArnOf('https://abc123.execute-api.eu-west-1.amazonaws.com/v1/', 'eu-west-1')).toBe(
      'arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/v1',
    );
  });
});
