/**
 * The one way functions consume SQS: Powertools `BatchProcessor` with partial batch responses. A
 * record that fails (bad body, or a handler error) is reported back so SQS retries just that record
 * and finally dead-letters it; nothing is swallowed.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from './errors';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export const sqsConsumer = <T>(
  schema: z.ZodType<T>,
  handle: (message: T) => Promise<unknown>,
): SqsHandler => {
  const processor = new BatchProcessor(EventType.SQS);
  const record = async (item: SQSRecord): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(item.body);
    } catch (error) {
      throw new ValidationError('Queue message is not JSON', [{ path: 'body', message: 'not JSON' }], {
        cause: error,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ValidationError(
        'Queue message is malformed',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    await handle(parsed.data);
  };
  return (event, context) =>
    processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
};
