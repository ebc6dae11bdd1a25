/** SNS wiring: SMS straight to phone numbers, email through the topic. */
import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { readEnv } from '../env';
import type { EmailSender, SmsSender } from '../ports';
import { ENV } from '../settings';
import { once } from './deps';
import { SnsEmailSender, SnsSmsSender } from './sns-messaging';

const snsClient = /* @__PURE__ */ once(() => new SNSClient({}));

/** SMS only (no email topic, no links): what the `sms-inbound` function answers texts with. */
export const awsSms = /* @__PURE__ */ once((): SmsSender => {
  const env = readEnv({
    [ENV.SMS_ORIGINATION_NUMBER]: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/)
      .optional(),
  });
  const origination = env[ENV.SMS_ORIGINATION_NUMBER];
  return new SnsSmsSender(snsClient(), origination ? { originationNumber: origination } : {});
});

export const awsMessaging = /* @__PURE__ */ once(
  (): { sms: SmsSender; email: EmailSender; publicBaseUrl: string } => {
    const env = readEnv({
      [ENV.EMAIL_TOPIC_ARN]: z.string().startsWith('arn:'),
      [ENV.SMS_ORIGINATION_NUMBER]: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/)
        .optional(),
      [ENV.PUBLIC_BASE_URL]: z.url(),
    });
    const client = snsClient();
    const origination = env[ENV.SMS_ORIGINATION_NUMBER];
    return {
      sms: new SnsSmsSender(client, origination ? { originationNumber: origination } : {}),
      email: new SnsEmailSender(client, env[ENV.EMAIL_TOPIC_ARN]),
      publicBaseUrl: env[ENV.PUBLIC_BASE_URL].replace(/\/+$/, ''),
    };
  },
);
