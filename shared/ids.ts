/**
 * Identifiers: time-ordered random lead ids (ULID-style, Crockford base32) and deterministic ids for
 * submissions that carry an external id, so a phone system's retry lands on the same lead.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeBase32 = (bytes: Uint8Array, length: number): string => {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
};

const encodeTime = (ms: number): string => {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    out = (ALPHABET[rest % 32] ?? '0') + out;
    rest = Math.floor(rest / 32);
  }
  return out;
};

/** A new lead id: 26 characters, sortable by creation time. */
export const newLeadId = (now: Date): string => encodeTime(now.getTime()) + encodeBase32(randomBytes(10), 16);

/** The lead id for a submission with an external id: the same source and id always give the same lead. */
export const leadIdForExternal = (channel: string, externalId: string): string =>
  `X${encodeBase32(createHash('sha256').update(`${channel}\u0000${externalId}`).digest(), 25)}`;

/** Source of ids, injectable so tests can pin them. */
export interface IdSource {
  newLeadId(now: Date): string;
}

export const randomIds: IdSource = { newLeadId };
