/**
 * The sms-inbound handler reads the record shapes AWS documents: an SQS record whose body is the SNS
 * notification of the End User Messaging two-way payload or of an SMS event of the configuration set's
 * event destination (or either raw); a bad record fails alone (partial batch failure) and never reaches
 * a use case.
 */
import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/sms-inbound/make-handler';
import { lambdaContext } from '../../local/lambda-context';
import type { InboundSms, SmsDeliveryEvent } from '../../shared/ports';

/** The two-way payload of the AWS End User Messaging SMS user guide's example. */
const PAYLOAD = {
  originationNumber: '+14255550182',
  destinationNumber: '+12125550101',
  messageKeyword: 'JOIN',
  messageBody: 'EXAMPLE',
  inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
  previousPublishedMessageId: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * An SMS event as the configuration set's event destination publishes it: the example of "Example SMS
 * event data" (End User Messaging SMS user guide), as a failure, with the context we send.
 */
const EVENT = {
  eventType: 'TEXT_CARRIER_UNREACHABLE',
  eventVersion: '1.0',
  eventTimestamp: 1686975103470,
  isFinal: true,
  originationPhoneNumber: '+12065550152',
  destinationPhoneNumber: '+14255550156',
  isInternationalSend: false,
  mcc: '310',
  mnc: '800',
  messageId: '862a8790-60c0-4430-9b2b-658bdexample',
  messageRequestTimestamp: 1686975103170,
  messageEncoding: 'GSM',
  messageType: 'TRANSACTIONAL',
  messageStatus: 'CARRIER_UNREACHABLE',
  messageStatusDescription: 'Carrier unreachable',
  context: { leadId: '01JDELIVERYTEST0000000000A', seq: '1', purpose: 'handoff', recipientId: 'marco' },
  totalMessageParts: 1,
  totalMessagePrice: 0.00581,
  totalCarrierFee: 0.0,
};

/** An SNS notification as an SQS subscription without raw delivery receives it. */
const snsNotification = (message: string) => ({
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: 'arn:aws:sns:us-east-1:123456789012:sms-inbound',
  Message: message,
  Timestamp: '2026-12-05T13:00:00.000Z',
  SignatureVersion: '1',
  Signature: 'EXAMPLE',
  SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem',
  UnsubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
});

const record = (body: unknown, i: number): SQSRecord => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: text,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1767225600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1767225600001',
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(text).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:sms-inbound',
    awsRegion: 'us-east-1',
  };
};

const handlerWith = (received: InboundSms[], reports: SmsDeliveryEvent[] = []) =>
  makeHandler({
    inbound: {
      receive: async (sms: InboundSms) => {
        received.push(sms);
        return { kind: 'help' };
      },
    },
    deliveries: {
      onEvent: async (event: SmsDeliveryEvent) => {
        reports.push(event);
        return 'reported';
      },
    },
  });

describe('sms-inbound handler', () => {
  it('reads the SNS-wrapped two-way payload and the raw one, and fails only the bad records', async () => {
    // Prepare
    const received: InboundSms[] = [];
    const event: SQSEvent = {
      Records: [
        snsNotification(JSON.stringify(PAYLOAD)),
        { ...PAYLOAD, inboundMessageId: 'raw-1' },
        snsNotification('not json'),
        snsNotification(JSON.stringify({ ...PAYLOAD, originationNumber: '4255550182' })),
        'not json at all',
      ].map(record),
    };

    // Act
    const response = await handlerWith(received)(event, lambdaContext('sms-inbound'));

    // Assess
    expect(received).toEqual([
      {
        from: '+14255550182',
        to: '+12125550101',
        body: 'EXAMPLE',
        messageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
        inReplyTo: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      expect.objectContaining({ messageId: 'raw-1' }),
    ]);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m-2', 'm-3', 'm-4']);
  });

  it('reads the SNS-wrapped delivery event and the raw one, and fails only the bad ones', async () => {
    // Prepare
    const received: InboundSms[] = [];
    const reports: SmsDeliveryEvent[] = [];
    const { context: _context, ...withoutContext } = EVENT;
    const event: SQSEvent = {
      Records: [
        snsNotification(JSON.stringify(EVENT)),
        { ...EVENT, eventType: 'TEXT_SUCCESSFUL', messageStatus: 'SUCCESSFUL' },
        snsNotification(JSON.stringify(withoutContext)),
        snsNotification(JSON.stringify({ ...EVENT, eventTimestamp: 'yesterday' })),
        snsNotification(JSON.stringify({ ...EVENT, eventType: 'VOICE_COMPLETED' })),
      ].map(record),
    };

    // Act
    const response = await handlerWith(received, reports)(event, lambdaContext('sms-inbound'));

    // Assess
    expect(received).toEqual([]);
    // A lead's reports run in turn, others alongside: compare regardless of order.
    expect(reports).toHaveLength(3);
    expect(reports).toEqual(
      expect.arrayContaining([
        {
          eventType: 'TEXT_CARRIER_UNREACHABLE',
          status: 'CARRIER_UNREACHABLE',
          messageId: '862a8790-60c0-4430-9b2b-658bdexample',
          at: new Date(1686975103470),
          context: EVENT.context,
        },
        expect.objectContaining({ eventType: 'TEXT_SUCCESSFUL', status: 'SUCCESSFUL' }),
        expect.not.objectContaining({ context: expect.anything() }),
      ]),
    );
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m-3', 'm-4']);
  });

  it('tells texts and reports apart in one batch', async () => {
    // Prepare
    const received: InboundSms[] = [];
    const reports: SmsDeliveryEvent[] = [];
    const event: SQSEvent = {
      Records: [snsNotification(JSON.stringify(PAYLOAD)), snsNotification(JSON.stringify(EVENT))].map(record),
    };

    // Act
    const response = await handlerWith(received, reports)(event, lambdaContext('sms-inbound'));

    // Assess
    expect(received.map((sms) => sms.messageId)).toEqual([PAYLOAD.inboundMessageId]);
    expect(reports.map((report) => report.messageId)).toEqual([EVENT.messageId]);
    expect(response.batchItemFailures).toEqual([]);
  });
});
