import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_LENGTHS } from '../../../shared/domain/intake-fields';
import { parseSubmission, type SubmissionContext } from '../../../shared/domain/intake-schema';
import { URGENCIES } from '../../../shared/domain/lead';
import { exampleConfig } from './fixtures';

const { roster } = exampleConfig();
const NOW = '2026-03-10T15:00:00.000Z';
/** Intake's reading: never bounce a lead with a usable contact. */
const jsonCtx: SubmissionContext = {
  format: 'json',
  mode: 'capture',
  channel: 'web_form',
  defaultCountry: 'US',
  now: NOW,
  roster,
};
const formCtx: SubmissionContext = { ...jsonCtx, format: 'form' };
/** A person's correction (`PATCH /leads/{id}`): every problem is an issue. */
const strictCtx: SubmissionContext = { ...jsonCtx, mode: 'strict' };
const strictFormCtx: SubmissionContext = { ...formCtx, mode: 'strict' };

/** A complete, well-formed JSON submission. */
const complete = (): Record<string, unknown> => ({
  fullName: '  Avery Customer ',
  phone: '(512) 555-0199',
  email: ' Avery@Example.COM ',
  serviceAddress: '12 Elm St, Round Rock, TX 78664',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Kitchen sink leaking under the cabinet',
  consent: { sms: true, email: false },
});

/** `record` without `keys`. */
const omit = (record: Record<string, unknown>, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

const issuesOf = (raw: unknown, ctx: SubmissionContext = strictCtx) => {
  const result = parseSubmission(raw, ctx);
  return result.ok ? [] : result.issues;
};
const pathsOf = (raw: unknown, ctx: SubmissionContext = strictCtx): string[] =>
  issuesOf(raw, ctx).map((issue) => issue.path);

describe('parseSubmission: well-formed leads', () => {
  it('cleans a complete JSON lead: trimmed, E.164 phone, lowercase email, zip and market from the address', () => {
    // Prepare
    const raw = complete();
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result).toEqual({
      ok: true,
      missing: [],
      warnings: [],
      details: {
        fullName: 'Avery Customer',
        phone: '+15125550199',
        email: 'avery@example.com',
        serviceAddress: '12 Elm St, Round Rock, TX 78664',
        zip: '78664',
        market: 'north',
        serviceType: 'plumbing_repair',
        urgency: 'standard',
        source: 'web_form',
        fit: 'unknown',
        notes: 'Kitchen sink leaking under the cabinet',
        consent: { sms: true, email: false, capturedAt: NOW, method: 'web_form submission' },
      },
    });
  });

  it('keeps given source, fit, consent time and method, value, campaign and external id', () => {
    // Prepare
    const raw = {
      ...complete(),
      source: 'phone',
      fit: 'good',
      campaign: 'spring-promo',
      externalId: 'call-123',
      estimatedValue: 1200,
      promisedNextStep: 'We will call back with two time slots',
      consent: { sms: true, email: true, method: 'verbal on call', capturedAt: '2026-03-10T09:55:00-05:00' },
    };
    // Act
    const result = parseSubmission(raw, { ...jsonCtx, channel: 'phone' });
    // Assess
    expect(result.ok && result.details).toMatchObject({
      source: 'phone',
      fit: 'good',
      campaign: 'spring-promo',
      externalId: 'call-123',
      estimatedValue: 1200,
      promisedNextStep: 'We will call back with two time slots',
      consent: { sms: true, email: true, method: 'verbal on call', capturedAt: '2026-03-10T14:55:00.000Z' },
    });
  });

  it('reads urgency, source, fit and service type case- and space-insensitively', () => {
    // Prepare
    const raw = {
      ...complete(),
      urgency: 'Active Loss',
      source: 'Missed-Call',
      fit: 'GOOD',
      serviceType: 'Water heater',
    };
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result.ok && result.details).toMatchObject({
      urgency: 'active_loss',
      source: 'missed_call',
      fit: 'good',
      serviceType: 'water_heater',
    });
  });

  it('uses a given market and zip over the address', () => {
    // Prepare
    const raw = { ...complete(), market: 'South', zip: '78704' };
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result.ok && { market: result.details.market, zip: result.details.zip }).toEqual({
      market: 'south',
      zip: '78704',
    });
  });

  it('leaves the market undefined for a zip outside every market (routing handles out-of-area)', () => {
    // Prepare
    const raw = { ...complete(), serviceAddress: '1 Main St, Dallas, TX 75201' };
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result.ok && { market: result.details.market, zip: result.details.zip }).toEqual({
      market: undefined,
      zip: '75201',
    });
  });

  it('recovered missed calls keep who missed them; referrals keep who referred them', () => {
    // Prepare
    const missed = { ...complete(), source: 'missed_call', missedBy: 'tomas' };
    const referral = { ...complete(), source: 'referral', referredBy: 'Neighbor at 14 Elm St' };
    // Act
    const results = [parseSubmission(missed, jsonCtx), parseSubmission(referral, jsonCtx)];
    // Assess
    expect(
      results.map((result) => result.ok && [result.details.missedBy, result.details.referredBy]),
    ).toEqual([
      ['tomas', undefined],
      [undefined, 'Neighbor at 14 Elm St'],
    ]);
  });

  it('treats null and blank values as not given', () => {
    // Prepare
    const raw = { ...complete(), campaign: null, notes: '   ', email: '' };
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result).toMatchObject({ ok: true, missing: ['notes'] });
  });
});

