/** SNS wiring: email through the topic (SMS go through End User Messaging SMS: `deps-sms.ts`). */
import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { readEnv } from '../env';
import type { EmailSender } from '../ports';
import { ENV } from '../settings';
import { once } from './deps';
import { SnsEmailSender } from './sns-messaging';

const snsClient = /* @__PURE__ */ once(() => new SNSClient({}));

export const awsMessaging = /* @__PURE__ */ once((): { email: EmailSender; publicBaseUrl: string } => {
  const env = readEnv({
    [ENV.EMAIL_TOPIC_ARN]: z.string().startsWith('arn:'),
    [ENV.PUBLIC_BASE_URL]: z.url(),
  });
  return {
    email: new SnsEmailSender(snsClient(), env[ENV.EMAIL_TOPIC_ARN]),
    publicBaseUrl: env[ENV.PUBLIC_BASE_URL].replace(/\/+$/, ''),
  };
});
