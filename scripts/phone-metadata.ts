/**
 * Writes `shared/domain/phone-metadata.json`: libphonenumber-js's default ("min") metadata without the
 * number formats. Intake only parses and validates numbers and keeps them as E.164; formats are read
 * only to format numbers for display (national/international style, as-you-type, finding numbers in
 * text), which the product never does. They are 60 % of the metadata and would put the intake and
 * leads bundles over the 300 KB cold-start budget.
 *
 * Run `npm run phone-metadata` after upgrading libphonenumber-js; a unit test fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MetadataJson } from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/metadata.min.json';

export const PHONE_METADATA_FILE = 'shared/domain/phone-metadata.json';

/** Where a territory's list of formats sits in metadata version 4 (the version this reads). */
const FORMATS = 4;
const SUPPORTED_VERSION = 4;

type Territory = unknown[];

const withoutFormats = (territory: Territory): Territory =>
  territory.map((field, index) => (index === FORMATS ? 0 : field));

/** The metadata with every territory's (and non-geographic code's) formats taken out. */
export const slimPhoneMetadata = (metadata: MetadataJson): MetadataJson => {
  const source = metadata as unknown as {
    version: number;
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, Territory>;
    nonGeographic?: Record<string, Territory>;
  };
  if (source.version !== SUPPORTED_VERSION) {
    throw new Error(
      `libphonenumber-js metadata version ${source.version}: this script knows version ${SUPPORTED_VERSION}; check where the formats are now`,
    );
  }
  const slim = (territories: Record<string, Territory>) =>
    Object.fromEntries(Object.entries(territories).map(([id, t]) => [id, withoutFormats(t)]));
  return {
    version: source.version,
    country_calling_codes: source.country_calling_codes,
    countries: slim(source.countries),
    ...(source.nonGeographic ? { nonGeographic: slim(source.nonGeographic) } : {}),
  } as unknown as MetadataJson;
};

export const phoneMetadataJson = (): string =>
  `${JSON.stringify(slimPhoneMetadata(minMetadata as unknown as MetadataJson))}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PHONE_METADATA_FILE, phoneMetadataJson());
  console.log(`wrote ${PHONE_METADATA_FILE}`);
}
