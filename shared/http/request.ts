/**
 * Reading API Gateway proxy requests: body size and content type are checked before anything is
 * parsed, so oversize or unexpected input is refused with 413/415 and never reaches a use case.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';

/** Largest body the API accepts (docs/product-rules.md §2: oversized bodies are malformed input). */
export const MAX_BODY_BYTES = 32 * 1024;

export type BodyFormat = 'json' | 'form';

export interface ParsedBody {
  format: BodyFormat;
  /** JSON value, or for forms an object of string values (repeated keys: the last one wins). */
  value: unknown;
}

/** Case-insensitive header lookup (API Gateway keeps the client's casing). */
export const header = (event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
};

const rawBody = (event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>): string => {
  if (event.body === null || event.body === undefined) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export const mediaType = (event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined =>
  header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;

/** Parses a JSON or urlencoded body; 413 over `maxBytes`, 415 for any other media type, 400 for bad JSON. */
export const parseBody = (
  event: Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>,
  maxBytes = MAX_BODY_BYTES,
): ParsedBody => {
  const body = rawBody(event);
  if (Buffer.byteLength(body, 'utf8') > maxBytes) {
    throw new PayloadTooLargeError(`Body is larger than ${maxBytes} bytes`);
  }
  const type = mediaType(event);
  if (type === 'application/json') {
    try {
      return { format: 'json', value: JSON.parse(body) };
    } catch (error) {
      throw new ValidationError('Body is not valid JSON', [{ path: 'body', message: 'not valid JSON' }], {
        cause: error,
      });
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { format: 'form', value: Object.fromEntries(new URLSearchParams(body)) };
  }
  throw new UnsupportedMediaTypeError(
    `Content type ${type ?? '(none)'} is not supported; send application/json or application/x-www-form-urlencoded`,
  );
};

/**
 * The fields a page's form posted (urlencoded): 413 over `MAX_BODY_BYTES`, 415 for another media type.
 * With `emptyAllowed`, a post with no body at all (a bare button) reads as no fields, whatever its type.
 */
export const pageForm = (
  event: Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>,
  options: { emptyAllowed?: boolean } = {},
): URLSearchParams => {
  const raw = rawBody(event);
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new PayloadTooLargeError('Form too large');
  if (!(options.emptyAllowed && raw === '') && mediaType(event) !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedMediaTypeError('Send the page form (application/x-www-form-urlencoded)');
  }
  return new URLSearchParams(raw);
};

/**
 * Every query-string parameter with all its values (`?view=a&view=b` → `{ view: ['a', 'b'] }`), from the
 * multi-value map when the gateway sent one, so a repeated parameter can be refused rather than guessed.
 */
export const queryParameters = (
  event: Pick<APIGatewayProxyEvent, 'queryStringParameters' | 'multiValueQueryStringParameters'>,
): Record<string, string[]> => {
  const parameters: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    if (values !== undefined) parameters[name] = [...values];
  }
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined && parameters[name] === undefined) parameters[name] = [value];
  }
  return parameters;
};
