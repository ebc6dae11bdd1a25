import { describe, expect, it } from 'vitest';
import { hashToken, isWellFormedToken, LINK_TOKEN_LENGTH, newLinkToken } from '../../shared/link-tokens';

describe('newLinkToken', () => {
  it('carries 256 random bits as unpadded base64url', () => {
    // Prepare
    // Act
    const token = newLinkToken();

    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    // Prepare
    const count = 1_000;

    // Act
    const tokens = new Set(Array.from({ length: count }, () => newLinkToken()));

    // Assess
    expect(tokens.size).toBe(count);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 of the token in hex', () => {
    // Prepare
    const token = 'abc';

    // Act
    const hash = hashToken(token);

    // Assess
    expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('isWellFormedToken', () => {
  it('accepts a token it issued', () => {
    // Prepare
    const token = newLinkToken();

    // Act
    const ok = isWellFormedToken(token);

    // Assess
    expect(ok).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['one character short', 'A'.repeat(LINK_TOKEN_LENGTH - 1)],
    ['one character long', 'A'.repeat(LINK_TOKEN_LENGTH + 1)],
    ['padded', `${'A'.repeat(LINK_TOKEN_LENGTH - 1)}=`],
    ['standard base64', `${'A'.repeat(LINK_TOKEN_LENGTH - 1)}+`],
    ['with a path', `${'A'.repeat(LINK_TOKEN_LENGTH - 1)}/`],
    ['not the canonical spelling of its bytes', `${'A'.repeat(LINK_TOKEN_LENGTH - 1)}B`],
  ])('refuses a token that is %s', (_label, token) => {
    // Prepare
    // Act
    const ok = isWellFormedToken(token);

    // Assess
    expect(ok).toBe(false);
  });
});
