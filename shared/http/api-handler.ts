/**
 * The wrapper every API function uses: it maps errors to responses in one place, logs unexpected
 * errors with their stack (never returned to the caller), and exposes the caller the authorizer
 * identified.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Source } from '../domain/lead';
import { SOURCES } from '../domain/lead';
import { ForbiddenError } from '../errors';
import { logger } from '../observability';
import type { ApiClient } from '../ports';
import { describeError, json } from './respond';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export const apiHandler =
  (handle: ApiHandler): ApiHandler =>
  async (event, context) => {
    // Every line of this request carries the function's context and the gateway's request id.
    logger.addContext(context);
    const requestId = event.requestContext?.requestId;
    if (requestId) logger.setCorrelationId(requestId);
    try {
      return await handle(event, context);
    } catch (error) {
      const { statusCode, body, expected } = describeError(error);
      if (expected)
        logger.info('Request refused', { statusCode, error: body.error, resource: event.resource });
      else logger.error('Request failed', { resource: event.resource, error: error as Error });
      return json(statusCode, body);
    } finally {
      logger.removeKeys(['correlation_id']);
    }
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

/** Routes one function's requests by `METHOD /resource` (API Gateway's resource template). */
export const byRoute =
  (routes: Record<string, ApiHandler>): ApiHandler =>
  async (event, context) => {
    const route = routes[`${event.httpMethod} ${event.resource}`];
    if (!route) return json(404, { error: 'not_found', message: 'No such endpoint' });
    return route(event, context);
  };
