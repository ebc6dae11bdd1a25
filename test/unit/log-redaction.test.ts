import { describe, expect, it } from 'vitest';
import { newLeadId } from '../../shared/ids';
import { EMAIL_MASK, PHONE_MASK, REDACTED, redact, redactText } from '../../shared/log-redaction';

describe('redact: keys that name personal data', () => {
  it.each([
    ['fullName', 'Ana Diaz'],
    ['name', 'Ana Diaz'],
    ['firstName', 'Ana'],
    ['lastName', 'Diaz'],
    ['customerName', 'Ana Diaz'],
    ['phone', '+15125550199'],
    ['phoneNumber', '+15125550199'],
    ['PhoneNumber', '+15125550199'],
    ['to', '+15125550199'],
    ['email', 'ana@example.com'],
    ['emailAddress', 'ana@example.com'],
    ['address', '400 Main St'],
    ['serviceAddress', '400 Main St, Round Rock TX 78664'],
    ['notes', 'Water leaking under the kitchen sink'],
    ['body', 'Lead Ana Diaz: call her back'],
    ['subject', 'New lead: Ana Diaz'],
    ['referredBy', 'Bob Stone'],
    ['text', 'Customer moved to Dallas'],
    ['summary', 'SMS sent to Tomás Vega (tech)'],
  ])('masks the value of %s', (key, value) => {
    // Prepare
    const attributes = { [key]: value, leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2' };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ [key]: REDACTED, leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2' });
  });

  it('matches keys in any case', () => {
    // Prepare
    const attributes = { FULLNAME: 'Ana Diaz', Email: 'ana@example.com', PHONE: '5125550199' };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ FULLNAME: REDACTED, Email: REDACTED, PHONE: REDACTED });
  });

  it('masks the whole value when it is an object or a number', () => {
    // Prepare
    const attributes = { to: { id: 'tomas', name: 'Tomás Vega' }, phone: 5125550199 };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ to: REDACTED, phone: REDACTED });
  });

  it('masks personal keys at any depth, inside objects and arrays', () => {
    // Prepare
    const attributes = {
      lead: { id: 'L1', contact: { fullName: 'Ana Diaz', email: 'ana@example.com' }, urgency: 'emergency' },
      messages: [
        { to: '+15125550199', body: 'Call Ana', lane: 'urgent' },
        { to: 'ana@example.com', subject: 'New lead', body: 'Call Ana', recipientId: 'tomas' },
      ],
    };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({
      lead: { id: 'L1', contact: { fullName: REDACTED, email: REDACTED }, urgency: 'emergency' },
      messages: [
        { to: REDACTED, body: REDACTED, lane: 'urgent' },
        { to: REDACTED, subject: REDACTED, body: REDACTED, recipientId: 'tomas' },
      ],
    });
  });

  it('keeps a name that is an error class, not a person', () => {
    // Prepare
    const attributes = {
      error: { name: 'TransientError' },
      cause: { name: 'ConditionalCheckFailedException' },
    };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual(attributes);
  });

  it('leaves absent values absent', () => {
    // Prepare
    const attributes = { email: undefined, phone: null };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ email: undefined, phone: null });
  });
});

describe('redact: phone numbers and emails inside strings', () => {
  it.each([
    ['E.164', 'customer +15125550199 called', `customer ${PHONE_MASK} called`],
    ['E.164 with spaces', 'call +1 512 555 0199 now', `call ${PHONE_MASK} now`],
    ['E.164 with parentheses', 'call +1 (512) 555-0199.', `call ${PHONE_MASK}.`],
    ['international', 'UK +44 20 7946 0958', `UK ${PHONE_MASK}`],
    ['(512) 555-0199', 'phone (512) 555-0199 busy', `phone ${PHONE_MASK} busy`],
    ['512-555-0199', 'phone 512-555-0199 busy', `phone ${PHONE_MASK} busy`],
    ['512.555.0199', 'phone 512.555.0199 busy', `phone ${PHONE_MASK} busy`],
    ['512 555 0199', 'phone 512 555 0199 busy', `phone ${PHONE_MASK} busy`],
    ['1-512-555-0199', 'phone 1-512-555-0199 busy', `phone ${PHONE_MASK} busy`],
    ['a 10-digit run', 'phone 5125550199 busy', `phone ${PHONE_MASK} busy`],
    ['an 11-digit run', 'phone 15125550199 busy', `phone ${PHONE_MASK} busy`],
    ['an email', 'write to ana.diaz+leads@mail.example.com today', `write to ${EMAIL_MASK} today`],
    ['several at once', 'ana@example.com or 512-555-0199', `${EMAIL_MASK} or ${PHONE_MASK}`],
  ])('masks %s', (_label, text, expected) => {
    // Prepare
    const attributes = { reason: text };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ reason: expected });
  });

  it('masks strings inside arrays and nested objects', () => {
    // Prepare
    const attributes = {
      issues: [{ path: 'phone', detail: 'not a number: 512-555-0199' }],
      tags: ['x@y.io'],
    };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({
      issues: [{ path: 'phone', detail: `not a number: ${PHONE_MASK}` }],
      tags: [EMAIL_MASK],
    });
  });
});