describe('parseSubmission: incomplete leads are stored anyway', () => {
  it('an email-only lead is incomplete, not malformed: it lists every missing handoff field', () => {
    // Prepare
    const raw = { email: 'someone@example.com' };
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result).toMatchObject({
      ok: true,
      missing: ['fullName', 'phone', 'serviceAddress', 'serviceType', 'urgency', 'notes', 'consent'],
    });
  });

  it('a zip alone is enough location: "service address or market"', () => {
    // Prepare
    const raw = omit({ ...complete(), zip: '78745' }, 'serviceAddress');
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result).toMatchObject({ ok: true, missing: [], details: { market: 'south' } });
  });

  it('referral leads keep the referral context: a referral without referredBy is missing it', () => {
    // Prepare
    const raw = { ...complete(), source: 'referral' };
    // Act
    const result = parseSubmission(raw, jsonCtx);
    // Assess
    expect(result).toMatchObject({ ok: true, missing: ['referredBy'] });
  });
});

describe('parseSubmission, strict (a correction): every problem is listed', () => {
  it.each([null, [], 'fullName=Avery', 42, true])('rejects a body that is not an object: %j', (raw) => {
    // Prepare
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([{ path: 'body', message: 'expected an object of lead fields' }]);
  });

  it('lists every unknown field, also inside consent', () => {
    // Prepare
    const raw = { ...complete(), name: 'Avery', priority: 'high', consent: { sms: true, whatsapp: true } };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([
      { path: 'consent.whatsapp', message: 'unknown field' },
      { path: 'name', message: 'unknown field' },
      { path: 'priority', message: 'unknown field' },
    ]);
  });

  it('JSON bodies need exact types', () => {
    // Prepare
    const raw = { ...complete(), fullName: 42, estimatedValue: '100', consent: { sms: 'yes', email: false } };
    // Act
    const paths = pathsOf(raw);
    // Assess
    expect(paths).toEqual(['fullName', 'estimatedValue', 'consent.sms']);
  });

  it('rejects an unknown urgency and lists the allowed values', () => {
    // Prepare
    const raw = { ...complete(), urgency: 'whenever' };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([
      { path: 'urgency', message: 'must be one of: emergency, active_loss, premium, standard, estimate' },
    ]);
  });

  it('rejects an unknown source and fit', () => {
    // Prepare
    const raw = { ...complete(), source: 'billboard', fit: 'great' };
    // Act
    const paths = pathsOf(raw);
    // Assess
    expect(paths).toEqual(['source', 'fit']);
  });

  it.each(['555-0123', '123-456-7890', 'call me', '12'])(
    'rejects the phone %j as not a valid phone number',
    (phone) => {
      // Prepare
      const raw = { ...complete(), phone };
      // Act
      const issues = issuesOf(raw);
      // Assess
      expect(issues).toEqual([{ path: 'phone', message: 'not a valid phone number' }]);
    },
  );

  it('rejects an invalid email', () => {
    // Prepare
    const raw = { ...complete(), email: 'avery@' };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([{ path: 'email', message: 'not a valid email address' }]);
  });

  it('no usable contact method: a lead without a valid phone or email is malformed', () => {
    // Prepare
    const raw = omit(complete(), 'phone', 'email');
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([
      { path: 'phone', message: 'a phone or an email is required to contact the customer' },
    ]);
  });

  it('an invalid phone without an email is both a bad phone and no contact method', () => {
    // Prepare
    const raw = omit({ ...complete(), phone: '12' }, 'email');
    // Act
    const messages = issuesOf(raw).map((issue) => issue.message);
    // Assess
    expect(messages).toEqual([
      'not a valid phone number',
      'a phone or an email is required to contact the customer',
    ]);
  });

  it('rejects a field longer than its maximum', () => {
    // Prepare
    const raw = { ...complete(), notes: 'x'.repeat(4001), fullName: 'y'.repeat(201) };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([
      { path: 'fullName', message: 'longer than 200 characters' },
      { path: 'notes', message: 'longer than 4000 characters' },
    ]);
  });

  it('rejects a negative estimated value', () => {
    // Prepare
    const raw = { ...complete(), estimatedValue: -5 };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([{ path: 'estimatedValue', message: 'must be from 0 to 10,000,000' }]);
  });

  it.each([
    [2 ** 53 + 1, 'must be from 0 to 10,000,000'],
    [1e20, 'must be from 0 to 10,000,000'],
    [1.79e308, 'must be from 0 to 10,000,000'],
    [5e-324, 'at most 2 decimal places'],
    [12.345, 'at most 2 decimal places'],
  ])('rejects the estimated value %s in JSON and in a form', (value, message) => {
    // Act
    const json = issuesOf({ ...complete(), estimatedValue: value });
    const form = issuesOf(
      { ...omit(complete(), 'consent'), 'consent.sms': 'true', estimatedValue: String(value) },
      strictFormCtx,
    );
    // Assess
    expect(json).toEqual([{ path: 'estimatedValue', message }]);
    expect(form).toHaveLength(1);
    expect(form[0]?.path).toBe('estimatedValue');
  });

  it('accepts estimated values from 0 to 10,000,000 with cents', () => {
    for (const value of [0, 0.01, 1249.5, 10_000_000]) {
      const result = parseSubmission({ ...complete(), estimatedValue: value }, jsonCtx);
      expect(result.ok && result.details.estimatedValue).toBe(value);
    }
  });

  it('removes control, bidi and zero-width characters from text, keeping line breaks only in notes', () => {
    // Act
    const result = parseSubmission(
      {
        ...complete(),
        fullName: '\u202eAvery\u0000 Cus\u200btomer\u001b',
        notes: 'Sink\r\nleaks\u2028daily\u0007',
        serviceAddress: '12 Elm St\n Round Rock, TX 78664',
      },
      jsonCtx,
    );
    // Assess
    expect(result.ok && result.details).toMatchObject({
      fullName: 'Avery Customer',
      notes: 'Sink\nleaks\ndaily',
      serviceAddress: '12 Elm St  Round Rock, TX 78664',
    });
  });

  it('rejects an unknown market, a zip that is not 5 digits and a service type not on the roster', () => {
    // Prepare
    const raw = { ...complete(), market: 'west', zip: '7866', serviceType: 'roofing' };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([
      { path: 'serviceType', message: `must be one of: ${roster.serviceTypes.join(', ')}` },
      { path: 'market', message: 'unknown market: must be one of: north, south' },
      { path: 'zip', message: 'expected a 5-digit zip code' },
    ]);
  });

  it('rejects consent details without saying yes or no to SMS or email', () => {
    // Prepare
    const raw = { ...complete(), consent: { method: 'checkbox' } };
    // Act
    const paths = pathsOf(raw);
    // Assess
    expect(paths).toEqual(['consent']);
  });

  it('rejects a consent time that is not an ISO date-time', () => {
    // Prepare
    const raw = { ...complete(), consent: { sms: true, email: true, capturedAt: 'yesterday' } };
    // Act
    const paths = pathsOf(raw);
    // Assess
    expect(paths).toEqual(['consent.capturedAt']);
  });

  it('lists every problem at once, not just the first', () => {
    // Prepare
    const raw = { fullName: 7, phone: 'nope', urgency: 'soonish', extra: 1, estimatedValue: -1 };
    // Act
    const paths = pathsOf(raw);
    // Assess
    expect(paths).toEqual(['extra', 'fullName', 'phone', 'phone', 'urgency', 'estimatedValue']);
  });
});

