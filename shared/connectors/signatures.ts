/**
 * The checks sources sign their webhooks with, each compared in constant time. Connectors call these
 * with their own header names and encodings, as each source's documentation gives them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HookRequest } from './connector';

/** Constant-time equality of two strings (false when their lengths differ). */
export const sameSecret = (given: string | undefined, expected: string): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** HMAC of `data` with `key`, encoded as the source encodes it. */
export const hmac = (
  algorithm: 'sha1' | 'sha256',
  key: string,
  data: string | Buffer,
  encoding: 'base64' | 'hex',
): string => createHmac(algorithm, key).update(data).digest(encoding);

/** The user and password of an HTTP Basic `Authorization` header, if it is one. */
export const basicCredentials = (request: HookRequest): { user: string; password: string } | undefined => {
  const value = request.headers.authorization;
  const match = value === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/** The urlencoded form fields of the body (repeated names keep their first value). */
export const formFields = (request: HookRequest): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.rawBody.toString('utf8'))) {
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
};

/** The JSON body, or undefined when it is not JSON. */
export const jsonBody = (request: HookRequest): unknown => {
  try {
    return JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
};
