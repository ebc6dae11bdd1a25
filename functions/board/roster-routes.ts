/**
 * The roster page (docs/product-rules.md §8, §12): `GET /board/roster`, who is on call, on shift, off
 * shift and away now; `POST /board/roster/{id}/away` (`for=1h|2h|4h|today`) and
 * `POST /board/roster/{id}/back` set a person away for a while or back now. Each post needs a session
 * and its CSRF token; someone not on the active roster is 404, someone the signed-in person may not
 * change 403, an unknown choice 422, nothing changed. A done post sends the browser back to the page (303).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { PersonRef } from '../../shared/domain/lead';
import { formatLocal } from '../../shared/domain/time';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { BOARD } from '../../shared/settings';
import { rosterPage } from '../../shared/web/roster-page';
import { type BoardContext, page, problem, type Route } from './board-http';
import { guardedForm } from './form-guard';

type RosterKey = RouteKey<'board'> &
  ('GET /board/roster' | 'POST /board/roster/{id}/away' | 'POST /board/roster/{id}/back');

/** From `/board/roster/{id}/<what>` back to the page and up to the sign-in page (the stage stays). */
const TO_PAGE = '../../roster';
const TO_SIGN_IN = '../../../sign-in';

export const rosterRoutes = (context: BoardContext): Record<RosterKey, Route> => {
  const { roster, businessName, current } = context;
  /** Runs `change` for the signed-in person on the path's roster id, then back to the page. */
  const change =
    (run: (viewer: PersonRef, personId: string, form: URLSearchParams) => Promise<unknown>): Route =>
    async (event: APIGatewayProxyEvent) => {
      const guarded = await guardedForm(context, event, TO_SIGN_IN);
      if ('response' in guarded) return guarded.response;
      try {
        await run(guarded.viewer, event.pathParameters?.id ?? '', guarded.form);
        return redirect(TO_PAGE);
      } catch (error) {
        if (error instanceof NotFoundError) {
          return problem(404, 'Not found', 'There is no such person on the roster.');
        }
        if (error instanceof ForbiddenError) {
          return problem(403, 'Not allowed', 'You can set only yourself away or back. Nothing was changed.');
        }
        if (error instanceof ValidationError) {
          return problem(422, 'Nothing was changed', error.issues[0]?.message ?? 'Choose how long.');
        }
        throw error;
      }
    };
  return {
    'GET /board/roster': async (event) => {
      const signedIn = await current(event);
      if (!signedIn) return redirect('../sign-in');
      const view = await roster.roster(signedIn.person);
      return page(
        200,
        rosterPage({
          businessName: await businessName(),
          roster: view.roster,
          timeZone: view.timeZone,
          nowText: formatLocal(view.now, view.timeZone),
          boardHref: '../board',
          refreshSeconds: BOARD.refreshSeconds,
          changeable: view.changeable,
          csrfToken: signedIn.session.csrfToken,
        }),
      );
    },
    'POST /board/roster/{id}/away': change((viewer, id, form) =>
      roster.setAway(viewer, id, (form.get('for') ?? '').slice(0, 20)),
    ),
    'POST /board/roster/{id}/back': change((viewer, id) => roster.back(viewer, id)),
  };
};
