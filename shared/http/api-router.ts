/**
 * Powertools' HTTP `Router` for functions with several routes: the routes come from the route table
 * (`routes.ts`), errors go through the one error handler every API function shares (`api-handler.ts`).
 */
import { Router } from '@aws-lambda-powertools/event-handler/http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { logger } from '../observability';
import { type ApiHandler, errorResponse, withRequestContext } from './api-handler';
import { json } from './respond';
import { type FunctionName, ROUTES, type RouteKey } from './routes';

/** `/leads/{id}` (API Gateway's syntax, the route table's) in the router's syntax: `/leads/:id`. */
const routerPath = (path: string): `/${string}` => `/${path.replace(/^\//, '').replace(/\{(\w+)\}/g, ':$1')}`;

/**
 * `apiRouter('leads')({ 'GET /leads/{id}': ..., ... })`: the function's routes from the route table, each
 * dispatched by Powertools' `Router` to its handler; the compiler checks there is exactly one handler per
 * route of the function.
 *
 * API Gateway has already matched the request to a resource (`event.resource`, `/leads/{id}`) and decoded
 * its path parameters, so the router dispatches on that resource rather than re-parsing the raw path:
 * path normalization and parameter decoding stay API Gateway's, exactly as deployed. The router sees a
 * routing copy of the event (method and resource only); handlers get the event as it came.
 */
export const apiRouter =
  <F extends FunctionName>(fn: F) =>
  (handlers: Record<RouteKey<F>, ApiHandler>): ApiHandler => {
    const app = new Router({ logger });
    const original = new WeakMap<object, APIGatewayProxyEvent>();
    const eventOf = (routing: object): APIGatewayProxyEvent => {
      const event = original.get(routing);
      if (event === undefined) throw new Error('A request reached the router without its event');
      return event;
    };
    for (const route of ROUTES) {
      if (route.fn !== fn) continue;
      const handle = handlers[`${route.method} ${route.path}` as RouteKey<F>];
      app.route(({ event, context }) => handle(eventOf(event), context), {
        method: route.method,
        path: routerPath(route.path),
      });
    }
    app.notFound(async () => json(404, { error: 'not_found', message: 'No such endpoint' }));
    app.errorHandler(Error, async (error, { event }) => errorResponse(error, original.get(event)?.resource));

    return (event, context) =>
      withRequestContext(event, context, async () => {
        const routing: APIGatewayProxyEvent = {
          resource: event.resource,
          path: routerPath(event.resource ?? ''),
          httpMethod: event.httpMethod,
          headers: {},
          multiValueHeaders: {},
          queryStringParameters: null,
          multiValueQueryStringParameters: null,
          pathParameters: null,
          stageVariables: null,
          requestContext: event.requestContext ?? {},
          body: null,
          isBase64Encoded: false,
        };
        original.set(routing, event);
        const { statusCode, headers = {}, multiValueHeaders, body } = await app.resolve(routing, context);
        return { statusCode, headers, ...(multiValueHeaders ? { multiValueHeaders } : {}), body };
      });
  };
