/**
 * Retrying failed handoffs from the board (docs/product-rules.md §9): `POST /board/failed/{id}/retry` and
 * `POST /board/failed/retry-all`, the buttons of `GET /board?view=failed`. The same use case as
 * `POST /ops/failed-handoffs/...`; a session with its CSRF token, and only for the roles that see every
 * lead (anyone else: 404). Both send the browser back to the failed list (303, relative: the stage stays).
 */
import { NotFoundError } from '../../shared/errors';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { logger } from '../../shared/observability';
import { type BoardContext, problem, type Route } from './board-http';
import { guardedForm } from './form-guard';

type FailedKey = RouteKey<'board'> & ('POST /board/failed/{id}/retry' | 'POST /board/failed/retry-all');

const NO_SUCH_FAILURE = () => problem(404, 'Not found', 'There is no such failed handoff on your board.');

export const failedRoutes = (context: BoardContext): Record<FailedKey, Route> => ({
  'POST /board/failed/{id}/retry': async (event) => {
    const guarded = await guardedForm(context, event, '../../../sign-in');
    if ('response' in guarded) return guarded.response;
    try {
      const outcome = await context.actions.retry(guarded.viewer, event.pathParameters?.id ?? '');
      logger.info('Failed handoff retried from the board', { outcome });
      return redirect('../../../board?view=failed');
    } catch (error) {
      if (error instanceof NotFoundError) return NO_SUCH_FAILURE();
      throw error;
    }
  },
  'POST /board/failed/retry-all': async (event) => {
    const guarded = await guardedForm(context, event, '../../sign-in');
    if ('response' in guarded) return guarded.response;
    try {
      const retried = await context.actions.retryAll(guarded.viewer);
      logger.info('Failed handoffs retried from the board', { retried });
      return redirect('../../board?view=failed');
    } catch (error) {
      if (error instanceof NotFoundError) return NO_SUCH_FAILURE();
      throw error;
    }
  },
});
