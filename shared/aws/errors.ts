/**
 * Turns AWS SDK errors into the domain errors of `shared/errors.ts`, so use cases and the HTTP mapper
 * never look at SDK error names. Every mapped error keeps the original as `cause`.
 */
import { AppError, ConflictError, TransientError } from '../errors';

/** SDK error names worth retrying: throttling, server-side faults and timeouts. */
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'KMS.ThrottlingException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalServerError',
  'InternalServerErrorException',
  'InternalServerException',
  'InternalErrorException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node socket error codes that mean "the request may not have reached the service". */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $retryable?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const shapeOf = (error: unknown): SdkErrorShape =>
  typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};

/** An error the service answered with (as opposed to a bug in our code). */
export const isServiceError = (error: unknown): boolean => {
  const shape = shapeOf(error);
  return shape.$fault === 'client' || shape.$fault === 'server' || shape.$metadata !== undefined;
};

/** The SDK error name (`ConditionalCheckFailedException`, ...), or undefined for non-errors. */
export const errorName = (error: unknown): string | undefined => {
  const { name } = shapeOf(error);
  return typeof name === 'string' ? name : undefined;
};

/** True when a DynamoDB conditional write was refused because its condition did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  errorName(error) === 'ConditionalCheckFailedException';

/** True for throttling, 5xx, timeouts and dropped connections: failures a retry may fix. */
export const isTransient = (error: unknown): boolean => {
  const shape = shapeOf(error);
  const name = errorName(error);
  if (name !== undefined && TRANSIENT_NAMES.has(name)) return true;
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return true;
  if (typeof shape.message === 'string' && /socket hang up/i.test(shape.message)) return true;
  if (shape.$retryable !== undefined && shape.$retryable !== null && shape.$retryable !== false) return true;
  if (shape.$fault === 'server') return true;
  const status = shape.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
};

/**
 * Maps an SDK error to a domain error: a failed condition becomes `ConflictError`, a retryable failure
 * `TransientError` (both with `cause`); domain errors and anything else come back unchanged, so the
 * caller can always `throw toDomainError(error, 'context')`.
 */
export const toDomainError = (error: unknown, context: string): Error => {
  if (error instanceof AppError) return error;
  if (isConditionalCheckFailed(error)) {
    return new ConflictError(`${context}: the stored item changed or is missing`, { cause: error });
  }
  if (isTransient(error)) {
    return new TransientError(`${context}: ${errorName(error) ?? 'dependency failure'}`, { cause: error });
  }
  if (error instanceof Error) return error;
  return new Error(`${context}: ${String(error)}`, { cause: error });
};

/** A stored item that does not have the shape the adapter wrote: a bug or a manual edit, never retried. */
export class CorruptItemError extends AppError {}
