/**
 * The SMS checks of `npm run doctor`: the account may text (sandbox, spend limit), the stage sends from
 * an active origination number, replies reach the stack (two-way SMS), and so do the carriers' reports of
 * texts they could not deliver (the configuration set's event destination). docs/operations.md, Two-way SMS.
 */
import {
  DescribeAccountAttributesCommand,
  DescribeConfigurationSetsCommand,
  DescribePhoneNumbersCommand,
  DescribeSpendLimitsCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_FAILURE_EVENT_TYPES } from '../../shared/domain/sms-delivery';
import { type Check, output, result } from './check-kit';

/** A new account's monthly SMS spend limit in End User Messaging SMS (USD): a message or two, so it must be raised. */
export const DEFAULT_SMS_SPEND_LIMIT = 1;

/** SMS go out through End User Messaging SMS, whose own sandbox lets them reach verified numbers only. */
export const smsSandbox: Check = {
  name: 'SMS sandbox',
  run: async (_stage, { sms }) => {
    const { AccountAttributes = [] } = await sms.send(new DescribeAccountAttributesCommand({}));
    const tier = AccountAttributes.find((attribute) => attribute.Name === 'ACCOUNT_TIER')?.Value;
    const production = tier === 'PRODUCTION';
    return result(
      production,
      production
        ? 'The account may text any number.'
        : 'SMS is in the sandbox: only verified numbers get texts, up to 1 USD a month.',
      'Request production access in the AWS End User Messaging SMS console (a support case; takes a day or two).',
    );
  },
};

/** The monthly SMS spend limit of End User Messaging SMS: the override when one is set, else the account's. */
export const smsSpendLimit: Check = {
  name: 'Monthly SMS spend limit',
  run: async (_stage, { sms }) => {
    const { SpendLimits = [] } = await sms.send(new DescribeSpendLimitsCommand({}));
    const text = SpendLimits.find((limit) => limit.Name === 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT');
    const limit = (text?.Overridden ? text.EnforcedLimit : text?.MaxLimit) ?? DEFAULT_SMS_SPEND_LIMIT;
    return result(
      limit > DEFAULT_SMS_SPEND_LIMIT,
      `The limit is ${limit} USD a month; once reached, End User Messaging stops sending SMS until the month ends.`,
      'Request an SMS spending quota increase (AWS End User Messaging SMS user guide, "Requesting a spending quota change"); if you set your own limit, raise it: aws pinpoint-sms-voice-v2 set-text-message-spend-limit-override --monthly-limit <USD>.',
    );
  },
};

export const originationIdentity: Check = {
  name: 'SMS origination number',
  run: async (_stage, { sms }) => {
    const { PhoneNumbers = [] } = await sms.send(new DescribePhoneNumbersCommand({}));
    const active = PhoneNumbers.filter((number) => number.Status === 'ACTIVE');
    return result(
      active.length > 0,
      active.length > 0
        ? `${active.length} active number(s) in this region.`
        : 'No active origination number in this region: US carriers block SMS sent without a registered one.',
      'Buy a toll-free or 10DLC number in AWS End User Messaging SMS (same region), finish its registration, and deploy with -c smsOriginationNumberId=<its id, phone-…>.',
    );
  },
};

/**
 * Two-way SMS on the stack's origination number, with the stack's inbound SMS topic as its destination:
 * without it, reply codes, STOP and HELP never reach the stack (docs/operations.md, Two-way SMS).
 */
export const twoWaySms: Check = {
  name: 'Two-way SMS',
  run: async (stage, { sms }) => {
    const topic = output(stage, 'InboundSmsTopicArn');
    const id = stage.outputs.SmsOriginationNumberId;
    const turnOn = (numberId: string) =>
      `aws pinpoint-sms-voice-v2 update-phone-number --phone-number-id ${numberId} --two-way-enabled --two-way-channel-arn ${topic} (docs/operations.md, Two-way SMS).`;
    if (id === undefined) {
      return result(
        false,
        'The stage sends from no origination number: no SMS goes out, and no reply comes in.',
        'Deploy with -c smsOriginationNumberId=<the number’s id, phone-…>, then turn two-way SMS on for it.',
      );
    }
    let number: { TwoWayEnabled?: boolean | undefined; TwoWayChannelArn?: string | undefined } | undefined;
    try {
      const found = await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [id] }));
      number = found.PhoneNumbers?.[0];
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    if (!number) {
      return result(
        false,
        `The origination number ${id} does not exist in ${stage.region}.`,
        'Deploy with the id of a number of this region: -c smsOriginationNumberId=<phone-…>.',
      );
    }
    const on = number.TwoWayEnabled === true && number.TwoWayChannelArn === topic;
    return result(
      on,
      on
        ? 'Replies to the origination number reach the stack.'
        : number.TwoWayEnabled === true
          ? 'Two-way SMS sends replies somewhere else than the stack’s inbound SMS topic: reply codes, STOP and HELP are lost.'
          : 'Two-way SMS is off on the origination number: reply codes, STOP and HELP never reach the stack.',
      turnOn(id),
    );
  },
};

/** Whether a destination's event types cover every failure report the stack acts on. */
const coversFailures = (types: readonly string[] | undefined): boolean =>
  (types ?? []).some((type) => type === 'ALL' || type === 'TEXT_ALL') ||
  SMS_FAILURE_EVENT_TYPES.every((type) => (types ?? []).includes(type));

/**
 * The configuration set SMS are sent with has an enabled SNS event destination (the inbound SMS topic)
 * for the failure reports: without it, a text the carrier could not deliver is never seen.
 */
export const deliveryReports: Check = {
  name: 'SMS delivery reports',
  run: async (stage, { sms }) => {
    const topic = output(stage, 'InboundSmsTopicArn');
    const name = output(stage, 'SmsConfigurationSetName');
    const fix =
      'Deploy the stack again (npx cdk deploy): it creates the configuration set and its event destination.';
    let destinations: readonly {
      Enabled?: boolean | undefined;
      MatchingEventTypes?: string[] | undefined;
      SnsDestination?: { TopicArn?: string | undefined } | undefined;
    }[] = [];
    try {
      const { ConfigurationSets: [set] = [] } = await sms.send(
        new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [name] }),
      );
      destinations = set?.EventDestinations ?? [];
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      return result(
        false,
        `The configuration set ${name} does not exist: no delivery report comes back.`,
        fix,
      );
    }
    const reporting = destinations.some(
      (d) =>
        d.Enabled === true && d.SnsDestination?.TopicArn === topic && coversFailures(d.MatchingEventTypes),
    );
    return result(
      reporting,
      reporting
        ? 'Carriers’ reports of texts they could not deliver reach the stack.'
        : `The configuration set ${name} has no enabled event destination to the stack’s topic for failed deliveries: a text that never arrives goes unnoticed.`,
      fix,
    );
  },
};
