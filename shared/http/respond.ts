/**
 * Building API Gateway proxy responses, and the one mapping from domain errors to HTTP. Details are
 * shown only for client errors; anything else is a generic 500 with the error in the log, never in
 * the response.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const html = (statusCode: number, body: string): APIGatewayProxyResult => ({
  statusCode,
  headers: {
    ...BASE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  },
  body,
});

/** A plain-text answer a person reads in the browser (no markup, no JSON). */
export const text = (statusCode: number, body: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  body,
});

export const redirect = (location: string): APIGatewayProxyResult => ({
  statusCode: 303,
  headers: { ...BASE_HEADERS, location },
  body: '',
});

export interface ErrorBody {
  error: string;
  message?: string;
  issues?: { path: string; message: string }[];
}

/** Status and body for an error; `undefined` status means "unexpected" (log it, answer 500). */
export const describeError = (error: unknown): { statusCode: number; body: ErrorBody; expected: boolean } => {
  if (error instanceof ValidationError) {
    return { statusCode: 400, body: { error: 'validation_failed', issues: error.issues }, expected: true };
  }
  const known: [new (...args: never[]) => Error, number, string][] = [
    [UnauthorizedError, 401, 'unauthorized'],
    [ForbiddenError, 403, 'forbidden'],
    [NotFoundError, 404, 'not_found'],
    [ConflictError, 409, 'conflict'],
    [GoneError, 410, 'gone'],
    [PayloadTooLargeError, 413, 'payload_too_large'],
    [UnsupportedMediaTypeError, 415, 'unsupported_media_type'],
  ];
  for (const [type, statusCode, code] of known) {
    if (error instanceof type)
      return { statusCode, body: { error: code, message: error.message }, expected: true };
  }
  return { statusCode: 500, body: { error: 'internal_error' }, expected: false };
};
