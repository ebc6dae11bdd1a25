/**
 * One lead on the board (docs/product-rules.md §8): `GET /board/leads/{id}` shows the full lead card with the
 * forms the signed-in person may use, 404 when they may not see it. `?done=<action>` (where an action
 * sends the browser back) adds what that action did.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BOARD_ACTION_PATHS, BOARD_ACTIONS, type BoardAction } from '../../shared/domain/board-actions';
import { personRef } from '../../shared/domain/routing';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { boardLeadPage, noticeFor } from '../../shared/web/board-lead-page';
import { type BoardContext, NOT_FOUND, page, type Route } from './board-http';

/** The action a `done` query value names, if any. */
const doneAction = (event: APIGatewayProxyEvent): BoardAction | undefined =>
  BOARD_ACTIONS.find((action) => BOARD_ACTION_PATHS[action] === event.queryStringParameters?.done);

export const leadRoutes = ({
  actions,
  businessName,
  current,
}: BoardContext): Record<RouteKey<'board'> & 'GET /board/leads/{id}', Route> => ({
  'GET /board/leads/{id}': async (event) => {
    const signedIn = await current(event);
    if (!signedIn) return redirect('../../sign-in');
    const card = await actions.card(personRef(signedIn.person), event.pathParameters?.id ?? '');
    if (!card) return NOT_FOUND();
    const done = doneAction(event);
    const timeZone = card.config.business.timezone;
    return page(
      200,
      boardLeadPage({
        ...card,
        businessName: await businessName(),
        csrfToken: signedIn.session.csrfToken,
        toRoot: '../../',
        ...(done ? { notice: noticeFor(done, card.lead, timeZone) } : {}),
      }),
    );
  },
});
