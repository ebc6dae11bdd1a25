/**
 * What every API function shares: errors map to responses in one place (`describeError`), unexpected
 * errors are logged with their stack (never returned to the caller), every log line of a request carries
 * the gateway's request id, and the caller is the one the authorizer identified. Functions with several
 * routes dispatch with `apiRouter` (`api-router.ts`); the links function can adopt it too.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Source } from '../domain/lead';
import { SOURCES } from '../domain/lead';
import { ForbiddenError } from '../errors';
import { logger } from '../observability';
import type { ApiClient } from '../ports';
import { describeError, json } from './respond';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The answer to an error: a refusal with its details (logged without them), or a generic 500. */
export const errorResponse = (error: unknown, resource: string | undefined): APIGatewayProxyResult => {
  const { statusCode, body, expected } = describeError(error);
  if (expected) logger.info('Request refused', { statusCode, error: body.error, resource });
  else logger.error('Request failed', { resource, error: error as Error });
  return json(statusCode, body);
};

/** Every line logged while `handle` runs carries the function's context and the gateway's request id. */
export const withRequestContext = async (
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
 * One handler with the shared error mapping and request logging, for a function with one route (intake:
 * the router's ~23 KB would take its bundle over 300 KB, see docs/libraries.md).
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
