/**
 * Phone numbers in, E.164 out: libphonenumber-js's parsing and validation over its default
 * metadata minus the display formats (`scripts/phone-metadata.ts` says why and how it is made).
 * Imported from `libphonenumber-js/core/es6`, the library's ES2015+ build of the same code: 15 KB less
 * in every bundle than `libphonenumber-js/core`, whose ES5 build repeats Babel's class helpers per file.
 */
import {
  type CountryCode,
  isSupportedCountry,
  type MetadataJson,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core/es6';
import { phoneMetadata as metadata } from './phone-metadata-load';

/**
 * The number in E.164, or undefined when it is not a valid number. National formats are read as numbers
 * of `defaultCountry` (an ISO 3166 code such as 'US'); an unknown default country reads only
 * international ones (with their + and calling code).
 */
export const toE164 = (text: string, defaultCountry: string): string | undefined => {
  const country = defaultCountry as CountryCode;
  const phone = isSupportedCountry(country, metadata)
    ? parsePhoneNumberFromString(text, country, metadata)
    : parsePhoneNumberFromString(text, metadata);
  return phone?.isValid() === true ? phone.number : undefined;
};
