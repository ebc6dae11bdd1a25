/**
 * REQUEST authorizer: identifies the caller by API key and lets API Gateway's usage plans throttle it.
 *
 * The key comes from header `x-api-key`, or for intake keys only from query `key` (a plain HTML form
 * cannot set headers). A missing or unknown key is refused with 401 and no detail; a known key on an
 * endpoint of the other scope (an intake key on ops) gets a Deny policy, which API Gateway answers 403.
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { ROUTES } from '../../shared/http/routes';
import { logger } from '../../shared/observability';
import type { ApiKeyDirectory } from '../../shared/ports';

export interface AuthorizerDeps {
  keys: ApiKeyDirectory;
}

/** The exact error message API Gateway turns into a 401. */
export const UNAUTHORIZED = 'Unauthorized';

const headerValue = (headers: Record<string, string | undefined> | null, name: string): string | undefined =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

export const makeHandler =
  ({ keys }: AuthorizerDeps) =>
  async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const fromHeader = headerValue(event.headers, 'x-api-key');
    const apiKey = fromHeader ?? event.queryStringParameters?.key;
    const client = apiKey ? await keys.lookup(apiKey) : undefined;
    if (!apiKey || !client || (client.scope === 'ops' && !fromHeader)) {
      logger.info('API key refused', { resource: event.resource, keyPresent: apiKey !== undefined });
      throw new Error(UNAUTHORIZED);
    }
    const route = ROUTES.find((r) => r.method === event.httpMethod && r.path === event.resource);
    const allowed = route !== undefined && route.auth === client.scope;
    if (!allowed)
      logger.info('API key used outside its scope', { resource: event.resource, scope: client.scope });
    return {
      principalId: client.keyId,
      usageIdentifierKey: apiKey,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: event.methodArn },
        ],
      },
      context: {
        scope: client.scope,
        keyId: client.keyId,
        ...(client.source ? { source: client.source } : {}),
      },
    };
  };
