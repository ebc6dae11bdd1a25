import { describe, expect, it } from 'vitest';
import type { AppConfig, Person } from '../../../shared/domain/config';
import type { LeadDetails } from '../../../shared/domain/lead';
import { checkNextAction } from '../../../shared/domain/next-action';
import {
  loadsFrom,
  type OwnerLoad,
  type RoutingDecision,
  routeLead,
  routeToIntake,
} from '../../../shared/domain/routing';
import { exampleConfig, leadDetails, loads, SUNDAY_2PM, TUESDAY_10AM, TUESDAY_11PM } from './fixtures';

const route = (
  lead: Partial<LeadDetails>,
  now: Date,
  options: { load?: Map<string, OwnerLoad>; config?: AppConfig } = {},
): RoutingDecision =>
  routeLead({
    lead: leadDetails(lead),
    config: options.config ?? exampleConfig(),
    loads: options.load ?? loads(),
    now,
  });

/** The example config with people changed or added. */
const configWith = (change: (people: Person[]) => void): AppConfig => {
  const config = exampleConfig();
  change(config.roster.people);
  return config;
};
const person = (people: Person[], id: string): Person => {
  const found = people.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};
/** A second north plumbing tech, Nina, equal to Tomás. */
const withNina = (): AppConfig =>
  configWith((people) => {
    people.push({ ...person(people, 'tomas'), id: 'nina', name: 'Nina Park' });
  });

describe('routeLead: urgent work', () => {
  it('emergency work routes to dispatch while dispatch is on shift', () => {
    // Prepare
    // Act
    const decision = route({ urgency: 'emergency' }, TUESDAY_10AM);
    // Assess
    expect({ to: decision.to, ruleId: decision.ruleId, ladder: decision.ladder }).toEqual({
      to: { id: 'dana', name: 'Dana Whitfield', role: 'dispatch' },
      ruleId: 'urgent-dispatch-in-hours',
      ladder: 'urgent',
    });
  });

  it('emergency work cannot sit unowned: routes to a named on-call person after hours', () => {
    // Prepare
    // Act
    const decision = route({ urgency: 'emergency', market: 'north' }, TUESDAY_11PM);
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'marco',
      ruleId: 'urgent-on-call',
    });
  });

  it('active-loss work after hours goes to the on-call person of its market', () => {
    // Prepare
    // Act
    const decision = route({ urgency: 'active_loss', market: 'south', zip: '78704' }, TUESDAY_11PM);
    // Assess
    expect(decision.to.id).toBe('jules');
  });

  it('urgent leads get 5 minutes to accept and a 5-minute next action (premium: 30), said in the action', () => {
    // Prepare
    // Act
    const decisions = [
      route({ urgency: 'emergency' }, TUESDAY_10AM),
      route({ urgency: 'premium' }, TUESDAY_10AM),
    ];
    // Assess
    expect(decisions.map((d) => [d.acceptBy, d.dueAt, d.nextAction])).toEqual([
      [
        '2026-03-10T15:05:00.000Z',
        '2026-03-10T15:05:00.000Z',
        'Call the customer within 5 minutes and dispatch the nearest tech',
      ],
      [
        '2026-03-10T15:05:00.000Z',
        '2026-03-10T15:30:00.000Z',
        'Call the customer within 30 minutes and dispatch the nearest tech',
      ],
    ]);
  });

  it('emergency work cannot sit unowned: when no rule can place it, the urgent chain names an on-call person', () => {
    // Prepare: after hours, the north on-call tech is at capacity.
    const load = loads({ marco: 6 });
    // Act
    const decision = route({ urgency: 'emergency', market: 'north' }, TUESDAY_11PM, { load });
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'jules',
      ruleId: 'urgent-fallback',
    });
  });

  it('the chain always ends at a named person: with nobody else active, the business owner gets it', () => {
    // Prepare
    const config = configWith((people) => {
      for (const id of ['marco', 'jules', 'priya']) person(people, id).active = false;
    });
    // Act
    const decision = route({ urgency: 'emergency' }, TUESDAY_11PM, { config });
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'ruth',
      ruleId: 'urgent-fallback',
    });
  });

  it('urgent work only goes to dispatch/on-call: a matching high-value sales rule is passed over', () => {
    // Prepare: in hours, dispatch and both on-call techs are full; sales is free.
    const load = loads({ dana: 40, marco: 6, jules: 6 });
    // Act
    const decision = route({ urgency: 'emergency', estimatedValue: 20_000 }, TUESDAY_10AM, { load });
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'marco',
      ruleId: 'urgent-fallback',
    });
  });
});

