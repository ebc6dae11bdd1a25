/** Lambda plumbing shared by the handler entries. */
import type { Context } from 'aws-lambda';
import { awsMetrics } from './deps';

/** Publishes the invocation's buffered metrics when it ends, whatever the outcome. */
export const publishingMetrics =
  <E, R>(handler: (event: E, context: Context) => Promise<R>) =>
  async (event: E, context: Context): Promise<R> => {
    try {
      return await handler(event, context);
    } finally {
      awsMetrics().publish();
    }
  };
