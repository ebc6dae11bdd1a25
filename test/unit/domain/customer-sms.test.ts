/**
 * What may go out by SMS from what a customer typed (docs/product-rules.md §10): plausible greeting names,
 * neutralized links, the countries and number types customer SMS go to, and the settings behind them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessSchema } from '../../../shared/domain/config';
import {
  customerSmsRefusal,
  greetingName,
  linkSafeLead,
  neutralizeLinks,
} from '../../../shared/domain/customer-sms';
import type { Lead } from '../../../shared/domain/lead';
import { exampleConfig } from './fixtures';

const business = exampleConfig().business;

/** What a phone or mail app turns into a link: a scheme, `www.`, a letter-dot-letter-or-digit domain. */
const URL_ISH = /:\/\/|www\.|\p{L}\.[\p{L}\p{N}]|\p{N}\.\p{L}/iu;

/** Text biased towards links: schemes, dots, look-alike dots, invisible characters, letters and digits. */
const linkyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'https://',
        'http://',
        'www.',
        '.',
        '\u00B7',
        '\u2024',
        '\uFF0E',
        '\u200B',
        '/',
        ':',
        '@',
      ),
      fc.constantFrom('evil', 'example', 'com', 'h', 'x1', '9', 'Zoë', ' '),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(''));

describe('neutralizeLinks', () => {
  it.each([
    ['https://evil.example/h/AAAA Smith', 'https[:]//evil[.]example/h/AAAA Smith'],
    ['see www.evil.example', 'see www[.]evil[.]example'],
    ['evil\u00B7example', 'evil[.]example'],
    ['a 3.5 ton unit. Call me.', 'a 3.5 ton unit. Call me.'],
    ['bob@mail.example', 'bob@mail[.]example'],
  ])('%s → %s', (text, expected) => {
    expect(neutralizeLinks(text)).toBe(expected);
  });

  it('never leaves anything link-shaped (property)', () => {
    fc.assert(
      fc.property(linkyText, (text) => {
        expect(neutralizeLinks(text)).not.toMatch(URL_ISH);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it('applies to every customer-typed field of a lead, and to nothing else', () => {
    const lead = {
      id: '01TESTLEAD',
      fullName: 'evil.example Smith',
      notes: 'go to https://x.example',
      serviceAddress: '1 Main St, x.example',
      phone: '+15125550100',
    } as Lead;

    const safe = linkSafeLead(lead);

    expect(safe).toMatchObject({
      id: '01TESTLEAD',
      fullName: 'evil[.]example Smith',
      notes: 'go to https[:]//x[.]example',
      serviceAddress: '1 Main St, x[.]example',
      phone: '+15125550100',
    });
  });
});

describe('greetingName', () => {
  it.each([
    ['Ana Diaz', 'Ana'],
    ["Zoë O'Neil-Brown", 'Zoë'],
    ['Dr. Maria José Núñez', 'Maria'],
    ['  ', undefined],
    [undefined, undefined],
    ['https://evil.example/h/AAAA Smith', undefined],
    ['evil.example Smith', undefined],
    ['www Smith', 'www'],
    ['www.x Smith', undefined],
    ['Ana 2', undefined],
    ['ana@example', undefined],
    ['A'.repeat(41), undefined],
  ])('%s → %s', (name, expected) => {
    expect(greetingName(name)).toBe(expected);
  });

  it('never returns digits, "://", "@" or a domain (property)', () => {
    fc.assert(
      fc.property(fc.oneof(linkyText, fc.string({ maxLength: 50 })), (name) => {
        const greeting = greetingName(name);
        if (greeting === undefined) return;
        expect(greeting).not.toMatch(/\p{N}|:\/\/|@|www\.|\p{L}{2}\.\p{L}{2}/u);
        expect(greeting.length).toBeLessThanOrEqual(40);
      }),
      { numRuns: 500, seed: 1914 },
    );
  });
});

describe('customerSmsRefusal', () => {
  it.each([
    ['+15125550100', undefined],
    ['+2348031234567', 'country'],
    ['+79161234567', 'country'],
    ['+18765550123', 'country'],
    ['+447400123456', 'country'],
    ['+19005550123', 'number_type'],
    ['+18005550123', 'number_type'],
    ['+1512', 'country'],
  ])('%s → %s (the business is in the US)', (phone, expected) => {
    expect(customerSmsRefusal(phone, business)).toBe(expected);
  });

  it('texts the countries of customerSmsCountries', () => {
    const wider = { ...business, customerSmsCountries: ['US', 'GB'] };

    expect(customerSmsRefusal('+447400123456', wider)).toBeUndefined();
    expect(customerSmsRefusal('+2348031234567', wider)).toBe('country');
  });
});

describe('customer SMS settings', () => {
  const parse = (extra: Record<string, unknown>) =>
    businessSchema.safeParse({ ...exampleConfig().business, ...extra });

  it('default to the business’s own country and 200 texts a day', () => {
    const settings: Record<string, unknown> = { ...exampleConfig().business };
    delete settings.customerSmsCountries;
    delete settings.customerSmsDailyBudget;

    const parsed = businessSchema.parse(settings);

    expect(parsed.customerSmsCountries).toBeUndefined();
    expect(parsed.customerSmsDailyBudget).toBe(200);
  });

  it.each([
    { customerSmsCountries: ['us'] },
    { customerSmsCountries: [] },
    { customerSmsCountries: ['US', 'US'] },
    { customerSmsDailyBudget: -1 },
    { customerSmsDailyBudget: 1.5 },
  ])('refuses %j', (extra) => {
    expect(parse(extra).success).toBe(false);
  });
});
