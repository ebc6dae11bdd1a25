/**
 * The board's actions on one lead (docs/product-rules.md §8), each a form post under `/board/leads/{id}/...`:
 * `complete`, `transfer`, `close`, `next-action`. Each needs a session and its CSRF token; a lead the
 * person may not see is 404; one they see but may not act on that way is 403. A refused form comes back
 * with the posted values and a problem by field (422, or 409 when the lead changed meanwhile), nothing
 * changed; a done action sends the browser back to the lead (303), which says what it did.
 */
import type { BoardActionsService } from '../../shared/app/board-actions-service';
import { BOARD_FORM_FIELDS } from '../../shared/domain/board-action-forms';
import { BOARD_ACTION_PATHS, type BoardAction } from '../../shared/domain/board-actions';
import { completionInputs } from '../../shared/domain/completion-form';
import { COMPLETENESS_FIELDS } from '../../shared/domain/intake-fields';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { logger } from '../../shared/observability';
import { boardLeadPage } from '../../shared/web/board-lead-page';
import { type BoardContext, NOT_FOUND, page, problem, type Route } from './board-http';
import { formValues, guardedForm } from './form-guard';

type ActionKey = RouteKey<'board'> &
  (
    | 'POST /board/leads/{id}/complete'
    | 'POST /board/leads/{id}/transfer'
    | 'POST /board/leads/{id}/close'
    | 'POST /board/leads/{id}/next-action'
  );

/** The fields each action's form posts (besides `csrf`). */
const FIELDS: Readonly<Record<BoardAction, readonly string[]>> = {
  complete: completionInputs(COMPLETENESS_FIELDS),
  ...BOARD_FORM_FIELDS,
};

/** From `/board/leads/{id}/<action>` up to the API's root, keeping the stage prefix. */
const TO_ROOT = '../../../';

export const actionRoutes = (context: BoardContext): Record<ActionKey, Route> => {
  const { actions } = context;
  const run: Record<BoardAction, BoardActionsService['complete']> = {
    complete: (viewer, id, values) => actions.complete(viewer, id, values),
    transfer: (viewer, id, values) => actions.transfer(viewer, id, values),
    close: (viewer, id, values) => actions.close(viewer, id, values),
    next_action: (viewer, id, values) => actions.setNextAction(viewer, id, values),
  };
  const route =
    (action: BoardAction): Route =>
    async (event) => {
      const id = event.pathParameters?.id ?? '';
      const guarded = await guardedForm(context, event, `${TO_ROOT}sign-in`);
      if ('response' in guarded) return guarded.response;
      const { viewer, form, signedIn } = guarded;
      const values = formValues(form, FIELDS[action]);
      try {
        const outcome = await run[action](viewer, id, values);
        if (outcome.ok) {
          logger.info('Board action done', { leadId: id, action, status: outcome.lead.status });
          return redirect(`../${encodeURIComponent(id)}?done=${BOARD_ACTION_PATHS[action]}`);
        }
        const card = await actions.card(viewer, id);
        if (!card) return NOT_FOUND();
        const body = boardLeadPage({
          ...card,
          businessName: await context.businessName(),
          csrfToken: signedIn.session.csrfToken,
          toRoot: TO_ROOT,
          error: { action, problems: outcome.problems, values },
        });
        return page(outcome.status, body);
      } catch (error) {
        if (error instanceof NotFoundError) return NOT_FOUND();
        if (error instanceof ForbiddenError) {
          return problem(
            403,
            'Not allowed',
            'You cannot do that with this lead from the board. Nothing was changed.',
          );
        }
        throw error;
      }
    };
  return {
    'POST /board/leads/{id}/complete': route('complete'),
    'POST /board/leads/{id}/transfer': route('transfer'),
    'POST /board/leads/{id}/close': route('close'),
    'POST /board/leads/{id}/next-action': route('next_action'),
  };
};
