import { describe, expect, it } from 'vitest';
import { laneOf } from '../../../shared/domain/lanes';
import { MAX_TIMER_NAME_LENGTH, TIMER_NAME_PATTERN, timerName } from '../../../shared/domain/timer-names';
import { leadIdForExternal, newLeadId } from '../../../shared/ids';

describe('timerName', () => {
  it('names a handoff timer after its lead and step', () => {
    // Prepare
    const leadId = '01JNQ8Z3K4M5N6P7Q8R9S0T1V2';

    // Act
    const name = timerName(leadId, 3);

    // Assess
    expect(name).toBe('handoff-01JNQ8Z3K4M5N6P7Q8R9S0T1V2-3');
  });

  it('gives the same name every time for the same handoff', () => {
    // Prepare
    const leadId = newLeadId(new Date('2026-03-02T15:00:00.000Z'));

    // Act
    const names = new Set([timerName(leadId, 7), timerName(leadId, 7)]);

    // Assess
    expect(names.size).toBe(1);
  });

  it('gives different handoffs of a lead different names', () => {
    // Prepare
    const leadId = leadIdForExternal('phone', 'call-123');

    // Act
    const names = new Set([1, 2, 10, 11, 12].map((seq) => timerName(leadId, seq)));

    // Assess
    expect(names.size).toBe(5);
  });

  it('is a valid schedule name for generated ids with the largest seq', () => {
    // Prepare
    const ids = [
      newLeadId(new Date('2099-12-31T23:59:59.999Z')),
      leadIdForExternal('web_form', 'x'.repeat(500)),
    ];

    // Act
    const names = ids.map((id) => timerName(id, Number.MAX_SAFE_INTEGER));

    // Assess
    for (const name of names) {
      expect(name).toMatch(TIMER_NAME_PATTERN);
      expect(name.length).toBeLessThanOrEqual(MAX_TIMER_NAME_LENGTH);
    }
  });

  it('stays valid and deterministic for an id too long for a plain name', () => {
    // Prepare
    const longId = 'A'.repeat(200);

    // Act
    const name = timerName(longId, Number.MAX_SAFE_INTEGER);

    // Assess
    expect(name).toMatch(TIMER_NAME_PATTERN);
    expect(name).toBe(timerName(longId, Number.MAX_SAFE_INTEGER));
  });

  it('stays valid for an id with characters Scheduler refuses', () => {
    // Prepare
    const oddId = 'lead/with spaces#and:ümlauts';

    // Act
    const name = timerName(oddId, 1);

    // Assess
    expect(name).toMatch(TIMER_NAME_PATTERN);
  });

  it('does not give two long ids the same name', () => {
    // Prepare
    const first = `${'A'.repeat(100)}1`;
    const second = `${'A'.repeat(100)}2`;

    // Act
    const names = [timerName(first, 1), timerName(second, 1)];

    // Assess
    expect(names[0]).not.toBe(names[1]);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses seq %s', (seq) => {
    // Prepare
    const leadId = '01JNQ8Z3K4M5N6P7Q8R9S0T1V2';

    // Act
    const act = () => timerName(leadId, seq);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('laneOf', () => {
  it('sends the urgent ladder through the urgent lane', () => {
    // Prepare
    const ladder = 'urgent' as const;

    // Act
    const lane = laneOf(ladder);

    // Assess
    expect(lane).toBe('urgent');
  });

  it.each(['standard', 'estimate', 'needs_info'] as const)(
    'sends the %s ladder through the standard lane',
    (ladder) => {
      // Prepare
      // Act
      const lane = laneOf(ladder);

      // Assess
      expect(lane).toBe('standard');
    },
  );
});
