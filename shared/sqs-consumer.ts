/**
 * The one way functions consume SQS: Powertools `BatchProcessor` with partial batch responses. A
 * record that fails (bad body, or a handler error) is reported back so SQS retries just that record
 * and finally dead-letters it; nothing is swallowed.
 *
 * Records run in parallel, except that records about the same lead run one after the other, in batch
 * order. They all write the same lead item with conditional writes, so in parallel all but one would
 * lose each race and re-read and re-write (an escalation step's SMS and emails to several people
 * arrive in one batch).
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

/**
 * Runs work for the same key one after the other (each after the previous one has settled, whatever
 * its outcome) and work for different keys, or for no key, at once.
 */
export const oneAtATimePerKey = () => {
  const tails = new Map<string, Promise<unknown>>();
  return <R>(key: string | undefined, work: () => Promise<R>): Promise<R> => {
    if (key === undefined) return work();
    const run = (tails.get(key) ?? Promise.resolve()).then(work, work);
    tails.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
};

export const sqsConsumer = <T>(
  schema: z.ZodType<T>,
  handle: (message: T, delivery: Delivery) => Promise<unknown>,
): SqsHandler => {
  const processor = new BatchProcessor(EventType.SQS);
  const record = async (item: SQSRecord, inTurn: ReturnType<typeof oneAtATimePerKey>): Promise<void> => {
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
    const leadId = leadIdOf(parsed.data);
    // Every line logged while handling a message about a lead carries that lead's id.
    await inTurn(leadId, () =>
      withLeadContext(leadId, async () => {
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
      }),
    );
  };
  return (event, context) => {
    logger.addContext(context);
    const inTurn = oneAtATimePerKey();
    return processPartialResponse(event, (item: SQSRecord) => record(item, inTurn), processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  };
};
