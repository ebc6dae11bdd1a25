import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../shared/domain/text-cleaning';

/** Characters stored text must never carry (line feeds aside): controls, format characters, lone surrogates. */
const INVISIBLE = /(?!\n)[\p{Cc}\p{Cf}\p{Cs}]/u;

describe('cleanText', () => {
  it.each([
    ['NUL and ESC', 'Ana\u0000 \u001b[31mDiaz', 'Ana [31mDiaz'],
    ['DEL and C1 controls', 'A\u007fn\u0085a\u009b', 'An a'],
    ['bidi overrides and isolates', '\u202eAna\u202c \u2066Diaz\u2069\u200f', 'Ana Diaz'],
    [
      'zero-width space, joiners and BOM',
      'evil\u200b.\u200cexa\u200dmple\ufeff.com\u2060',
      'evil.example.com',
    ],
    ['soft hyphen and tag characters', 'Ana\u00ad\u{E0041}', 'Ana'],
    ['a lone surrogate', 'Ana\ud800', 'Ana'],
    ['tabs', 'Call\tback', 'Call back'],
    ['line breaks in one-line text', 'Call\r\nback\nsoon\u2028now', 'Call back soon now'],
  ])('removes %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('keeps line breaks (as \\n) in multi-line text', () => {
    expect(cleanText('Leak\r\nunder\rthe\u2029sink\u0007', { multiline: true })).toBe(
      'Leak\nunder\nthe\nsink',
    );
  });

  it('keeps letters, accents, emoji and other scripts as they are', () => {
    const text = 'José Peña — Zoë 🙂 北京 Łódź مرحبا';
    expect(cleanText(text)).toBe(text);
  });

  it('leaves nothing invisible in any string, and is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.boolean(), (text, multiline) => {
        const once = cleanText(text, { multiline });
        expect(once).not.toMatch(INVISIBLE);
        expect(cleanText(once, { multiline })).toBe(once);
        if (!multiline) expect(once).not.toContain('\n');
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});
