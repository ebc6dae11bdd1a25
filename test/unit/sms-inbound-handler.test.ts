/**
 * The sms-inbound handler reads the record shapes AWS documents: an SQS record whose body is the SNS
 * notification of the End User Messaging two-way payload (or that payload raw); a bad record fails
 * alone (partial batch failure) and never reaches the use case.
 */
import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/sms-inbound/make-handler';
import { lambdaContext } from '../../local/lambda-context';
import type { InboundSmsService } from '../../shared/app/inbound-sms-service';
import type { InboundSms } from '../../shared/ports';

/** The two-way payload of the AWS End User Messaging SMS user guide's example. */
const PAYLOAD = {
  originationNumber: '+14255550182',
  destinationNumber: '+12125550101',
  messageKeyword: 'JOIN',
  messageBody: 'EXAMPLE',
  inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
  previousPublishedMessageId: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
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

const handlerWith = (received: InboundSms[]) =>
  makeHandler({
    inbound: {
      receive: async (sms: InboundSms) => {
        received.push(sms);
        return { kind: 'help' };
      },
    } as unknown as InboundSmsService,
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
});
