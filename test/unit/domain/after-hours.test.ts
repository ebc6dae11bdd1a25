/**
 * Hours (docs/product-rules.md §5) as pure rules: the acceptance window in business minutes, when a
 * handoff may start, holding and starting it, and nobody off shift named for a non-urgent lead.
 * The example business: America/Chicago, Mon–Fri 07:30–17:30, Sat 08:00–12:00 (CDT = UTC-5 in March).
 */
import { describe, expect, it } from 'vitest';
import { acceptanceWindow, givenWindowMinutes } from '../../../shared/domain/acceptance-window';
import {
  decideStart,
  earliestStart,
  holdHandoff,
  startHeldHandoff,
} from '../../../shared/domain/after-hours';
import type { AppConfig } from '../../../shared/domain/config';
import { pickNamed } from '../../../shared/domain/pick-person';
import { decideRouting, routeAndHand } from '../../../shared/domain/route-and-hand';
import { routeLead } from '../../../shared/domain/routing';
import { exampleConfig, leadDetails, loads, storedLead, TUESDAY_10AM, TUESDAY_11PM } from './fixtures';

const config = exampleConfig();
const TUESDAY_5_25PM = new Date('2026-03-10T22:25:00Z');
const WEDNESDAY_7_30AM = '2026-03-11T12:30:00.000Z';

describe('acceptance window (docs/product-rules.md §5, Hours)', () => {
  it('a non-urgent window reaching closing pauses and resumes at opening: 15 min from 17:25 ends 07:40', () => {
    const window = acceptanceWindow(config, 'standard', TUESDAY_5_25PM);
    expect(window.acceptBy).toBe('2026-03-11T12:40:00.000Z');
  });

  it('an urgent window runs on the wall clock at any hour', () => {
    const window = acceptanceWindow(config, 'emergency', TUESDAY_11PM);
    expect(window.acceptBy).toBe('2026-03-11T04:05:00.000Z');
  });

  it('the window a paused handoff was given is its business minutes, not the night', () => {
    const given = givenWindowMinutes(
      { createdAt: TUESDAY_5_25PM.toISOString(), acceptBy: '2026-03-11T12:40:00.000Z', ladder: 'standard' },
      'standard',
      config,
    );
    expect(given).toBe(15);
  });
});

describe('when a handoff starts', () => {
  it('urgent work starts now; anything else at the next opening', () => {
    expect(earliestStart('emergency', config.business, TUESDAY_11PM)).toEqual(TUESDAY_11PM);
    expect(earliestStart('standard', config.business, TUESDAY_11PM).toISOString()).toBe(WEDNESDAY_7_30AM);
    expect(earliestStart('estimate', config.business, TUESDAY_10AM)).toEqual(TUESDAY_10AM);
  });

  it('after hours a standard lead is routed as of opening, to someone on shift then, and held until then', () => {
    const decision = decideRouting(leadDetails(), [], config, loads(), TUESDAY_11PM);
    expect([decision.to.id, decision.startsAt, decision.acceptBy]).toEqual([
      'tomas',
      WEDNESDAY_7_30AM,
      '2026-03-11T12:45:00.000Z',
    ]);
  });

  it('in hours it starts now (no startsAt)', () => {
    expect(decideRouting(leadDetails(), [], config, loads(), TUESDAY_10AM).startsAt).toBeUndefined();
  });

  it('an incomplete lead after hours waits for intake at opening', () => {
    const decision = decideRouting(leadDetails(), ['serviceAddress'], config, loads(), TUESDAY_11PM);
    expect([decision.to.id, decision.startsAt]).toEqual(['irene', WEDNESDAY_7_30AM]);
  });

  it('with nobody on shift, it waits for the next shift start rather than naming someone off shift', () => {
    const late: AppConfig = exampleConfig();
    for (const person of late.roster.people) {
      if (person.role !== 'on_call') person.hours = { wed: ['09:00-17:30'] };
    }
    const decision = decideStart(
      (at) => routeLead({ lead: leadDetails(), config: late, loads: loads(), now: at }),
      'standard',
      late,
      TUESDAY_11PM,
    );
    expect([decision.to.id, decision.startsAt]).toEqual(['tomas', '2026-03-11T14:00:00.000Z']); // Wed 9:00
    const held = routeAndHand(storedLead(), decision, late, TUESDAY_11PM);
    expect(held.timeline.at(-1)?.summary).toContain('Wed 9:00 AM, when someone who can take it is on shift');
  });
});

