/**
 * The one way functions consume SQS: Powertools `BatchProcessor` with partial batch responses. A
 * record that fails (bad body, or a handler error) is reported back so SQS retries just that record
 * and finally dead-letters it; nothing is swallowed.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from './errors';
import { logger, withLeadContext } from './observability';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** What the handler learns about a delivery: which receive this is (1 on the first). */
export interface Delivery {
  attempt: number;
}

/** The `leadId` of a parsed message, when it has one. */
const leadIdOf = (message: unknown): string | undefined =>
  typeof message === 'object' && message !== null && 'leadId' in message && typeof message.leadId === 'string'
    ? message.leadId
    : undefined;

export const sqsConsumer = <T>(
  schema: z.ZodType<T>,
  handle: (message: T, delivery: Delivery) => Promise<unknown>,
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
    const attempt = Number(item.attributes.ApproximateReceiveCount);
    const delivery = { attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1 };
    // Every line logged while handling a message about a lead carries that lead's id.
    await withLeadContext(leadIdOf(parsed.data), async () => {
      try {
        await handle(parsed.data, delivery);
      } catch (error) {
        // Retried by SQS (then dead-lettered); logged so a failing record is visible before that.
        logger.warn('Queue record failed; SQS will retry it', {
          attempt: delivery.attempt,
          error: error as Error,
        });
        throw error;
      }
    });
  };
  return (event, context) => {
    logger.addContext(context);
    return processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
  };
};
