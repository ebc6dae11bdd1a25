/**
 * Dispatch for functions with several routes: the routes come from the route table (`routes.ts`), errors
 * go through the one error handler every API function shares (`api-handler.ts`).
 *
 * API Gateway has already matched the request to a resource (`event.resource`, `/leads/{id}`) and decoded
 * its path parameters, so dispatch is a lookup of `METHOD resource` in the function's routes: path
 * normalization and parameter decoding stay API Gateway's, exactly as deployed. Powertools' `Router` did
 * the same dispatch at 22 KB a bundle, which took leads, ops and the board over their 300 KB budget
 * (docs/libraries.md).
 */
import { type ApiHandler, errorResponse, withRequestContext } from './api-handler';
import { json } from './respond';
import { type FunctionName, ROUTES, type RouteKey } from './routes';

/**
 * `apiRouter('leads')({ 'GET /leads/{id}': ..., ... })`: the function's routes from the route table, each
 * dispatched to its handler with the event as it came; the compiler checks there is exactly one handler
 * per route of the function.
 */
export const apiRouter =
  <F extends FunctionName>(fn: F) =>
  (handlers: Record<RouteKey<F>, ApiHandler>): ApiHandler => {
    const table = new Map<string, ApiHandler>();
    for (const route of ROUTES) {
      if (route.fn !== fn) continue;
      const key = `${route.method} ${route.path}`;
      table.set(key, handlers[key as RouteKey<F>]);
    }
    return (event, context) =>
      withRequestContext(event, context, async () => {
        const handle = table.get(`${event.httpMethod} ${event.resource}`);
        if (!handle) return json(404, { error: 'not_found', message: 'No such endpoint' });
        try {
          return await handle(event, context);
        } catch (error) {
          return errorResponse(error, event.resource);
        }
      });
  };