describe('holding and starting a handoff', () => {
  const held = () =>
    routeAndHand(
      storedLead({ timeline: [] }),
      decideRouting(leadDetails(), [], config, loads(), TUESDAY_11PM),
      config,
      TUESDAY_11PM,
    );

  it('a held handoff carries its start and says so on the timeline', () => {
    const lead = held();
    expect(lead.handoff?.startsAt).toBe(WEDNESDAY_7_30AM);
    expect(lead.timeline.at(-1)).toMatchObject({ type: 'handoff_held', data: { seq: 1 } });
    expect(lead.timeline.at(-1)?.summary).toContain('Wed 7:30 AM, when the business opens');
  });

  it('at its start the handoff gets a fresh window from then and is dispatched again', () => {
    const lead = held();
    const dispatched = lead.handoff
      ? { ...lead, handoff: { ...lead.handoff, dispatch: 'done' as const } }
      : lead;
    const started = startHeldHandoff(dispatched, 1, config, new Date('2026-03-11T12:31:00Z'));
    expect(started?.handoff).toMatchObject({ dispatch: 'pending', acceptBy: '2026-03-11T12:46:00.000Z' });
    expect(started?.handoff?.startsAt).toBeUndefined();
    expect(started?.timeline.at(-1)?.type).toBe('handoff_started');
  });

  it('not before its start, and not for another step', () => {
    expect(startHeldHandoff(held(), 1, config, TUESDAY_11PM)).toBeUndefined();
    expect(startHeldHandoff(held(), 2, config, new Date(WEDNESDAY_7_30AM))).toBeUndefined();
  });

  it('a start found with the business closed again (a late repair) holds it until the next opening', () => {
    const wednesdayNight = new Date('2026-03-12T03:00:00Z');
    const again = startHeldHandoff(held(), 1, config, wednesdayNight);
    expect(again?.handoff?.startsAt).toBe('2026-03-12T12:30:00.000Z');
    expect(again?.handoff?.dispatch).toBe('pending');
  });

  it('holding a lead without a handoff changes nothing', () => {
    const lead = storedLead();
    expect(holdHandoff(lead, TUESDAY_10AM, config.business, TUESDAY_11PM)).toBe(lead);
  });
});

describe('pickNamed: nobody off shift for a non-urgent lead', () => {
  const offices = config.roster.people.filter((p) => p.role === 'office_manager');

  it('a non-urgent lead finds nobody when the only candidates are off shift', () => {
    expect(pickNamed(offices, leadDetails(), config, loads(), TUESDAY_11PM)).toBeUndefined();
  });

  it('an urgent lead, or a last resort, still names them', () => {
    const urgent = pickNamed(offices, leadDetails({ urgency: 'emergency' }), config, loads(), TUESDAY_11PM);
    const lastResort = pickNamed(offices, leadDetails(), config, loads(), TUESDAY_11PM, true);
    expect([urgent?.person.id, lastResort?.person.id]).toEqual(['priya', 'priya']);
  });

  it('someone on shift at capacity beats waiting', () => {
    const picked = pickNamed(offices, leadDetails(), config, loads({ priya: 100 }), TUESDAY_10AM);
    expect([picked?.person.id, picked?.note]).toEqual(['priya', 'on shift, although at capacity']);
  });
});