describe('redact: what is not personal data stays intact', () => {
  it.each([
    ['a lead id', '01KAB2C3D4E5F6G7H8J9K0M1N2'],
    ['an external lead id', 'X4K2M9Q0R7T1V3W5Y8Z6A2B4C7'],
    ['an ISO timestamp', '2026-11-18T16:00:00.000Z'],
    ['an ISO timestamp with an offset', '2026-11-18T10:00:00-06:00'],
    ['a date', '2026-11-18'],
    ['a time', '16:05:00'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['a UUID with all-digit groups', '12345678-1234-1234-1234-123456789012'],
    ['an ARN with an account id', 'arn:aws:sqs:us-east-1:123456789012:lead-handoff-dispatch'],
    ['a Lambda ARN', 'arn:aws:lambda:local:000000000000:function:notifier'],
    ['a timer name', 'handoff-01KAB2C3D4E5F6G7H8J9K0M1N2-3'],
    ['a zip code', '78664'],
    ['a dollar amount', '$12,500'],
    ['a seq in text', 'seq 3 of lead 01KAB2C3D4E5F6G7H8J9K0M1N2 escalated at step 2'],
    ['a SHA-256 hash', 'a3f1c2e4b5d6978812345678901234567890abcdef1234567890abcdef123456'],
    ['a code location', '/work/main/shared/app/link-service.ts:212'],
  ])('keeps %s', (_label, text) => {
    // Prepare
    const attributes = { value: text };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ value: text });
  });

  it('keeps numbers, booleans, dates and non-personal keys', () => {
    // Prepare
    const at = new Date('2026-11-18T16:00:00Z');
    const attributes = {
      leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2',
      seq: 3,
      epochMs: 1_763_481_600_000,
      duplicate: false,
      at,
      status: 'needs_info',
      recipientId: 'tomas',
      reason: 'missing_address',
    };

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual(attributes);
  });

  it('keeps every generated lead id as it is (1,000 random ids)', () => {
    // Prepare
    const ids = Array.from({ length: 1_000 }, (_, i) =>
      newLeadId(new Date(1_763_481_600_000 + i * 7_919_000)),
    );

    // Act
    const redacted = ids.map((id) => redactText(`lead ${id} dispatched`));

    // Assess
    expect(redacted).toEqual(ids.map((id) => `lead ${id} dispatched`));
  });
});

describe('redact: errors', () => {
  it('keeps the class name and location, and masks a phone in the message and the stack', () => {
    // Prepare
    class TransientError extends Error {
      override name = 'TransientError';
    }
    const error = new TransientError('SNS refused +15125550199');

    // Act
    const redacted = redact({ error }) as { error: Record<string, unknown> };

    // Assess
    expect(redacted.error.name).toBe('TransientError');
    expect(redacted.error.message).toBe(`SNS refused ${PHONE_MASK}`);
    expect(redacted.error.location).toMatch(/\.[cm]?[jt]s:\d+$/);
    expect(String(redacted.error.stack)).toContain(`TransientError: SNS refused ${PHONE_MASK}`);
    expect(String(redacted.error.stack)).toMatch(/\n\s+at .*log-redaction\.test\.ts:\d+:\d+/);
    expect(JSON.stringify(redacted)).not.toContain('5125550199');
  });

  it('redacts the cause and the error own fields by the same rules', () => {
    // Prepare
    const cause = new Error('mail to ana@example.com bounced');
    const error = Object.assign(new Error('delivery failed', { cause }), {
      reason: 'invalid_number',
      to: '+15125550199',
      issues: [{ path: 'phone', message: 'bad number 512-555-0199' }],
    });

    // Act
    const redacted = redact(error) as Record<string, unknown>;

    // Assess
    expect(redacted).toMatchObject({
      name: 'Error',
      message: 'delivery failed',
      cause: { name: 'Error', message: `mail to ${EMAIL_MASK} bounced` },
      reason: 'invalid_number',
      to: REDACTED,
      issues: [{ path: 'phone', message: `bad number ${PHONE_MASK}` }],
    });
  });

  it('turns an error into a plain object, so no serializer reads the raw error again', () => {
    // Prepare
    const error = new Error('x');

    // Act
    const redacted = redact({ error }) as { error: unknown };

    // Assess
    expect(redacted.error).not.toBeInstanceOf(Error);
  });
});

describe('redact: copying', () => {
  it('does not change what it was given', () => {
    // Prepare
    const attributes = { lead: { fullName: 'Ana Diaz', notes: 'call 512-555-0199' } };
    const before = structuredClone(attributes);

    // Act
    redact(attributes);

    // Assess
    expect(attributes).toEqual(before);
  });

  it('survives a circular reference', () => {
    // Prepare
    const attributes: Record<string, unknown> = { id: 'L1' };
    attributes.self = attributes;

    // Act
    const redacted = redact(attributes);

    // Assess
    expect(redacted).toEqual({ id: 'L1', self: '[circular]' });
  });

  it('copies an object seen twice (not a cycle) both times', () => {
    // Prepare
    const shared = { email: 'ana@example.com', seq: 1 };

    // Act
    const redacted = redact({ a: shared, b: shared });

    // Assess
    expect(redacted).toEqual({ a: { email: REDACTED, seq: 1 }, b: { email: REDACTED, seq: 1 } });
  });
});
