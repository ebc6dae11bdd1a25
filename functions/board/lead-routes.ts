/** One lead on the board (docs/product-rules.md §8): `GET /board/leads/{id}`, 404 when the person may not see it. */

import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { boardLeadPage } from '../../shared/web/board-page';
import { type BoardContext, NOT_FOUND, page, type Route } from './board-http';

export const leadRoutes = ({
  board,
  businessName,
  current,
}: BoardContext): Record<RouteKey<'board'> & 'GET /board/leads/{id}', Route> => ({
  'GET /board/leads/{id}': async (event) => {
    const signedIn = await current(event);
    if (!signedIn) return redirect('../../sign-in');
    const { person } = signedIn;
    const row = await board.lead({ id: person.id, role: person.role }, event.pathParameters?.id ?? '');
    if (!row) return NOT_FOUND();
    return page(200, boardLeadPage(await businessName(), row, '../../board'));
  },
});
