/**
 * API Gateway, emulated in process: the same route table as the deployed REST API, the same REQUEST
 * authorizer (401 for a missing or unknown key, 403 for a Deny), and proxy events of the same shape,
 * so the local runner exercises exactly the handlers that run on AWS.
 */
import { randomUUID } from 'node:crypto';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import type { ApiHandler } from '../shared/http/api-handler';
import { type FunctionName, matchPath, ROUTES, type Route } from '../shared/http/routes';
import { lambdaContext } from './lambda-context';

export interface GatewayRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
  /** The body is base64 of bytes that are not UTF-8 text (as API Gateway passes binary bodies). */
  isBase64Encoded?: boolean;
  sourceIp?: string;
}

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type Authorizer = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

const STAGE = 'local';
const API_ID = 'local';

const gatewayError = (statusCode: number, error: string): GatewayResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error }),
});

const single = (params: URLSearchParams): Record<string, string> | null => {
  const out = Object.fromEntries(params);
  return Object.keys(out).length ? out : null;
};

const multi = (params: URLSearchParams): Record<string, string[]> | null => {
  const out: Record<string, string[]> = {};
  for (const key of new Set(params.keys())) out[key] = params.getAll(key);
  return Object.keys(out).length ? out : null;
};

export class LocalGateway {
  constructor(
    private readonly functions: Record<FunctionName, ApiHandler>,
    private readonly authorizer: Authorizer,
  ) {}

  /** The route for a request, or undefined when the path is not part of the API. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of ROUTES) {
      const params = matchPath(route.path, path);
      if (params && route.method === method) return { route, params };
    }
    return undefined;
  }

  async handle(request: GatewayRequest): Promise<GatewayResponse> {
    const matched = this.match(request.method, request.path);
    if (!matched) return gatewayError(404, 'not_found');
    const { route, params } = matched;
    const methodArn = `arn:aws:execute-api:local:000000000000:${API_ID}/${STAGE}/${route.method}${route.path}`;
    const requestId = randomUUID();
    let authorizer: Record<string, string | number | boolean> | undefined;
    if (route.auth !== 'public') {
      let result: APIGatewayAuthorizerResult;
      try {
        result = await this.authorizer({
          type: 'REQUEST',
          methodArn,
          resource: route.path,
          path: request.path,
          httpMethod: route.method,
          headers: request.headers,
          multiValueHeaders: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, [v]])),
          queryStringParameters: single(request.query),
          multiValueQueryStringParameters: multi(request.query),
          pathParameters: params,
          stageVariables: null,
          requestContext: this.requestContext(
            route,
            request,
            requestId,
          ) as APIGatewayRequestAuthorizerEvent['requestContext'],
        });
      } catch (error) {
        return (error as Error).message === 'Unauthorized'
          ? gatewayError(401, 'unauthorized')
          : gatewayError(500, 'internal_error');
      }
      const allowed = result.policyDocument.Statement.some((s) => 'Effect' in s && s.Effect === 'Allow');
      if (!allowed) return gatewayError(403, 'forbidden');
      authorizer = { ...(result.context ?? {}), principalId: result.principalId };
    }
    const event: APIGatewayProxyEvent = {
      resource: route.path,
      path: request.path,
      httpMethod: route.method,
      headers: request.headers,
      multiValueHeaders: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: single(request.query),
      multiValueQueryStringParameters: multi(request.query),
      pathParameters: Object.keys(params).length ? params : null,
      stageVariables: null,
      requestContext: {
        ...this.requestContext(route, request, requestId),
        authorizer: authorizer ?? null,
      } as APIGatewayProxyEvent['requestContext'],
      body: request.body.length ? request.body : null,
      isBase64Encoded: request.isBase64Encoded ?? false,
    };
    try {
      const result = await this.functions[route.fn](event, lambdaContext(route.fn));
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(result.headers ?? {})) headers[key] = String(value);
      return { statusCode: result.statusCode, headers, body: result.body };
    } catch {
      return {
        statusCode: 502,
        headers: { 'content-type': 'application/json' },
        body: '{"message":"Internal server error"}',
      };
    }
  }

  private requestContext(route: Route, request: GatewayRequest, requestId: string) {
    return {
      accountId: '000000000000',
      apiId: API_ID,
      stage: STAGE,
      requestId,
      resourceId: route.path,
      resourcePath: route.path,
      httpMethod: route.method,
      path: `/${STAGE}${request.path}`,
      protocol: 'HTTP/1.1',
      requestTimeEpoch: Date.now(),
      identity: {
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? null,
      },
    };
  }
}
