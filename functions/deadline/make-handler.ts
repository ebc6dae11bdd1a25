/**
 * EventBridge Scheduler target: a handoff's acceptance deadline. The event is the schedule's input
 * (`TimerPayload`). Errors propagate so Scheduler retries and finally dead-letters the invocation.
 */
import type { DeadlineOutcome, DeadlineService } from '../../shared/app/deadline-service';
import { timerPayloadSchema } from '../../shared/app/message-schemas';
import { ValidationError } from '../../shared/errors';

export interface DeadlineDeps {
  deadlines: DeadlineService;
}

export const makeHandler =
  ({ deadlines }: DeadlineDeps) =>
  async (event: unknown): Promise<{ outcome: DeadlineOutcome }> => {
    const parsed = timerPayloadSchema.safeParse(event);
    if (!parsed.success) {
      throw new ValidationError(
        'Timer payload is malformed',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    return { outcome: await deadlines.onDeadline(parsed.data) };
  };
