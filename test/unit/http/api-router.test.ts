/**
 * `apiRouter`: Powertools' Router dispatches on the resource API Gateway matched, hands the handler the
 * event as it came, and maps errors in one place (details for refusals, a bare 500 otherwise).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../local/lambda-context';
import { ConflictError } from '../../../shared/errors';
import { apiRouter } from '../../../shared/http/api-router';
import { json } from '../../../shared/http/respond';

const proxyEvent = (method: string, resource: string, path: string, body: string | null = null) =>
  ({
    resource,
    path,
    httpMethod: method,
    headers: { 'Content-Type': 'application/json', 'X-Odd': 'ünïcode' },
    multiValueHeaders: {},
    queryStringParameters: { week: '2026-W47' },
    multiValueQueryStringParameters: { week: ['2026-W47'] },
    pathParameters: { id: '../ x' },
    stageVariables: null,
    requestContext: { requestId: 'req-1' },
    body,
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

const ok = async (): Promise<APIGatewayProxyResult> => json(200, {});

describe('apiRouter', () => {
  it("hands the route's handler the event as API Gateway sent it, whatever its path looks like", async () => {
    // Prepare
    const seen: APIGatewayProxyEvent[] = [];
    const handler = apiRouter('leads')({
      'GET /leads': ok,
      'GET /leads/{id}': async (event) => {
        seen.push(event);
        return json(200, { id: event.pathParameters?.id });
      },
      'PATCH /leads/{id}': ok,
      'POST /leads/{id}/transfer': ok,
    });
    const event = proxyEvent('GET', '/leads/{id}', '/leads/..%2F%20x', '{"ignored": true}');

    // Act
    const res = await handler(event, lambdaContext('leads'));

    // Assess
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ id: '../ x' });
    expect(res.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(seen).toEqual([event]);
  });

  it('answers 404 for a resource the function does not serve', async () => {
    // Prepare
    const handler = apiRouter('leads')({
      'GET /leads': ok,
      'GET /leads/{id}': ok,
      'PATCH /leads/{id}': ok,
      'POST /leads/{id}/transfer': ok,
    });

    // Act
    const res = await handler(proxyEvent('GET', '/h/{token}', '/h/abc'), lambdaContext('leads'));

    // Assess
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ error: 'not_found', message: 'No such endpoint' });
  });

  it('maps a domain error to its status with its message', async () => {
    // Prepare
    const handler = apiRouter('leads')({
      'GET /leads': ok,
      'GET /leads/{id}': ok,
      'PATCH /leads/{id}': async () => {
        throw new ConflictError('The lead changed; read it again');
      },
      'POST /leads/{id}/transfer': ok,
    });

    // Act
    const res = await handler(proxyEvent('PATCH', '/leads/{id}', '/leads/X'), lambdaContext('leads'));

    // Assess
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body)).toEqual({ error: 'conflict', message: 'The lead changed; read it again' });
  });

  it('answers an unexpected error with a bare 500: no message, no stack', async () => {
    // Prepare
    const handler = apiRouter('leads')({
      'GET /leads': ok,
      'GET /leads/{id}': ok,
      'PATCH /leads/{id}': ok,
      'POST /leads/{id}/transfer': async () => {
        throw new TypeError('secret detail');
      },
    });

    // Act
    const res = await handler(
      proxyEvent('POST', '/leads/{id}/transfer', '/leads/X/transfer'),
      lambdaContext('leads'),
    );

    // Assess
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: 'internal_error' });
  });
});
