/**
 * Reads environment variables once per cold start (their names are `ENV` of `shared/settings.ts`,
 * shared with `infra/`, which sets them). A missing or malformed variable fails loudly.
 */
import * as z from 'zod';
import { ConfigError } from './errors';

/** Validates `source` (default `process.env`) against `shape`; every problem is listed. */
export const readEnv = <T extends z.ZodRawShape>(
  shape: T,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> => {
  const result = z.object(shape).safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      'Invalid environment',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
};
