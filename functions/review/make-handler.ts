/**
 * Recurring EventBridge Scheduler target: the end-of-day review at closing time (`daily_review`) and the
 * weekly numbers on Monday morning (`weekly_report`). Each sends at most once per day or week.
 */
import * as z from 'zod';
import type { ReviewService } from '../../shared/app/review-service';
import { ValidationError } from '../../shared/errors';

export interface ReviewHandlerDeps {
  reviews: ReviewService;
}

export const reviewEventSchema = z.strictObject({ kind: z.enum(['daily_review', 'weekly_report']) });
export type ReviewEvent = z.infer<typeof reviewEventSchema>;

export const makeHandler =
  ({ reviews }: ReviewHandlerDeps) =>
  async (event: unknown): Promise<unknown> => {
    const parsed = reviewEventSchema.safeParse(event);
    if (!parsed.success) {
      throw new ValidationError(
        'Review event is malformed',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    return parsed.data.kind === 'daily_review' ? reviews.sendDailyReview() : reviews.sendWeeklyReport();
  };
