/**
 * Handoff link tokens (docs/product-rules.md §10): 256 random bits in the link, only their SHA-256 in the table, so a
 * leaked table or log never yields a working link.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Random bytes per token: 256 bits, well above the 128 the spec asks for. */
export const LINK_TOKEN_BYTES = 32;

/** Length of a token: 32 bytes in unpadded base64url. */
export const LINK_TOKEN_LENGTH = 43;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new, unguessable link token (base64url, no padding). */
export const newLinkToken = (): string => randomBytes(LINK_TOKEN_BYTES).toString('base64url');

/** The SHA-256 of a token, hex: the key the token's record is stored under. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * True for a string `newLinkToken` could have produced: 43 base64url characters that decode to 32 bytes
 * and encode back to the same string (so each token has one spelling). Checked before any lookup.
 */
export const isWellFormedToken = (token: string): boolean =>
  TOKEN_PATTERN.test(token) && Buffer.from(token, 'base64url').toString('base64url') === token;
