import { describe, expect, it } from 'vitest';
import { checkNextAction } from '../../../shared/domain/next-action';

describe('checkNextAction', () => {
  it.each(['follow up', 'check later', 'handle this', 'reply when possible', 'see thread'])(
    'a next action must be specific: rejects the docs/product-rules.md seed 003 weak action "%s"',
    (text) => {
      // Prepare
      // Act
      const result = checkNextAction(text);
      // Assess
      expect(result.ok).toBe(false);
    },
  );

  it.each([
    'Please follow up with the customer ASAP!!!',
    'Check later today.',
    'Handle this lead please',
    'Reply to the customer when possible',
    'See thread for the details',
    'Touch base with the client soon',
    'Circle back with them tomorrow',
    'Look into it please, thanks',
    'Take care of it today',
    'Deal with it asap please',
    'Get back to them later',
    'Call the customer back soon',
    'Call and email the customer',
    'TBD - waiting on this lead',
    'Ping them about it today',
    'Follow-up with the homeowner',
  ])('a next action must be specific: rejects "%s" once case, punctuation and filler are removed', (text) => {
    // Prepare
    // Act
    const result = checkNextAction(text);
    // Assess
    expect(result.ok).toBe(false);
  });

  it.each(['Call Bob', 'Fix the tap', 'ok', '', '   '])(
    'a next action must be specific: rejects "%s" as shorter than 3 words or 12 characters',
    (text) => {
      // Prepare
      // Act
      const result = checkNextAction(text);
      // Assess
      expect(result.ok).toBe(false);
    },
  );

  it.each([
    'send two appointment options by Wednesday',
    'call after 2 p.m. today',
    'ask for missing photos before quoting',
    'confirm whether Friday is still available',
    'close for now if no reply by May 14',
    'call to book same-day inspection',
  ])('a specific next action passes: "%s" (docs/product-rules.md seed 003)', (text) => {
    // Prepare
    // Act
    const result = checkNextAction(text);
    // Assess
    expect(result).toEqual({ ok: true, action: text });
  });

  it('returns the action trimmed, with inner runs of spaces collapsed', () => {
    // Prepare
    const text = '  send two   appointment options by Wednesday \n';
    // Act
    const result = checkNextAction(text);
    // Assess
    expect(result).toEqual({ ok: true, action: 'send two appointment options by Wednesday' });
  });

  it('explains a vague action: quotes it and shows what a specific one looks like', () => {
    // Prepare
    // Act
    const result = checkNextAction('follow up asap');
    // Assess
    expect(result).toEqual({
      ok: false,
      message:
        'Next action "follow up asap" is too vague: say exactly what to do and by when, e.g. "call to book a same-day inspection" or "send two appointment options by Wednesday".',
    });
  });

  it('explains a too-short action: says it is too short', () => {
    // Prepare
    // Act
    const result = checkNextAction('call her');
    // Assess
    expect(result.ok === false && result.message).toMatch(/^Next action "call her" is too short: /);
  });
});

describe('unreadable actions', () => {
  it.each(['z/({.C`1RlJ5', 'a b c d e f g h i j', '1234 5678 90 12', 'x1 y2 z3 w4 v5 u6'])(
    'refuses %j: fewer than three words of two letters or more',
    (text) => {
      expect(checkNextAction(text)).toMatchObject({ ok: false });
    },
  );
});
