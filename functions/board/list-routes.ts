/** The board's list (docs/product-rules.md §8): `GET /board`, the open leads the signed-in person may see. */

import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { BOARD } from '../../shared/settings';
import { boardPage } from '../../shared/web/board-page';
import { type BoardContext, page, type Route } from './board-http';

export const listRoutes = ({
  board,
  businessName,
  current,
}: BoardContext): Record<RouteKey<'board'> & 'GET /board', Route> => ({
  'GET /board': async (event) => {
    const signedIn = await current(event);
    if (!signedIn) return redirect('./sign-in');
    const { person, session } = signedIn;
    const rows = await board.rows({ id: person.id, role: person.role });
    return page(
      200,
      boardPage({
        businessName: await businessName(),
        viewerName: person.name,
        rows,
        csrfToken: session.csrfToken,
        signOutAction: './sign-out',
        leadHref: (id) => `./board/leads/${encodeURIComponent(id)}`,
        refreshSeconds: BOARD.refreshSeconds,
      }),
    );
  },
});