describe('parseSubmission: plain HTML form bodies', () => {
  const form = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    fullName: 'Avery Customer',
    phone: '512.555.0199',
    serviceAddress: '12 Elm St, Round Rock, TX 78664',
    serviceType: 'drain_cleaning',
    urgency: 'estimate',
    notes: 'Slow drain in the basement',
    ...overrides,
  });

  it('reads a ticked checkbox as consent and the absent other checkbox as no', () => {
    // Prepare
    const raw = form({ 'consent.sms': 'on' });
    // Act
    const result = parseSubmission(raw, formCtx);
    // Assess
    expect(result.ok && result.details.consent).toEqual({
      sms: true,
      email: false,
      capturedAt: NOW,
      method: 'web_form submission',
    });
  });

  it('accepts consentSms / consentEmail as flat aliases with yes/no/1/0 words', () => {
    // Prepare
    const raw = form({ consentSms: 'No', consentEmail: '1' });
    // Act
    const result = parseSubmission(raw, formCtx);
    // Assess
    expect(result.ok && [result.details.consent?.sms, result.details.consent?.email]).toEqual([false, true]);
  });

  it('consent is missing, not false, when neither consent field was sent', () => {
    // Prepare
    const raw = form();
    // Act
    const result = parseSubmission(raw, formCtx);
    // Assess
    expect(result).toMatchObject({ ok: true, missing: ['consent'] });
  });

  it('coerces numbers from numeric strings, including "$8,000"', () => {
    // Prepare
    const raw = form({ 'consent.email': 'true', estimatedValue: '$8,000' });
    // Act
    const result = parseSubmission(raw, formCtx);
    // Assess
    expect(result.ok && result.details.estimatedValue).toBe(8000);
  });

  it('treats empty strings as not given', () => {
    // Prepare
    const raw = form({ 'consent.sms': 'on', email: '', campaign: '', estimatedValue: '', fit: '' });
    // Act
    const result = parseSubmission(raw, formCtx);
    // Assess
    expect(result.ok && result.details).toEqual({
      fullName: 'Avery Customer',
      phone: '+15125550199',
      serviceAddress: '12 Elm St, Round Rock, TX 78664',
      zip: '78664',
      market: 'north',
      serviceType: 'drain_cleaning',
      urgency: 'estimate',
      source: 'web_form',
      fit: 'unknown',
      notes: 'Slow drain in the basement',
      consent: { sms: true, email: false, capturedAt: NOW, method: 'web_form submission' },
    });
  });

  it('rejects unreadable booleans, numbers, repeated keys and unknown fields', () => {
    // Prepare
    const raw = form({ 'consent.sms': 'maybe', estimatedValue: 'lots', notes: ['a', 'b'], color: 'blue' });
    // Act
    const paths = pathsOf(raw, strictFormCtx);
    // Assess
    expect(paths).toEqual(['notes', 'color', 'estimatedValue', 'consent.sms']);
  });
});

