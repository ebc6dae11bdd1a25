/**
 * Page cursors: a query's `LastEvaluatedKey` handed out as opaque base64url text, and read back only if
 * it is exactly the kind of key the list hands out. A forged cursor (wrong attributes, an empty or
 * oversized key, a key that names another partition or another item) is a `ValidationError` (400) before
 * DynamoDB sees it, never a DynamoDB error (500).
 */
import { ValidationError } from '../errors';

/**
 * The longest cursor read back, in characters. A real one is a few hundred; DynamoDB's own key limits
 * (partition key 2,048 bytes, sort key 1,024 bytes) are far above anything this app writes.
 */
export const MAX_CURSOR_LENGTH = 1024;

/** The longest key attribute value accepted in a cursor, in UTF-8 bytes (a sort key's DynamoDB limit). */
const MAX_KEY_BYTES = 1024;

/** A `LastEvaluatedKey` as an opaque cursor. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const invalid = (cause?: unknown): ValidationError =>
  new ValidationError(
    'Invalid cursor',
    [{ path: 'cursor', message: 'not a cursor returned by this list' }],
    cause === undefined ? undefined : { cause },
  );

/**
 * Reads a cursor back into the key it encodes: exactly the attributes `names`, each a non-empty string of
 * at most 1,024 bytes, and `check` (the list's own rule: its partition, matching item and index keys)
 * holding. Anything else is a `ValidationError` on `cursor`.
 */
export const decodeCursor = <K extends string>(
  cursor: string,
  names: readonly K[],
  check: (key: Readonly<Record<K, string>>) => boolean,
): Record<K, string> => {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalid(error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  if (entries.length !== names.length) throw invalid();
  const key: Partial<Record<K, string>> = {};
  for (const [name, value] of entries) {
    const known = names.find((wanted) => wanted === name);
    if (known === undefined || typeof value !== 'string' || value === '') throw invalid();
    if (Buffer.byteLength(value, 'utf8') > MAX_KEY_BYTES) throw invalid();
    key[known] = value;
  }
  const complete = key as Record<K, string>;
  if (!check(complete)) throw invalid();
  return complete;
};
