/**
 * Intake's capture (docs/product-rules.md §2, issue 15 "never bounce a lead"): only what cannot be a lead
 * is refused; everything else is stored with warnings, unknown fields kept under `extra` (bounded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureWords } from '../../../shared/domain/capture-words';
import { EXTRA_LIMITS, MAX_WARNINGS, withCapture } from '../../../shared/domain/intake-extra';
import { parseSubmission, type SubmissionContext } from '../../../shared/domain/intake-schema';
import { exampleConfig } from './fixtures';

const { roster } = exampleConfig();
const NOW = '2026-03-10T15:00:00.000Z';
const ctx: SubmissionContext = {
  format: 'json',
  mode: 'capture',
  channel: 'web_form',
  defaultCountry: 'US',
  now: NOW,
  roster,
};
const formCtx: SubmissionContext = { ...ctx, format: 'form' };

/** A complete submission: routed when nothing is odd. */
const complete = (): Record<string, unknown> => ({
  fullName: 'Avery Customer',
  phone: '(512) 555-0199',
  serviceAddress: '12 Elm St, Round Rock, TX 78664',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Kitchen sink leaking under the cabinet',
  consent: { sms: true, email: false },
});

const captured = (raw: unknown, context: SubmissionContext = ctx) => {
  const result = parseSubmission(raw, context);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
  return result;
};

