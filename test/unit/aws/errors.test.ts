import { describe, expect, it } from 'vitest';
import { errorName, isConditionalCheckFailed, isTransient, toDomainError } from '../../../shared/aws/errors';
import { ConflictError, NotFoundError, TransientError } from '../../../shared/errors';

const sdkError = (name: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: {}, ...extra });

describe('errorName', () => {
  it('reads the SDK error name', () => {
    // Prepare
    const error = sdkError('ResourceNotFoundException');

    // Act
    const name = errorName(error);

    // Assess
    expect(name).toBe('ResourceNotFoundException');
  });

  it('is undefined for something that is not an error', () => {
    // Prepare
    const thrown = 'a string';

    // Act
    const name = errorName(thrown);

    // Assess
    expect(name).toBeUndefined();
  });
});

describe('isTransient', () => {
  it.each([
    ['throttling', sdkError('ThrottlingException')],
    ['exceeded throughput', sdkError('ProvisionedThroughputExceededException')],
    ['a 500', sdkError('SomethingBroke', { $metadata: { httpStatusCode: 500 } })],
    ['a 503', sdkError('Unknown', { $metadata: { httpStatusCode: 503 } })],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a hung-up socket', new Error('socket hang up')],
    ['an SDK-retryable error', sdkError('Whatever', { $retryable: { throttling: false } })],
  ])('is true for %s', (_label, error) => {
    // Prepare
    // Act
    const transient = isTransient(error);

    // Assess
    expect(transient).toBe(true);
  });

  it.each([
    ['a validation error', sdkError('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    [
      'a failed condition',
      sdkError('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['a plain bug', new TypeError('x is undefined')],
    ['a non-error', undefined],
  ])('is false for %s', (_label, error) => {
    // Prepare
    // Act
    const transient = isTransient(error);

    // Assess
    expect(transient).toBe(false);
  });
});

describe('toDomainError', () => {
  it('turns a failed condition into a conflict keeping the cause', () => {
    // Prepare
    const error = sdkError('ConditionalCheckFailedException');

    // Act
    const mapped = toDomainError(error, 'Writing lead L1');

    // Assess
    expect(isConditionalCheckFailed(error)).toBe(true);
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toMatch(/^Writing lead L1: /);
  });

  it('turns throttling into a transient error keeping the cause', () => {
    // Prepare
    const error = sdkError('ThrottlingException');

    // Act
    const mapped = toDomainError(error, 'Reading lead L1');

    // Assess
    expect(mapped).toBeInstanceOf(TransientError);
    expect(mapped.cause).toBe(error);
  });

  it('returns a domain error unchanged', () => {
    // Prepare
    const error = new NotFoundError('no such lead');

    // Act
    const mapped = toDomainError(error, 'Reading lead L1');

    // Assess
    expect(mapped).toBe(error);
  });

  it('returns any other error unchanged', () => {
    // Prepare
    const error = sdkError('ValidationException', { $metadata: { httpStatusCode: 400 } });

    // Act
    const mapped = toDomainError(error, 'Reading lead L1');

    // Assess
    expect(mapped).toBe(error);
  });

  it('wraps a thrown non-error in an error with context', () => {
    // Prepare
    const thrown = 'boom';

    // Act
    const mapped = toDomainError(thrown, 'Reading lead L1');

    // Assess
    expect(mapped.message).toBe('Reading lead L1: boom');
    expect(mapped.cause).toBe('boom');
  });
});