describe('routeLead: territory, skill, capacity, shift and round-robin', () => {
  it('routes a standard lead to the tech who covers its market and service, with a readable reason', () => {
    // Prepare
    const load = loads({ tomas: 2 });
    // Act
    const decision = route({ urgency: 'standard' }, TUESDAY_10AM, { load });
    // Assess
    expect(decision).toEqual({
      to: { id: 'tomas', name: 'Tomás Vega', role: 'tech' },
      ruleId: 'standard-by-territory',
      reason:
        'Tomás Vega (tech) covers North Austin / Round Rock and plumbing repair, 2/8 open, on shift; only eligible person',
      nextAction: 'Call the customer to confirm the problem and book the next open visit slot',
      ladder: 'standard',
      acceptBy: '2026-03-10T15:15:00.000Z',
      dueAt: '2026-03-10T17:00:00.000Z',
    });
  });

  it('skill: a service the market tech does not handle goes to the next rule (dispatch)', () => {
    // Prepare
    // Act
    const decision = route({ serviceType: 'hvac_install' }, TUESDAY_10AM);
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'dana',
      ruleId: 'dispatch-default',
    });
  });

  it('capacity: a tech with open handoffs at capacity is skipped', () => {
    // Prepare
    const load = loads({ tomas: 8 });
    // Act
    const decision = route({}, TUESDAY_10AM, { load });
    // Assess
    expect(decision.to.id).toBe('dana');
  });

  it('territory: a lead outside every market goes to someone who covers all markets', () => {
    // Prepare
    // Act
    const decision = route(
      { market: undefined, zip: '75201', serviceAddress: '1 Main St, Dallas, TX 75201' },
      TUESDAY_10AM,
    );
    // Assess
    expect(decision.to.id).toBe('dana');
  });

  it('rules are ordered: a $9,000 standard job goes to the sales owner before the territory rule', () => {
    // Prepare
    // Act
    const decision = route({ estimatedValue: 9000 }, TUESDAY_10AM);
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'sam',
      ruleId: 'high-value-to-sales',
    });
  });

  it('nobody off shift is named while someone on shift can take it: after hours the fallback skips the office manager for the business owner on call', () => {
    // Prepare
    // Act
    const decision = route({}, TUESDAY_11PM);
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({ to: 'ruth', ruleId: 'fallback' });
  });

  it('a lead is never left without a named person: with nobody on shift at all, the office manager is named (the caller then waits for a shift)', () => {
    // Prepare
    const config = configWith((people) => {
      person(people, 'ruth').hours = 'business';
    });
    // Act
    const decision = route({}, TUESDAY_11PM, { config });
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({ to: 'priya', ruleId: 'fallback' });
  });

  it('holidays: business-hours staff are off on a holiday, so only someone on shift (the business owner on call) is named', () => {
    // Prepare
    const thanksgiving10am = new Date('2026-11-26T16:00:00Z');
    // Act
    const decision = route({}, thanksgiving10am);
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({ to: 'ruth', ruleId: 'fallback' });
  });

  it('a person with their own hours is on shift only then', () => {
    // Prepare: Tomás works evenings only.
    const config = configWith((people) => {
      person(people, 'tomas').hours = { tue: ['18:00-24:00'] };
    });
    // Act
    const decisions = [route({}, TUESDAY_10AM, { config }), route({}, TUESDAY_11PM, { config })];
    // Assess
    expect(decisions.map((d) => d.to.id)).toEqual(['dana', 'tomas']);
  });

  it('round-robin among equals: fewest open handoffs first', () => {
    // Prepare
    const load = loads({ tomas: 3, nina: 1 });
    // Act
    const decision = route({}, TUESDAY_10AM, { config: withNina(), load });
    // Assess
    expect([decision.to.id, decision.reason.endsWith('fewest open of 2 eligible')]).toEqual(['nina', true]);
  });

  it('round-robin among equals: with equal loads, the least recently assigned first', () => {
    // Prepare
    const load = loads({
      tomas: { open: 2, lastAssignedAt: '2026-03-10T09:00:00.000Z' },
      nina: { open: 2, lastAssignedAt: '2026-03-10T14:00:00.000Z' },
    });
    // Act
    const decision = route({}, TUESDAY_10AM, { config: withNina(), load });
    // Assess
    expect(decision.to.id).toBe('tomas');
  });

  it('round-robin among equals: someone never assigned goes before someone assigned', () => {
    // Prepare
    const load = loads({ tomas: { open: 0, lastAssignedAt: '2026-03-09T09:00:00.000Z' } });
    // Act
    const decision = route({}, TUESDAY_10AM, { config: withNina(), load });
    // Assess
    expect(decision.to.id).toBe('nina');
  });
});