describe('parseSubmission: property', () => {
  const TEXT_FIELDS = [
    'fullName',
    'phone',
    'email',
    'serviceAddress',
    'campaign',
    'notes',
    'referredBy',
  ] as const;
  const KNOWN = new Set([
    ...Object.keys(complete()),
    'market',
    'zip',
    'source',
    'fit',
    'estimatedValue',
    'campaign',
  ]);

  const wrongType = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.object(),
  );
  const malformed = fc.oneof(
    // not an object at all
    fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.anything(), { maxLength: 3 }),
    ),
    // a text field with the wrong type
    fc.record({ field: fc.constantFrom(...TEXT_FIELDS), value: wrongType }).map(({ field, value }) => ({
      ...complete(),
      [field]: value,
    })),
    // unknown fields
    fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((key) => !KNOWN.has(key) && key !== '__proto__')
      .map((key) => ({ ...complete(), [key]: 'x' })),
    // enums outside their lists
    fc
      .record({
        field: fc.constantFrom('urgency', 'source', 'fit'),
        value: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
      })
      .filter(({ value }) => !(URGENCIES as readonly string[]).includes(value.trim().toLowerCase()))
      .filter(({ value }) => !/^\s*(web|phone|missed|referral|other|good|poor|unknown)/i.test(value))
      .map(({ field, value }) => ({ ...complete(), [field]: value })),
    // phones that cannot be valid
    fc.stringMatching(/^[0-9]{1,6}$/).map((phone) => ({ ...complete(), phone })),
    // oversized fields
    fc
      .record({ field: fc.constantFrom(...TEXT_FIELDS), extra: fc.integer({ min: 1, max: 300 }) })
      .map(({ field, extra }) => ({
        ...complete(),
        [field]: 'x'.repeat((MAX_FIELD_LENGTHS[field] ?? 500) + extra),
      })),
    // negative or non-numeric values, and consent of the wrong shape
    fc
      .oneof(fc.integer({ max: -1 }), fc.string())
      .map((estimatedValue) => ({ ...complete(), estimatedValue })),
    fc.oneof(fc.string(), fc.integer(), fc.boolean()).map((consent) => ({ ...complete(), consent })),
  );

  it('strict: every malformed payload (300 generated) is rejected with a path and a message for each issue', () => {
    // Prepare
    const rejectedWithReasons = (raw: unknown): boolean => {
      const result = parseSubmission(raw, strictCtx);
      return (
        !result.ok &&
        result.issues.length > 0 &&
        result.issues.every((issue) => issue.path.length > 0 && issue.message.length > 0)
      );
    };
    // Act
    const outcome = fc.check(fc.property(malformed, rejectedWithReasons), { numRuns: 300 });
    // Assess
    expect({ failed: outcome.failed, counterexample: outcome.counterexample, runs: outcome.numRuns }).toEqual(
      {
        failed: false,
        counterexample: null,
        runs: 300,
      },
    );
  });
});
