/**
 * The error hierarchy. Adapters turn SDK error codes into these; `shared/http/respond.ts` maps them to
 * HTTP. Every class keeps `cause`, and only `ValidationError` carries details meant for a caller.
 */

/** One problem with an input, by field path (`consent.sms`, `phone`, `body`). */
export interface Issue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The input is malformed: nothing was stored. */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly issues: Issue[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The configuration (business settings, roster, environment) is invalid. */
export class ConfigError extends AppError {
  constructor(
    message: string,
    readonly issues: Issue[] = [],
    options?: ErrorOptions,
  ) {
    super(
      issues.length ? `${message}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : message,
      options,
    );
  }
}

export class NotFoundError extends AppError {}

/** The thing exists but is in a state that forbids the request (stale version, already resolved...). */
export class ConflictError extends AppError {}

/** A create found the key already taken. */
export class AlreadyExistsError extends ConflictError {}

/** The link or record has expired. */
export class GoneError extends AppError {}

export class UnauthorizedError extends AppError {}
export class ForbiddenError extends AppError {}
export class PayloadTooLargeError extends AppError {}
export class UnsupportedMediaTypeError extends AppError {}

/** A dependency failed in a way worth retrying (throttling, timeout, 5xx). */
export class TransientError extends AppError {}

/** A message could not be delivered; `permanent` failures (opted out, invalid number) are not retried. */
export class DeliveryError extends AppError {
  constructor(
    message: string,
    readonly reason: 'opted_out' | 'invalid_number' | 'no_address' | 'throttled' | 'unavailable' | 'rejected',
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
