/**
 * EventBridge Scheduler target: a handoff's acceptance deadline or the start of a held handoff, a
 * follow-up's reminder or due check, or an accepted lead's idle next-action check.
 * The event is the schedule's input (`TimerPayload`). Errors propagate so Scheduler retries and finally
 * dead-letters the invocation.
 */
import type { Context } from 'aws-lambda';
import type { DeadlineOutcome, DeadlineService } from '../../shared/app/deadline-service';
import type { FollowUpOutcome, FollowUpService } from '../../shared/app/follow-up-service';
import type { IdleOutcome, IdleService } from '../../shared/app/idle-service';
import { timerPayloadSchema } from '../../shared/app/message-schemas';
import { ValidationError } from '../../shared/errors';
import { logger, withLeadContext } from '../../shared/observability';

export interface DeadlineDeps {
  deadlines: DeadlineService;
  followUps: FollowUpService;
  idles: IdleService;
}

export const makeHandler =
  ({ deadlines, followUps, idles }: DeadlineDeps) =>
  async (
    event: unknown,
    context?: Context,
  ): Promise<{ outcome: DeadlineOutcome | FollowUpOutcome | IdleOutcome }> => {
    if (context) logger.addContext(context);
    const parsed = timerPayloadSchema.safeParse(event);
    if (!parsed.success) {
      throw new ValidationError(
        'Timer payload is malformed',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    const payload = parsed.data;
    return {
      outcome: await withLeadContext(payload.leadId, () => {
        if (payload.kind === 'acceptance_deadline' || payload.kind === 'opening')
          return deadlines.onDeadline(payload);
        return payload.kind === 'follow_up' ? followUps.onTimer(payload) : idles.onTimer(payload);
      }),
    };
  };