describe('routeLead: special leads', () => {
  it('recovered missed calls go to a named owner: the person who missed it, even when full', () => {
    // Prepare
    const load = loads({ tomas: 8 });
    // Act
    const decision = route({ source: 'missed_call', missedBy: 'tomas' }, TUESDAY_10AM, { load });
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'tomas',
      ruleId: 'missed-call-owner',
    });
  });

  it('recovered missed calls: the person who missed it is not named off shift while someone on shift can take it', () => {
    // Prepare
    // Act
    const decision = route({ source: 'missed_call', missedBy: 'tomas' }, TUESDAY_11PM);
    // Assess
    expect([decision.to.id, decision.reason]).toEqual(['ruth', expect.stringContaining('is off shift')]);
  });

  it('recovered missed calls: an unknown missedBy is noted in the reason and the rules route the lead', () => {
    // Prepare
    // Act
    const decision = route({ source: 'missed_call', missedBy: 'zoe' }, TUESDAY_10AM);
    // Assess
    expect([decision.to.id, decision.reason]).toEqual([
      'tomas',
      expect.stringContaining('the person who missed the call is not on the active roster'),
    ]);
  });

  it('poor-fit leads go to the office manager for a decision, not to a tech', () => {
    // Prepare
    // Act
    const decision = route({ fit: 'poor' }, TUESDAY_10AM);
    // Assess
    expect({ to: decision.to.id, ruleId: decision.ruleId }).toEqual({
      to: 'priya',
      ruleId: 'poor-fit-office-manager',
    });
  });

  it('estimate leads need both an owner and a target follow-up date (next business day at opening)', () => {
    // Prepare
    // Act
    const decision = route({ urgency: 'estimate' }, TUESDAY_10AM);
    // Assess
    expect({
      to: decision.to.id,
      ladder: decision.ladder,
      acceptBy: decision.acceptBy,
      followUpAt: decision.followUpAt,
    }).toEqual({
      to: 'tomas',
      ladder: 'estimate',
      acceptBy: '2026-03-10T16:00:00.000Z',
      followUpAt: '2026-03-11T12:30:00.000Z',
    });
  });

  it('estimate leads get a follow-up date even when they fall back: Sunday → Monday 07:30', () => {
    // Prepare
    // Act
    const decision = route({ urgency: 'estimate' }, SUNDAY_2PM);
    // Assess
    expect([decision.ruleId, decision.followUpAt]).toEqual(['fallback', '2026-03-16T12:30:00.000Z']);
  });

  it('referral leads keep the referral context: the reason says it is a referral', () => {
    // Prepare
    // Act
    const decision = route({ source: 'referral', referredBy: 'Neighbor Jo Banks' }, TUESDAY_10AM);
    // Assess
    expect(decision.reason).toMatch(/referral lead \(referral context kept on the record\)$/);
  });

  it('the reason never contains customer personal data', () => {
    // Prepare
    const lead = { source: 'referral', referredBy: 'Neighbor Jo Banks', missedBy: undefined } as const;
    const decisions = [
      route(lead, TUESDAY_10AM),
      route({ ...lead, fit: 'poor' }, TUESDAY_10AM),
      route({ ...lead, urgency: 'emergency' }, TUESDAY_11PM, { load: loads({ marco: 6, jules: 6 }) }),
      route(lead, TUESDAY_11PM),
    ];
    const personal = ['Avery', '555', 'avery@example.com', 'Elm St', '78664', 'Jo Banks'];
    // Act
    const leaks = decisions.flatMap((d) => personal.filter((text) => d.reason.includes(text)));
    // Assess
    expect(leaks).toEqual([]);
  });
});

describe('routeToIntake', () => {
  it('an incomplete lead belongs to intake: a named intake person with the missing fields as next action', () => {
    // Prepare
    const lead = leadDetails({
      serviceAddress: undefined,
      market: undefined,
      zip: undefined,
      serviceType: undefined,
    });
    // Act
    const decision = routeToIntake({ lead, config: exampleConfig(), loads: loads(), now: TUESDAY_10AM }, [
      'serviceAddress',
      'serviceType',
    ]);
    // Assess
    expect(decision).toMatchObject({
      to: { id: 'irene', name: 'Irene Castillo', role: 'intake' },
      ruleId: 'needs-info-intake',
      nextAction: 'Complete the missing details (service address and service type) so the lead can be routed',
      ladder: 'needs_info',
      acceptBy: '2026-03-10T15:15:00.000Z',
      dueAt: '2026-03-10T16:00:00.000Z',
    });
  });

  it("intake's next action is itself specific", () => {
    // Prepare
    const lead = leadDetails({ notes: undefined });
    // Act
    const decision = routeToIntake({ lead, config: exampleConfig(), loads: loads(), now: TUESDAY_10AM }, [
      'notes',
    ]);
    // Assess
    expect(checkNextAction(decision.nextAction).ok).toBe(true);
  });

  it('names the office manager when no intake person is active', () => {
    // Prepare
    const config = configWith((people) => {
      person(people, 'irene').active = false;
    });
    // Act
    const decision = routeToIntake({ lead: leadDetails(), config, loads: loads(), now: TUESDAY_10AM }, [
      'notes',
    ]);
    // Assess
    expect(decision.to.id).toBe('priya');
  });
});

describe('loadsFrom', () => {
  it('counts open leads per assignee and keeps the latest assignment time', () => {
    // Prepare
    const open = [
      { assigneeId: 'tomas', assignedAt: '2026-03-10T09:00:00.000Z' },
      { assigneeId: 'tomas', assignedAt: '2026-03-10T11:00:00.000Z' },
      { assigneeId: 'tomas', assignedAt: '2026-03-10T10:00:00.000Z' },
      { assigneeId: 'dana' },
      {},
    ];
    // Act
    const result = loadsFrom(open);
    // Assess
    expect(Object.fromEntries(result)).toEqual({
      tomas: { open: 3, lastAssignedAt: '2026-03-10T11:00:00.000Z' },
      dana: { open: 1 },
    });
  });
});
