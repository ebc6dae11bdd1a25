import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handoffNote } from '../../../shared/domain/handoff-note';
import { handoffSms } from '../../../shared/domain/messages';
import { assignReplyCode, pickReplyCode, REPLY_CODES, stepOfCode } from '../../../shared/domain/reply-codes';
import { SMS_MAX_SEPTETS, smsEncoding } from '../../../shared/domain/sms';
import { OPT_OUT_WORDS, parseSmsReply } from '../../../shared/domain/sms-reply';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();
const LONG_LINK =
  `https://handoff-links.lonestar-plumbing-and-air.example.com/h/${'Zq9_x-'.repeat(20)}`.slice(0, 120);

describe('parseSmsReply', () => {
  it.each([
    ['1A', { kind: 'accept', code: '1A' }],
    [' 1a y ', { kind: 'accept', code: '1A' }],
    ['1A YES', { kind: 'accept', code: '1A' }],
    ['YES', { kind: 'accept' }],
    ['1', { kind: 'accept' }],
    ['yes!', { kind: 'accept' }],
    ['1A N no address given', { kind: 'reject', code: '1A', reason: 'no address given' }],
    ['2b no', { kind: 'reject', code: '2B', reason: '' }],
    ['Stop', { kind: 'stop' }],
    ['UNSUBSCRIBE', { kind: 'stop' }],
    ['start', { kind: 'start' }],
    ['UNSTOP', { kind: 'start' }],
    ['HELP', { kind: 'help' }],
    ['AWAY 2h', { kind: 'away', minutes: 120 }],
    ['away 90 min', { kind: 'away', minutes: 90 }],
    ['AWAY until 14:00', { kind: 'away', until: { hour: 14, minute: 0 } }],
    ['away until 2pm', { kind: 'away', until: { hour: 14, minute: 0 } }],
    ['BACK', { kind: 'back' }],
    ['AWAY', { kind: 'away_unclear' }],
    ['away for a bit', { kind: 'away_unclear' }],
    ['AWAY until later', { kind: 'away_unclear' }],
    ['1I', { kind: 'unknown' }],
    ['stop sending me these', { kind: 'unknown' }],
    ['1A maybe later', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('reads %j', (text, expected) => {
    // Act
    const reply = parseSmsReply(text);

    // Assess
    expect(reply).toEqual(expected);
  });

  it('reads every carrier opt-out word as STOP', () => {
    // Act
    const replies = OPT_OUT_WORDS.map((word) => parseSmsReply(word.toLowerCase()));

    // Assess
    expect(replies.every((reply) => reply.kind === 'stop')).toBe(true);
  });

  it('never throws, whatever the text, and always names a known kind', () => {
    const kinds = ['accept', 'reject', 'stop', 'start', 'help', 'away', 'back', 'away_unclear', 'unknown'];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc
            .constantFrom('1A', 'AWAY', 'AWAY until', '1A N', 'YES')
            .chain((head) => fc.string({ maxLength: 20 }).map((tail) => `${head} ${tail}`)),
        ),
        (text) => {
          expect(kinds).toContain(parseSmsReply(text).kind);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reply codes', () => {
  it('never gives a code already taken, and gives one while any is free', () => {
    fc.assert(
      fc.property(fc.subarray([...REPLY_CODES], { maxLength: 215 }), fc.nat(50), (taken, seq) => {
        const code = pickReplyCode('lead-1', seq, new Set(taken));
        expect(code).toBeDefined();
        expect(taken).not.toContain(code);
      }),
      { numRuns: 200 },
    );
  });

  it('stores the code on the awaiting handoff once, and remembers which step had it', () => {
    // Prepare
    const lead = storedLead({ handoff: handoff({ seq: 2 }) });

    // Act
    const coded = assignReplyCode(lead, 2, '3C');
    const again = coded ? assignReplyCode(coded, 2, '4D') : undefined;

    // Assess
    expect(coded?.handoff?.replyCode).toBe('3C');
    expect(again).toBeUndefined();
    expect(coded && stepOfCode(coded, lead.handoff?.to.id ?? '', '3C')).toBe(2);
  });

  it('ends the handoff SMS with the reply code and what it confirms, within two segments', () => {
    // Prepare
    const lead = storedLead({ fullName: 'Ana Díaz', urgency: 'emergency', market: 'south', zip: '78704' });
    const note = handoffNote(lead, handoff({}), config);
    const input = { note, timeZone: config.business.timezone, businessName: config.business.name };

    // Act
    const sms = handoffSms({ ...input, link: LONG_LINK, kind: 'escalation', step: 2, replyCode: '1A' });

    // Assess
    expect(sms).toContain(LONG_LINK);
    expect(sms).toMatch(
      /Reply 1A to accept: you saw the notes, next step, deadline & have enough context\.$/,
    );
    expect(smsEncoding(sms).units).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
  });
});
