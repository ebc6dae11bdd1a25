/**
 * SMS wiring: `SendTextMessage` of AWS End User Messaging SMS, from the stack's origination number and
 * with its configuration set (whose event destination carries the delivery reports back).
 */
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import * as z from 'zod';
import { readEnv } from '../env';
import type { SmsSender } from '../ports';
import { ENV } from '../settings';
import { once } from './deps';
import { SmsVoiceSender } from './sms-voice-messaging';

const smsVoiceClient = /* @__PURE__ */ once(() => new PinpointSMSVoiceV2Client({}));

/**
 * The SMS sender. Without an origination number configured (`-c smsOriginationNumberId`), AWS picks
 * one, and refuses the send (the role may send only from the configured number): it fails as `rejected`.
 */
export const awsSms = /* @__PURE__ */ once((): SmsSender => {
  const env = readEnv({
    [ENV.SMS_ORIGINATION_IDENTITY]: z.string().min(1).optional(),
    [ENV.SMS_CONFIGURATION_SET]: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  });
  const origination = env[ENV.SMS_ORIGINATION_IDENTITY];
  return new SmsVoiceSender(smsVoiceClient(), {
    configurationSetName: env[ENV.SMS_CONFIGURATION_SET],
    ...(origination ? { originationIdentity: origination } : {}),
  });
});
