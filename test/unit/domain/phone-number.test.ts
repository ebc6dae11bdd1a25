/**
 * The slim phone metadata: the committed file is what the script makes from the installed
 * libphonenumber-js, and numbers read through it come out exactly as through the library's own default
 * metadata (same E.164, same verdict on validity), for every territory's example number in national
 * and international form and for random digit strings.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { PHONE_METADATA_FILE, phoneMetadataJson } from '../../../scripts/phone-metadata';
import { phoneMetadata } from '../../../shared/domain/phone-metadata-load';
import { toE164 } from '../../../shared/domain/phone-number';

/** What intake would get from the library with its full default metadata. */
const reference = (text: string, defaultCountry: string): string | undefined => {
  const phone = isSupportedCountry(defaultCountry)
    ? parsePhoneNumberFromString(text, defaultCountry as CountryCode)
    : parsePhoneNumberFromString(text);
  return phone?.isValid() === true ? phone.number : undefined;
};

const territories = Object.entries(examples as Record<string, string>);

describe('slim phone metadata', () => {
  it('is what `npm run phone-metadata` makes from the installed libphonenumber-js (run it after an upgrade)', () => {
    // The decoded metadata, not the compressed bytes: another Brotli build may pack the same text differently.
    expect(JSON.stringify(phoneMetadata)).toBe(phoneMetadataJson());
  });

  it('takes less than a fifth of the room of the default metadata', () => {
    const slim = readFileSync(PHONE_METADATA_FILE).length;
    const full = readFileSync(require.resolve('libphonenumber-js/metadata.min.json')).length;
    expect(slim / full).toBeLessThan(0.2);
  });
});

describe('toE164', () => {
  it('reads common US formats with the default country', () => {
    for (const text of [
      '(512) 555-0199',
      '512-555-0199',
      '512.555.0199',
      '+1 512 555 0199',
      '1 (512) 555-0199',
    ])
      expect(toE164(text, 'US')).toBe('+15125550199');
  });

  it('refuses what is not a number', () => {
    for (const text of ['', 'call me', '123', '555-0199', '+1 000 000 0000'])
      expect(toE164(text, 'US')).toBeUndefined();
  });

  it('reads international numbers whatever the default country, and only those when it is unknown', () => {
    expect(toE164('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(toE164('+44 20 7946 0958', 'ZZ')).toBe('+442079460958');
    expect(toE164('(512) 555-0199', 'ZZ')).toBeUndefined();
  });

  it(`agrees with the library's default metadata on every territory's example number (${territories.length})`, () => {
    let valid = 0;
    for (const [country, national] of territories) {
      const international = reference(national, country);
      expect(toE164(national, country), `${country} ${national}`).toBe(international);
      if (international === undefined) continue;
      valid += 1;
      // The same number written internationally, read with another default country.
      expect(toE164(international, 'US'), international).toBe(reference(international, 'US'));
      expect(toE164(`00${international.slice(1)}`, country)).toBe(
        reference(`00${international.slice(1)}`, country),
      );
    }
    expect(valid).toBeGreaterThan(200);
  });

  it("agrees with the library's default metadata on random digit strings and default countries", () => {
    const countries = territories.map(([country]) => country);
    const text = fc.oneof(
      fc.stringMatching(/^\+?[0-9]{4,16}$/),
      fc.stringMatching(/^\(?[0-9]{3}\)? ?[0-9]{3}[-. ][0-9]{4}$/),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(...countries, 'ZZ'), (input, country) => {
        expect(toE164(input, country)).toBe(reference(input, country));
      }),
      { numRuns: 2000 },
    );
  });
});
