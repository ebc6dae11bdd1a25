import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseBoardQuery, searchOf } from '../../../shared/domain/board-query';

const LEAD_KEY = '2026-11-18T16:15:00.000Z#01M7QP5V00BSJMY2HWHP1GYMYJ';
const FAILURE_KEY = '2026-11-18T16:01:00.000Z#01M7QP5V00MQ7PBNHEMCPPDMAD.1.notification.dana.sms.handoff';

const parse = (parameters: Record<string, string | string[]>) =>
  parseBoardQuery(
    Object.fromEntries(
      Object.entries(parameters).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]),
    ),
  );

describe('the board query (docs/product-rules.md §8)', () => {
  it('reads every parameter, leaving empty ones out and trimming the search', () => {
    // Act
    const result = parse({
      view: 'overdue',
      q: '  Díaz ',
      status: 'estimate_sent',
      source: 'referral',
      cursor: encodeCursor('leads', LEAD_KEY),
    });
    const empty = parse({ view: '', q: '', status: '', source: '', cursor: '' });

    // Assess
    expect(result).toEqual({
      ok: true,
      query: {
        view: 'overdue',
        q: 'Díaz',
        status: 'estimate_sent',
        source: 'referral',
        cursor: { list: 'leads', after: LEAD_KEY },
      },
    });
    expect(empty).toEqual({ ok: true, query: {} });
  });

  it.each([
    [{ view: 'everything' }, 'view', 'view must be one of'],
    [{ status: 'won' }, 'status', 'status must be one of'],
    [{ source: 'facebook' }, 'source', 'source must be one of'],
    [{ q: 'x'.repeat(101) }, 'q', 'longer than 100'],
    [{ q: 'Ana\u0000' }, 'q', 'cannot be typed'],
    [{ key: 'local-ops-key' }, 'key', 'not a board parameter'],
    [{ view: ['all', 'mine'] }, 'view', 'give view once'],
    [{ cursor: 'not-a-cursor' }, 'cursor', 'not one the board made'],
    [{ cursor: Buffer.from(`L|${LEAD_KEY}x`).toString('base64url') }, 'cursor', 'not one the board made'],
    [{ cursor: 'a'.repeat(201) }, 'cursor', 'not one the board made'],
    [{ view: 'failed', cursor: encodeCursor('leads', LEAD_KEY) }, 'cursor', 'another view'],
    [{ cursor: encodeCursor('failed', FAILURE_KEY) }, 'cursor', 'another view'],
    [{ view: 'failed', q: 'Ana' }, 'view', 'listed whole'],
  ])('refuses %j with a plain message about %s', (parameters, path, message) => {
    // Act
    const result = parse(parameters);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toBe(path);
    expect(result.issues[0]?.message).toContain(message);
  });

  it('round-trips its own cursors and nothing else', () => {
    // Act / Assess
    expect(decodeCursor(encodeCursor('leads', LEAD_KEY))).toEqual({ list: 'leads', after: LEAD_KEY });
    expect(decodeCursor(encodeCursor('failed', FAILURE_KEY))).toEqual({ list: 'failed', after: FAILURE_KEY });
    expect(decodeCursor(encodeCursor('leads', FAILURE_KEY))).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"PK":"LEAD#1"}').toString('base64url'))).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });
});

describe('what a search means', () => {
  it.each(['(512) 555-0100', '512.555.0100', '+1 512 555 0100', '512-555-0100', '5125550100'])(
    'reads %s as the E.164 phone +15125550100',
    (q) => {
      // Act / Assess
      expect(searchOf(q, 'US')).toEqual({ ok: true, search: { kind: 'phone', phone: '+15125550100' } });
    },
  );

  it('reads anything with a letter as part of a name, and refuses digits that make no whole number', () => {
    // Act / Assess
    expect(searchOf('Ana D', 'US')).toEqual({ ok: true, search: { kind: 'name', text: 'Ana D' } });
    expect(searchOf('Zoë', 'US')).toEqual({ ok: true, search: { kind: 'name', text: 'Zoë' } });
    const partial = searchOf('0100', 'US');
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.issue.message).toContain('whole phone number');
  });
});
