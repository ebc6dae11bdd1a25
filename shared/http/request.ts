/**
 * Reading API Gateway proxy requests: body size, content type, charset and shape (nesting depth, number
 * of fields) are checked before anything is parsed, hashed or stored, so oversize or unexpected input is
 * refused with 413/415/400 and never reaches a use case. The limits are listed in docs/api.md
 * ("Input limits").
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { cleanText } from '../domain/text-cleaning';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import {
  type Charset,
  charsetOf,
  checkJsonShape,
  decodeText,
  formPairs,
  type ShapeLimits,
} from './body-decoding';

/** Largest body the API accepts (docs/product-rules.md §2: oversized bodies are malformed input). */
export const MAX_BODY_BYTES = 32 * 1024;

/** What a body may be: a lead (2 deep, ~25 fields) or an update fits well within these. */
export interface BodyLimits extends ShapeLimits {
  maxBytes: number;
}

/** The limits of every body but the configuration's (`PUT /ops/config` passes its own). */
export const BODY_LIMITS: BodyLimits = { maxBytes: MAX_BODY_BYTES, maxDepth: 8, maxKeys: 200 };

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

type BodyEvent = Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>;

/**
 * The body's bytes. A text body (API Gateway with no binary media types) arrives as a string: bytes that
 * were not UTF-8 are already lost (U+FFFD), so a body declared in another charset that carries one is
 * refused (415) rather than stored garbled. The local runner passes such bodies base64-encoded, intact.
 */
const bodyBytes = (event: BodyEvent, maxBytes: number): Buffer => {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(`Body is larger than ${maxBytes} bytes`);
  return bytes;
};

/** The body's bytes and the charset to read them in: 415 for a charset that cannot be read (see above). */
const readBody = (event: BodyEvent, maxBytes: number): { bytes: Buffer; charset: Charset } => {
  const bytes = bodyBytes(event, maxBytes);
  const charset = charsetOf(header(event, 'content-type'));
  if (charset.encoding !== 'utf-8' && !event.isBase64Encoded && (event.body ?? '').includes('\uFFFD')) {
    throw new UnsupportedMediaTypeError(`The body did not arrive as ${charset.label} text; send it as UTF-8`);
  }
  return { bytes, charset };
};

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export const mediaType = (event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined =>
  header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;

/**
 * Parses a JSON or urlencoded body in its declared charset: 413 over `maxBytes`, 415 for any other media
 * type or an unreadable charset, 400 for bad JSON or a body deeper or wider than the limits (checked
 * before parsing, so nothing recursive or hashing ever sees such a body).
 */
export const parseBody = (event: BodyEvent, limits: Partial<BodyLimits> = {}): ParsedBody => {
  const { maxBytes, ...shape } = { ...BODY_LIMITS, ...limits };
  bodyBytes(event, maxBytes);
  const type = mediaType(event);
  if (type === 'application/x-www-form-urlencoded') {
    const { bytes, charset } = readBody(event, maxBytes);
    return { format: 'form', value: Object.fromEntries(formPairs(bytes, charset, shape.maxKeys)) };
  }
  if (type !== 'application/json') {
    throw new UnsupportedMediaTypeError(
      `Content type ${type ?? '(none)'} is not supported; send application/json or application/x-www-form-urlencoded`,
    );
  }
  const { bytes, charset } = readBody(event, maxBytes);
  const text = decodeText(bytes, charset);
  checkJsonShape(text, shape);
  try {
    return { format: 'json', value: JSON.parse(text) };
  } catch (error) {
    throw new ValidationError('Body is not valid JSON', [{ path: 'body', message: 'not valid JSON' }], {
      cause: error,
    });
  }
};

/**
 * The fields a page's form posted (urlencoded, in its declared charset), each value without control, bidi
 * or zero-width characters (line breaks kept): 413 over `MAX_BODY_BYTES` or `BODY_LIMITS.maxKeys`
 * fields, 415 for another media type or an unreadable charset. With `emptyAllowed`, a post with no body at all (a bare button)
 * reads as no fields, whatever its type.
 */
export const pageForm = (event: BodyEvent, options: { emptyAllowed?: boolean } = {}): URLSearchParams => {
  if (options.emptyAllowed && bodyBytes(event, MAX_BODY_BYTES).length === 0) return new URLSearchParams();
  if (mediaType(event) !== 'application/x-www-form-urlencoded') {
    bodyBytes(event, MAX_BODY_BYTES);
    throw new UnsupportedMediaTypeError('Send the page form (application/x-www-form-urlencoded)');
  }
  const { bytes, charset } = readBody(event, MAX_BODY_BYTES);
  let pairs: [string, string][];
  try {
    pairs = formPairs(bytes, charset, BODY_LIMITS.maxKeys);
  } catch (error) {
    // A page's forms have a handful of fields: hundreds is an oversized form, answered as one.
    throw new PayloadTooLargeError('Form has too many fields', { cause: error });
  }
  const form = new URLSearchParams();
  for (const [name, value] of pairs) {
    form.append(cleanText(name), cleanText(value, { multiline: true }));
  }
  return form;
};

/**
 * True when the request's `Origin` names another site than the host it was sent to: state-changing page
 * forms (handoff links, lead cards, sign-in, the board) refuse such a post with 403 (docs/product-rules.md
 * §10). A missing `Origin`, or `Origin: null`, is accepted: our pages send no referrer, and browsers then
 * send `Origin: null` even on same-origin form posts; older browsers send none.
 */
export const foreignOrigin = (event: Pick<APIGatewayProxyEvent, 'headers'>): boolean => {
  const origin = header(event, 'origin');
  if (origin === undefined || origin === 'null') return false;
  const host = header(event, 'host');
  try {
    return host === undefined || new URL(origin).host !== host.toLowerCase();
  } catch {
    return true;
  }
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