describe('capture: unknown fields are kept under extra, with a warning', () => {
  it('a Twilio-like post: From, CallSid and friends are kept as text; the lead is complete', () => {
    // Act
    const result = captured({ ...complete(), From: '+15125550199', CallSid: 'CA123', Duration: 42 });
    // Assess
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual({ From: '+15125550199', CallSid: 'CA123', Duration: '42' });
    expect(result.warnings).toEqual(
      ['From', 'CallSid', 'Duration'].map((field) => ({
        field,
        message: 'Not a lead field: kept as sent under “extra”.',
      })),
    );
  });

  it('fields sent inside the submission’s own extra object are kept without a warning', () => {
    // Act
    const result = captured({ ...complete(), extra: { adgroup_id: 991, form: { id: 7 } } });
    // Assess
    expect(result.extra).toEqual({ adgroup_id: '991', form: '{"id":7}' });
    expect(result.warnings).toEqual([]);
  });

  it('an unknown part of consent is kept as consent.<name>', () => {
    // Act
    const result = captured({ ...complete(), consent: { sms: true, whatsapp: true } });
    // Assess
    expect(result.extra).toEqual({ 'consent.whatsapp': 'true' });
    expect(result.details.consent?.sms).toBe(true);
  });

  it('bounds: at most 30 fields, names cleaned and cut to 64, values cut to 500, blanks and unsafe names skipped', () => {
    // Prepare
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}`, `answer ${i}`]));
    const raw = {
      ...complete(),
      ' na\u0000me\u202e ': 'Ana',
      ['k'.repeat(100)]: 'long name',
      long: 'v'.repeat(2000),
      blank: '   ',
      nothing: null,
      __proto__: 'x',
      ...many,
    };
    // Act
    const result = captured(raw);
    // Assess
    const extra = result.extra ?? {};
    expect(Object.keys(extra)).toHaveLength(EXTRA_LIMITS.keys);
    expect(extra.name).toBe('Ana');
    expect(Object.keys(extra).every((key) => key.length <= EXTRA_LIMITS.keyLength)).toBe(true);
    expect(Object.values(extra).every((value) => value.length <= EXTRA_LIMITS.valueLength)).toBe(true);
    expect(extra.long).toHaveLength(EXTRA_LIMITS.valueLength);
    expect(Object.hasOwn(extra, 'blank') || Object.hasOwn(extra, 'nothing')).toBe(false);
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(result.warnings.at(-1)).toEqual({
      field: 'extra',
      message: '13 more fields were left out: at most 30 fields we do not read are kept, each with a name.',
    });
    expect(result.warnings.find((w) => w.field === 'long')?.message).toBe(
      'Not a lead field: kept as sent under “extra”, cut to 500 characters.',
    );
  });
});

describe('capture: values outside our vocabulary are kept as the customer’s words', () => {
  it('an unknown market: the area counts as missing (needs_info), the words are kept', () => {
    // Act
    const result = captured({ ...complete(), serviceAddress: undefined, market: 'north side' });
    // Assess
    expect(result.missing).toEqual(['serviceAddress']);
    expect(result.details.market).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        field: 'market',
        message: 'The customer wrote the area as “north side”: we could not match it to a market.',
        words: 'north side',
      },
    ]);
  });

  it.each([
    ['78704', 'south', '78704'],
    ['Austin, TX 78745-1234', 'south', '78745'],
    ['South Austin / Buda', 'south', undefined],
    ['NORTH', 'north', undefined],
  ])('a market given as %j is the market that lists it', (market, id, zip) => {
    // Act
    const result = captured({ ...complete(), serviceAddress: undefined, market });
    // Assess
    expect({ market: result.details.market, zip: result.details.zip }).toEqual({ market: id, zip });
    expect(result.missing).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('a zip in the market that no market lists: kept as the zip, with a warning', () => {
    // Act
    const result = captured({ ...complete(), serviceAddress: undefined, market: '75201' });
    // Assess
    expect(result.details.zip).toBe('75201');
    expect(result.details.market).toBeUndefined();
    expect(result.warnings.map((w) => w.field)).toEqual(['market']);
  });

  it('an unknown urgency routes as standard until a person decides', () => {
    // Act
    const result = captured({ ...complete(), urgency: 'asap!!' });
    // Assess
    expect(result.details.urgency).toBe('standard');
    expect(result.missing).toEqual([]);
    expect(result.warnings).toEqual([
      {
        field: 'urgency',
        message:
          'The customer wrote the urgency as “asap!!”: we could not match it, so it is treated as standard until a person decides.',
        words: 'asap!!',
      },
    ]);
  });

  it('an unknown service type counts as missing; an unknown fit is unknown; an unknown source is the key’s', () => {
    // Act
    const result = captured({ ...complete(), serviceType: 'roof leak', fit: 'great', source: 'billboard' });
    // Assess
    expect(result.missing).toEqual(['serviceType']);
    expect(result.details).toMatchObject({ fit: 'unknown', source: 'web_form' });
    expect(result.details.serviceType).toBeUndefined();
    expect(result.warnings.map((w) => [w.field, w.words])).toEqual([
      ['source', 'billboard'],
      ['fit', 'great'],
      ['serviceType', 'roof leak'],
    ]);
    expect(result.warnings.find((w) => w.field === 'source')?.message).toContain('recorded as Web form');
  });
});

describe('capture: what cannot be used is left out, with a warning', () => {
  it('a wrong type in an optional field is dropped', () => {
    // Act
    const result = captured({
      ...complete(),
      campaign: { id: 1 },
      estimatedValue: 'lots',
      promisedNextStep: 12,
      zip: '7866',
    });
    // Assess
    expect(result.details.campaign).toBeUndefined();
    expect(result.details.estimatedValue).toBeUndefined();
    expect(result.details.promisedNextStep).toBeUndefined();
    expect(result.details.zip).toBe('78664'); // from the address
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Campaign was not text: left out.',
      'Promised next step was not text: left out.',
      'Estimated value “lots” is not an amount: left out.',
      'The zip “7866” is not a 5-digit zip code: left out.',
    ]);
  });

  it('consent that says nothing readable is left out (the lead needs it); a bad consent time uses intake’s', () => {
    // Act
    const bad = captured({ ...complete(), consent: 'yes please' });
    const time = captured({ ...complete(), consent: { sms: 'yes', email: false, capturedAt: 'yesterday' } });
    // Assess
    expect(bad.missing).toEqual(['consent']);
    expect(bad.warnings.map((w) => w.message)).toEqual(['Consent was not understood: left out.']);
    expect(time.details.consent).toEqual({
      sms: true,
      email: false,
      capturedAt: NOW,
      method: 'web_form submission',
    });
    expect(time.warnings.map((w) => w.field)).toEqual(['consent.capturedAt']);
  });

  it('a JSON number in the phone, zip or id is read as its digits; an amount as text is read', () => {
    // Act
    const result = captured({
      ...complete(),
      phone: 5125550199,
      zip: 78745,
      externalId: 991,
      estimatedValue: '$1,200',
    });
    // Assess
    expect(result.details).toMatchObject({
      phone: '+15125550199',
      zip: '78745',
      externalId: '991',
      estimatedValue: 1200,
    });
    expect(result.warnings).toEqual([]);
  });

  it('control, bidi and zero-width characters are removed, with a warning', () => {
    // Act
    const result = captured({
      ...complete(),
      fullName: 'Avery\u202e Cus\u200btomer\u0000',
      notes: 'Sink\r\nleaks',
    });
    // Assess
    expect(result.details).toMatchObject({ fullName: 'Avery Customer', notes: 'Sink\nleaks' });
    expect(result.warnings).toEqual([
      {
        field: 'fullName',
        message:
          'Customer name carried invisible characters (controls, direction marks or zero-width): removed.',
      },
    ]);
  });

  it('text longer than its field is cut to fit', () => {
    // Act
    const result = captured({ ...complete(), notes: 'x'.repeat(5000) });
    // Assess
    expect(result.details.notes).toHaveLength(4000);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'What the customer asked was longer than 4,000 characters: cut to fit.',
    ]);
  });

  it('an invalid email with a valid phone is dropped; an invalid phone with a valid email too (phone then missing)', () => {
    // Act
    const badEmail = captured({ ...complete(), email: 'avery@' });
    const badPhone = captured({ ...complete(), phone: '555-12', email: 'avery@example.com' });
    // Assess
    expect(badEmail.details.email).toBeUndefined();
    expect(badEmail.warnings.map((w) => w.message)).toEqual([
      'The email address “avery@” does not look right: left out.',
    ]);
    expect(badPhone.details.phone).toBeUndefined();
    expect(badPhone.missing).toEqual(['phone']);
    expect(badPhone.warnings.map((w) => [w.field, w.words])).toEqual([['phone', '555-12']]);
  });

  it('consent sent as one form field is kept under extra; the lead still needs consent', () => {
    // Prepare
    const { consent: _consent, ...fields } = complete();
    // Act
    const result = captured({ ...fields, consent: 'on' }, formCtx);
    // Assess
    expect(result.missing).toEqual(['consent']);
    expect(result.extra).toEqual({ consent: 'on' });
    expect(result.warnings.map((w) => w.field)).toEqual(['consent']);
  });

  it('a form field sent twice keeps its first value', () => {
    // Act
    const { consent: _consent, ...fields } = complete();
    const result = captured({ ...fields, notes: ['', 'Drain', 'Sink'] }, formCtx);
    // Assess
    expect(result.details.notes).toBe('Drain');
    expect(result.warnings.map((w) => w.message)).toEqual([
      'What the customer asked was sent more than once: the first is kept.',
    ]);
  });
});

describe('capture: refused only without a usable contact', () => {
  it.each([
    [{ fullName: 'Avery', notes: 'Call me' }, ['phone']],
    [{ phone: '12', fullName: 'Avery' }, ['phone', 'phone']],
    [{ phone: 'call me', email: 'avery@', market: 'nowhere' }, ['phone', 'email', 'phone']],
  ])('%j is refused with the contact problems only', (raw, paths) => {
    // Act
    const result = parseSubmission(raw, ctx);
    // Assess
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(paths);
  });

  it.each([null, [], 'phone=5125550199', 7])('a body that is not an object (%j) is refused', (raw) => {
    expect(parseSubmission(raw, ctx).ok).toBe(false);
  });

  it('property (300 runs): any object with a valid phone is captured within the bounds; without phone or email it is refused', () => {
    // Prepare
    const body = fc.dictionary(fc.string({ maxLength: 80 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 60 });
    const withPhone = body.map((raw) => ({ ...raw, phone: '512-555-0199' }));
    const noContact = body.map((raw) => {
      const { phone: _phone, email: _email, ...rest } = raw;
      return rest;
    });
    // Act
    const outcome = fc.check(
      fc.property(withPhone, noContact, (reachable, unreachable) => {
        const kept = parseSubmission(reachable, ctx);
        const refused = parseSubmission(unreachable, ctx);
        if (!kept.ok || refused.ok) return false;
        const extra = Object.entries(kept.extra ?? {});
        return (
          extra.length <= EXTRA_LIMITS.keys &&
          extra.every(
            ([k, v]) => k.length <= EXTRA_LIMITS.keyLength && v.length <= EXTRA_LIMITS.valueLength,
          ) &&
          kept.warnings.every((w) => w.field.length > 0 && w.message.length > 0) &&
          refused.issues.every((issue) => issue.path === 'phone' || issue.path === 'email')
        );
      }),
      { numRuns: 300 },
    );
    // Assess
    expect({ failed: outcome.failed, counterexample: outcome.counterexample }).toEqual({
      failed: false,
      counterexample: null,
    });
  });
});

describe('capture: test leads', () => {
  it.each([
    ['JSON', { test: true }, true],
    ['JSON', { test: 'yes' }, true],
    ['form', { test: 'on' }, true],
    ['JSON', { test: false }, undefined],
  ])('%s %j: test lead %s', (format, flag, test) => {
    // Prepare
    const { consent: _consent, ...fields } = complete();
    // Act
    const result = captured({ ...fields, ...flag }, format === 'form' ? formCtx : ctx);
    // Assess
    expect(result.test).toBe(test);
  });

  it('an unreadable test flag is a real lead, with a warning', () => {
    // Act
    const result = captured({ ...complete(), test: 'maybe' });
    // Assess
    expect(result.test).toBeUndefined();
    expect(result.warnings.map((w) => w.field)).toEqual(['test']);
  });

  it('a strict reading (a correction) does not know test or extra', () => {
    // Act
    const result = parseSubmission({ ...complete(), test: true, extra: {} }, { ...ctx, mode: 'strict' });
    // Assess
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'test', message: 'unknown field' },
      { path: 'extra', message: 'unknown field' },
    ]);
  });
});

describe('a repeat contact’s capture, and the words people read', () => {
  it('adds extra fields the lead lacks and later warnings, within the bounds', () => {
    // Prepare
    const lead = { extra: { From: '+15125550199' }, warnings: [{ field: 'fit', message: 'first' }] };
    // Act
    const merged = withCapture(lead, {
      extra: { From: '+1999', CallSid: 'CA2' },
      warnings: Array.from({ length: 200 }, (_, i) => ({ field: 'market', message: `again ${i}` })),
    });
    // Assess
    expect(merged.extra).toEqual({ From: '+15125550199', CallSid: 'CA2' });
    expect(merged.warnings).toHaveLength(MAX_WARNINGS);
    expect(merged.warnings[0]?.message).toBe('first');
  });

  it('the board lists the warnings about the lead and the other details; not one line per kept field', () => {
    // Prepare
    const result = captured({
      ...complete(),
      market: 'north side',
      message: 'Leak\n  under sink',
      CallSid: 'CA1',
    });
    // Act
    const words = captureWords({ ...result, test: true });
    // Assess
    expect(words).toEqual({
      test: true,
      warnings: ['The customer wrote the area as “north side”: we could not match it to a market.'],
      otherDetails: ['message: Leak under sink', 'CallSid: CA1'],
    });
  });
});
