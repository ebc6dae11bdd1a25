/**
 * The phone metadata the domain parses numbers with (`phone-metadata.ts`, made by
 * `npm run phone-metadata`), inflated once when the module loads.
 */
import { brotliDecompressSync } from 'node:zlib';
import type { MetadataJson } from 'libphonenumber-js/core/es6';
import { PHONE_METADATA_BROTLI } from './phone-metadata';

/** libphonenumber-js's default metadata without display formats. */
export const phoneMetadata = JSON.parse(
  brotliDecompressSync(Buffer.from(PHONE_METADATA_BROTLI, 'base64')).toString('utf8'),
) as MetadataJson;
