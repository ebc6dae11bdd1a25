/** `GET /board/roster` (docs/product-rules.md §8): who is on call, on shift, off shift and away now. */
import { formatLocal } from '../../shared/domain/time';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { BOARD } from '../../shared/settings';
import { rosterPage } from '../../shared/web/roster-page';
import { type BoardContext, page, type Route } from './board-http';

export const rosterRoutes = ({
  actions,
  businessName,
  current,
}: BoardContext): Record<RouteKey<'board'> & 'GET /board/roster', Route> => ({
  'GET /board/roster': async (event) => {
    if (!(await current(event))) return redirect('../sign-in');
    const { roster, timeZone, now } = await actions.roster();
    return page(
      200,
      rosterPage({
        businessName: await businessName(),
        roster,
        timeZone,
        nowText: formatLocal(now, timeZone),
        boardHref: '../board',
        refreshSeconds: BOARD.refreshSeconds,
      }),
    );
  },
});
