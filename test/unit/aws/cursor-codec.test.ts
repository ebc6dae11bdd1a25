import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH } from '../../../shared/aws/cursor-codec';
import { openLeadCursor } from '../../../shared/aws/dynamo-lead-queries';
import { ValidationError } from '../../../shared/errors';

const ID = '01KAAAAAAAAAAAAAAAAAAAAAAA';
const realKey = { PK: `LEAD#${ID}`, SK: 'LEAD', gsi2pk: 'OPEN', gsi2sk: `2026-11-18T16:15:00.000Z#${ID}` };
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('the open-list cursor codec', () => {
  it('reads back the cursor it hands out', () => {
    const cursor = openLeadCursor.encode(realKey) ?? '';
    expect(openLeadCursor.decode(cursor)).toEqual(realKey);
  });

  it.each([
    ['an empty sort key', { ...realKey, gsi2sk: '' }],
    ['an oversized key', { ...realKey, PK: `LEAD#${'x'.repeat(2100)}` }],
    [
      'another lead’s sort key',
      { ...realKey, gsi2sk: '2026-11-18T16:15:00.000Z#01KBBBBBBBBBBBBBBBBBBBBBBB' },
    ],
    ['a sort key that is not a due time', { ...realKey, gsi2sk: `soon#${ID}` }],
    ['another partition', { ...realKey, gsi2pk: 'FAILED' }],
    ['another item type', { ...realKey, SK: 'FAILURE' }],
    ['a missing attribute', { PK: realKey.PK, SK: 'LEAD', gsi2pk: 'OPEN' }],
    ['an extra attribute', { ...realKey, evil: 'x' }],
    ['a number', { ...realKey, gsi2sk: 5 }],
    ['an array', [realKey]],
  ])('refuses %s with a ValidationError on cursor', (_name, key) => {
    expect(() => openLeadCursor.decode(cursorOf(key))).toThrow(ValidationError);
  });

  it('refuses an overlong cursor, or one with characters base64url does not use', () => {
    expect(() => openLeadCursor.decode('A'.repeat(MAX_CURSOR_LENGTH + 1))).toThrow(ValidationError);
    expect(() => openLeadCursor.decode(`${openLeadCursor.encode(realKey)}=`)).toThrow(ValidationError);
  });

  it('refuses any string that is not one of its cursors, with a ValidationError only (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.jsonValue().map(cursorOf),
          fc
            .dictionary(fc.constantFrom('PK', 'SK', 'gsi2pk', 'gsi2sk'), fc.string({ maxLength: 40 }))
            .map(cursorOf),
        ),
        (cursor) => {
          try {
            openLeadCursor.decode(cursor);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
          }
        },
      ),
      { numRuns: 500, seed: 14 },
    );
  });
});

describe('decodeCursor', () => {
  it('applies the list’s own check', () => {
    const cursor = encodeCursor({ a: 'x' }) ?? '';
    expect(decodeCursor(cursor, ['a'], () => true)).toEqual({ a: 'x' });
    expect(() => decodeCursor(cursor, ['a'], () => false)).toThrow(ValidationError);
  });
});
