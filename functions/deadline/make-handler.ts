/**
 * EventBridge Scheduler target: a handoff's acceptance deadline. The event is the schedule's input
 * (`TimerPayload`). Errors propagate so Scheduler retries and finally dead-letters the invocation.
 */
import type { Context } from 'aws-lambda';
import type { DeadlineOutcome, DeadlineService } from '../../shared/app/deadline-service';
import { timerPayloadSchema } from '../../shared/app/message-schemas';
import { ValidationError } from '../../shared/errors';
import { logger, withLeadContext } from '../../shared/observability';

export interface DeadlineDeps {
  deadlines: DeadlineService;
}

export const makeHandler =
  ({ deadlines }: DeadlineDeps) =>
  async (event: unknown, context?: Context): Promise<{ outcome: DeadlineOutcome }> => {
    if (context) logger.addContext(context);
    const parsed = timerPayloadSchema.safeParse(event);
    if (!parsed.success) {
      throw new ValidationError(
        'Timer payload is malformed',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    const payload = parsed.data;
    return { outcome: await withLeadContext(payload.leadId, () => deadlines.onDeadline(payload)) };
  };
