/**
 * The board's list (docs/product-rules.md §8): `GET /board?view=&q=&status=&source=&cursor=`, one page of
 * a view of the leads the signed-in person may see, or the failed handoffs. A bad parameter is a 400 page
 * saying what is wrong; a view the person is not offered (another's queue, the failed handoffs for
 * anyone but the roles that see every lead) is a 404 page, like a lead they may not see.
 */

import { parseBoardQuery } from '../../shared/domain/board-query';
import { queryParameters } from '../../shared/http/request';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { BOARD } from '../../shared/settings';
import { boardPage } from '../../shared/web/board-page';
import { type BoardContext, page, problem, type Route } from './board-http';

const refused = (messages: readonly string[]) =>
  problem(
    400,
    'Cannot show that list',
    `${messages.join('; ')}.`.replace(/^./, (first) => first.toUpperCase()),
  );

export const listRoutes = ({
  board,
  config,
  current,
}: BoardContext): Record<RouteKey<'board'> & 'GET /board', Route> => ({
  'GET /board': async (event) => {
    const signedIn = await current(event);
    if (!signedIn) return redirect('./sign-in');
    const { person, session } = signedIn;
    const parsed = parseBoardQuery(queryParameters(event));
    if (!parsed.ok) return refused(parsed.issues.map((issue) => issue.message));
    const { query } = parsed;
    const listing = await board.list({ id: person.id, role: person.role }, query);
    if (listing.kind === 'refused') return refused(listing.issues.map((issue) => issue.message));
    if (listing.kind === 'not_offered') {
      return problem(404, 'Not found', 'There is no such list on your board.');
    }
    const { business } = await config.load();
    return page(
      200,
      boardPage({
        businessName: business.name,
        viewerName: person.name,
        timeZone: business.timezone,
        view: listing.view,
        views: listing.views,
        counts: listing.counts,
        filters: {
          ...(query.q ? { q: query.q } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.source ? { source: query.source } : {}),
        },
        ...(listing.kind === 'leads' && listing.search ? { search: listing.search } : {}),
        list:
          listing.kind === 'failed'
            ? { kind: 'failed', rows: listing.rows }
            : { kind: 'leads', rows: listing.rows },
        paged: query.cursor !== undefined,
        ...(listing.next ? { next: listing.next } : {}),
        csrfToken: session.csrfToken,
        base: './board',
        signOutAction: './sign-out',
        leadHref: (id) => `./board/leads/${encodeURIComponent(id)}`,
        retryAction: (id) => `./board/failed/${encodeURIComponent(id)}/retry`,
        retryAllAction: './board/failed/retry-all',
        refreshSeconds: BOARD.refreshSeconds,
      }),
    );
  },
});
