/**
 * `POST /hooks/{connector}` (and `GET` for a source's handshake): webhooks from lead sources
 * (docs/connectors.md). Public at the gateway: each connector checks its source's own signature or key.
 * Answers what the source expects (JSON, or TwiML for Twilio); 401/403 for a bad signature, storing
 * nothing; 404 for a connector that does not exist or is not set up. A failure of ours (the table
 * unavailable) is a 5xx on purpose here: every source retries on it, so the lead comes back.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { HookService } from '../../shared/app/hook-service';
import type { HookRequest } from '../../shared/connectors/connector';
import { apiHandler } from '../../shared/http/api-handler';

/**
 * Larger than a lead's own body limit (32 KB): a source sends what it sends, and some payloads carry far
 * more than the lead (Typeform includes the whole form definition). A lead refused for its size would be
 * retried and refused until the source gives up. Each connector parses its body without throwing.
 */
export const HOOK_MAX_BODY_BYTES = 256 * 1024;

import { json } from '../../shared/http/respond';

export interface HooksHandlerDeps {
  hooks: HookService;
  /** The URL the source called, as it signed it (AWS and the local runner know it differently). */
  requestUrl(event: APIGatewayProxyEvent): string;
}

/** On API Gateway: scheme and host from the headers, the path as the client sent it (stage included). */
export const gatewayRequestUrl = (event: APIGatewayProxyEvent): string => {
  const headers = lowerCased(event.headers);
  const proto = headers['x-forwarded-proto'] ?? 'https';
  const path = event.requestContext?.path ?? event.path;
  return `${proto}://${headers.host ?? ''}${path}${queryString(event)}`;
};

/** The query string as received, `?a=1&b=2`, or '' (API Gateway hands it over parsed; order is kept). */
export const queryString = (event: APIGatewayProxyEvent): string => {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) params.append(name, value);
  }
  if ([...params].length === 0) {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      if (value !== undefined) params.append(name, value);
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

const lowerCased = (headers: APIGatewayProxyEvent['headers']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), value]],
    ),
  );

const hookRequest = (event: APIGatewayProxyEvent, url: string): HookRequest => {
  const rawBody = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  return {
    method: event.httpMethod === 'GET' ? 'GET' : 'POST',
    url,
    headers: lowerCased(event.headers),
    query: new URL(url, 'http://x').searchParams,
    rawBody,
  };
};

export const makeHandler = (deps: HooksHandlerDeps) =>
  apiHandler(async (event): Promise<APIGatewayProxyResult> => {
    const name = event.pathParameters?.connector ?? '';
    const request = hookRequest(event, deps.requestUrl(event));
    if (request.rawBody.length > HOOK_MAX_BODY_BYTES) {
      return json(413, { error: `The body is larger than ${HOOK_MAX_BODY_BYTES} bytes` });
    }
    const outcome = await deps.hooks.handle(name, request);
    if (outcome.kind === 'refused') {
      const error = { 401: 'Not signed by the source', 403: 'Not allowed', 404: 'Not found' }[outcome.status];
      return json(outcome.status, { error });
    }
    const { response } = outcome;
    return {
      statusCode: response.statusCode,
      headers: { 'content-type': response.contentType, 'cache-control': 'no-store' },
      body: response.body,
    };
  });
