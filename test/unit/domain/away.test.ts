/**
 * Away (docs/product-rules.md §12) as pure rules: when an away ends, how its end reads, and what routing,
 * the escalation ladder, shift starts, the roster and the timeline make of someone away.
 */
import { describe, expect, it } from 'vitest';
import { type AwayRequest, awayEnd, MAX_AWAY_DAYS, untilWords } from '../../../shared/domain/away';
import type { AppConfig, AwayEntry } from '../../../shared/domain/config';
import { nextEscalation } from '../../../shared/domain/escalation';
import { beginHandoff } from '../../../shared/domain/handoff';
import { nextShiftStart } from '../../../shared/domain/pick-person';
import { rosterNow } from '../../../shared/domain/roster-now';
import { decideRouting } from '../../../shared/domain/route-and-hand';
import { routeLead } from '../../../shared/domain/routing';
import { inPeoplesWords } from '../../../shared/domain/timeline-words';
import {
  exampleConfig,
  handoff,
  leadDetails,
  loads,
  storedLead,
  TUESDAY_10AM,
  TUESDAY_11PM,
} from './fixtures';

const CHICAGO = 'America/Chicago';
const HOUR_MS = 3_600_000;
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR_MS);

const end = (request: AwayRequest, now = TUESDAY_10AM) => awayEnd(request, now, CHICAGO).toISOString();

/** The example config with these people away until `until` (set by text). */
const awayConfig = (until: Date, ...ids: string[]): AppConfig => {
  const entry = (id: string): AwayEntry => ({
    until: until.toISOString(),
    setAt: TUESDAY_10AM.toISOString(),
    setBy: { id, name: id },
    via: 'sms',
  });
  return { ...exampleConfig(), away: Object.fromEntries(ids.map((id) => [id, entry(id)])) };
};

const ALL = ['irene', 'dana', 'marco', 'jules', 'tomas', 'kelly', 'sam', 'priya', 'lee', 'ruth'];

describe('awayEnd: when an away ends', () => {
  it('AWAY 2h ends two hours from now; AWAY until 14:00 at 2 PM today', () => {
    // Act / Assess (Tuesday 10:00 AM in Chicago)
    expect(end({ minutes: 120 })).toBe('2026-03-10T17:00:00.000Z');
    expect(end({ until: { hour: 14, minute: 0 } })).toBe('2026-03-10T19:00:00.000Z');
  });

  it('a clock time already past today means tomorrow, across a DST change too', () => {
    // Prepare: Saturday 10 AM CST, the day before clocks spring forward
    const saturday = new Date('2026-03-07T16:00:00Z');

    // Act / Assess
    expect(end({ until: { hour: 9, minute: 0 } })).toBe('2026-03-11T14:00:00.000Z');
    expect(end({ until: { hour: 10, minute: 0 } })).toBe('2026-03-11T15:00:00.000Z');
    expect(end({ until: { hour: 9, minute: 0 } }, saturday)).toBe('2026-03-08T14:00:00.000Z');
  });

  it('the rest of today ends at local midnight', () => {
    // Act / Assess
    expect(end({ restOfToday: true })).toBe('2026-03-11T05:00:00.000Z');
    expect(end({ restOfToday: true }, TUESDAY_11PM)).toBe('2026-03-11T05:00:00.000Z');
  });

  it(`never lasts more than ${MAX_AWAY_DAYS} days`, () => {
    // Act
    const ends = end({ minutes: 30 * 24 * 60 });

    // Assess
    expect(ends).toBe(at(TUESDAY_10AM, MAX_AWAY_DAYS * 24).toISOString());
  });
});

describe('untilWords: an away’s end as people read it', () => {
  it('says the clock time today, midnight, the weekday within the week, else the date', () => {
    // Act / Assess
    expect(untilWords(at(TUESDAY_10AM, 2), TUESDAY_10AM, CHICAGO)).toBe('12:00 PM');
    expect(untilWords(at(TUESDAY_10AM, 14), TUESDAY_10AM, CHICAGO)).toBe('midnight');
    expect(untilWords(at(TUESDAY_10AM, 23), TUESDAY_10AM, CHICAGO)).toBe('Wed 9:00 AM');
    expect(untilWords(at(TUESDAY_10AM, 7 * 24), TUESDAY_10AM, CHICAGO)).toBe('Tue Mar 17, 10:00 AM');
  });
});

