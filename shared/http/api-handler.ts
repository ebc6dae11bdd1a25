/**
 * How API functions answer: Powertools' HTTP `Router` dispatches each request to its route's handler,
 * with the routes taken from the route table (`routes.ts`) and one error handler for every function.
 * Errors map to responses in one place (`describeError`); unexpected errors are logged with their stack
 * (never returned to the caller); every log line of a request carries the gateway's request id.
 */
import { Router } from '@aws-lambda-powertools/event-handler/http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Source } from '../domain/lead';
import { SOURCES } from '../domain/lead';
import { ForbiddenError } from '../errors';
import { logger } from '../observability';
import type { ApiClient } from '../ports';
import { describeError, json } from './respond';
import { type FunctionName, ROUTES, type RouteKey } from './routes';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The answer to an error: a refusal with its details (logged without them), or a generic 500. */
const errorResponse = (error: unknown, resource: string | undefined): APIGatewayProxyResult => {
  const { statusCode, body, expected } = describeError(error);
  if (expected) logger.info('Request refused', { statusCode, error: body.error, resource });
  else logger.error('Request failed', { resource, error: error as Error });
  return json(statusCode, body);
};

/** Every line logged while `handle` runs carries the function's context and the gateway's request id. */
const withRequestContext = async (
  event: APIGatewayProxyEvent,
  context: Context,
  handle: () => Promise<APIGatewayProxyResult>,
): Promise<APIGatewayProxyResult> => {
  logger.addContext(context);
  const requestId = event.requestContext?.requestId;
  if (requestId) logger.setCorrelationId(requestId);
  try {
    return await handle();
  } finally {
    logger.removeKeys(['correlation_id']);
  }
};

/**
 * One handler with the shared error mapping and request logging, for a function with one route (intake
 * keeps it: the router's ~23 KB would take its bundle over the limit, see docs/libraries.md).
 */
export const apiHandler =
  (handle: ApiHandler): ApiHandler =>
  (event, context) =>
    withRequestContext(event, context, async () => {
      try {
        return await handle(event, context);
      } catch (error) {
        return errorResponse(error, event.resource);
      }
    });

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

/**
 * The caller as the authorizer identified it; refuses a key of the wrong scope (an intake key on an
 * ops endpoint) even if a misconfigured gateway let it through.
 */
export const requireCaller = (event: APIGatewayProxyEvent, scope: ApiClient['scope']): ApiClient => {
  const context = event.requestContext?.authorizer ?? {};
  const source = SOURCES.find((s) => s === context.source) as Source | undefined;
  if (context.scope !== scope || typeof context.keyId !== 'string') {
    throw new ForbiddenError(`This endpoint needs an ${scope} key`);
  }
  return { keyId: context.keyId, scope, ...(source ? { source } : {}) };
};