describe('routing skips someone away, says so, and takes them back when the time passes', () => {
  it('a north plumbing lead skips Tomás while he is away, naming him in the reason', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), 'tomas');

    // Act
    const decision = routeLead({ lead: leadDetails(), config, loads: loads(), now: TUESDAY_10AM });

    // Assess
    expect(decision.to.id).toBe('dana');
    expect(decision.reason).toContain('Tomás Vega away until 12:00 PM');
    expect(decision.away).toEqual([{ id: 'tomas', until: '2026-03-10T17:00:00.000Z' }]);
  });

  it('routes to him again from the end of his away, with nothing said', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), 'tomas');

    // Act
    const decision = routeLead({ lead: leadDetails(), config, loads: loads(), now: at(TUESDAY_10AM, 2) });

    // Assess
    expect(decision.to.id).toBe('tomas');
    expect(decision.reason).not.toContain('away');
    expect(decision.away).toBeUndefined();
  });

  it('an emergency at night goes to the other on-call person, not to Marco away', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_11PM, 3), 'marco');

    // Act
    const decision = routeLead({
      lead: leadDetails({ urgency: 'emergency' }),
      config,
      loads: loads(),
      now: TUESDAY_11PM,
    });

    // Assess
    expect(decision.to.id).toBe('jules');
    expect(decision.reason).toContain('Marco Silva away until Wed 2:00 AM');
  });

  it('names someone away only as the last resort, and says so', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_11PM, 3), ...ALL);

    // Act
    const decision = routeLead({
      lead: leadDetails({ urgency: 'emergency' }),
      config,
      loads: loads(),
      now: TUESDAY_11PM,
    });

    // Assess
    expect(decision.to.id).toBe('priya');
    expect(decision.reason).toContain('named as a last resort although away until Wed 2:00 AM');
  });

  it('does not count someone the lead never suited (Kelly covers the south) as skipped', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), 'kelly');

    // Act
    const decision = routeLead({ lead: leadDetails(), config, loads: loads(), now: TUESDAY_10AM });

    // Assess
    expect(decision.to.id).toBe('tomas');
    expect(decision.away).toBeUndefined();
  });
});

describe('the escalation ladder and shift starts with someone away', () => {
  it('the urgent ladder passes over the on-call person away and says who', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_11PM, 3), 'jules');
    const lead = storedLead({ urgency: 'emergency', market: 'north' });
    const first = handoff({ to: { id: 'marco', name: 'Marco Silva', role: 'on_call' }, ladder: 'urgent' });

    // Act
    const step = nextEscalation({
      lead,
      handoff: first,
      config,
      loads: loads(),
      triedIds: [],
      now: TUESDAY_11PM,
    });

    // Assess
    expect(step).toMatchObject({ kind: 'escalate', to: { id: 'priya' }, step: 2 });
    expect(step.reason).toContain('(Jules Okafor away until Wed 2:00 AM)');
  });

  it('the end of an away counts as a shift start; after closing, the next opening does', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), 'marco');
    const late = awayConfig(at(TUESDAY_10AM, 8), 'tomas');
    const person = (c: AppConfig, id: string) => c.roster.people.filter((p) => p.id === id);

    // Act
    const marcoBack = nextShiftStart(person(config, 'marco'), config, TUESDAY_10AM);
    const tomasBack = nextShiftStart(person(late, 'tomas'), late, TUESDAY_10AM);

    // Assess
    expect(marcoBack?.toISOString()).toBe('2026-03-10T17:00:00.000Z');
    expect(tomasBack?.toISOString()).toBe('2026-03-11T12:30:00.000Z');
  });
});

describe('a non-urgent lead when everyone is away', () => {
  it('waits for the first away to end, as for a shift start, rather than naming someone away', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), ...ALL);

    // Act
    const decision = decideRouting(leadDetails(), [], config, loads(), TUESDAY_10AM);

    // Assess
    expect(decision.startsAt).toBe('2026-03-10T17:00:00.000Z');
    expect(decision.to.id).toBe('tomas');
  });
});

describe('what people read of an away', () => {
  it('the roster shows Tomás away until noon, by text, then on shift again', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), 'tomas');

    // Act
    const during = rosterNow(config, TUESDAY_10AM);
    const after = rosterNow(config, at(TUESDAY_10AM, 2));

    // Assess
    expect(during.away).toEqual([
      {
        personId: 'tomas',
        who: 'Tomás Vega (tech)',
        when: 'until 12:00 PM, by text',
        awayUntil: '2026-03-10T17:00:00.000Z',
      },
    ]);
    expect(during.onShift.map((line) => line.personId)).not.toContain('tomas');
    expect(after.away).toEqual([]);
    expect(after.onShift.map((line) => line.personId)).toContain('tomas');
  });

  it('the timeline names whom routing passed over, in the business’s local time', () => {
    // Prepare
    const config = awayConfig(at(TUESDAY_10AM, 2), 'tomas');
    const decision = routeLead({ lead: leadDetails(), config, loads: loads(), now: TUESDAY_10AM });
    const lead = beginHandoff(storedLead(), { kind: 'route', step: 0, ...decision }, TUESDAY_10AM, CHICAGO);

    // Act
    const words = inPeoplesWords(lead.timeline, exampleConfig()).map((event) => event.summary);

    // Assess
    expect(words[0]).toBe('Routed to Dana Whitfield (dispatch): Tomás Vega away until 12:00 PM');
    expect(lead.timeline[0]).toMatchObject({
      type: 'routed',
      data: { away: [{ id: 'tomas', until: '2026-03-10T17:00:00.000Z' }] },
    });
  });
});
