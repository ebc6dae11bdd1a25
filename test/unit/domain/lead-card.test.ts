import { describe, expect, it } from 'vitest';
import { onFollowUpTimer } from '../../../shared/domain/follow-up-timer';
import type { Lead, PersonRef } from '../../../shared/domain/lead';
import { logContact, setNextAction, setStage } from '../../../shared/domain/lead-card';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();
const tomas: PersonRef = { id: 'tomas', name: 'Tomás Reyes', role: 'tech' };
const lee: PersonRef = { id: 'lee', name: 'Lee Bishop', role: 'operations' };
const NOW = new Date('2026-11-18T20:00:00Z'); // Wed 2 PM in Austin

/** A standard lead Tomás accepted. */
const owned = (overrides: Partial<Lead> = {}): Lead =>
  storedLead({
    status: 'accepted',
    stage: 'new_lead',
    owner: tomas,
    handoff: handoff({ to: tomas, state: 'accepted' }),
    ...overrides,
  });

/** Tomás marks the estimate sent at NOW (Wed 2 PM), with the SOP's first follow-up (5:30 PM). */
const estimateSent = () =>
  ok(
    setStage(
      owned(),
      { stage: 'estimate_sent', followUpAt: new Date('2026-11-18T23:30:00Z') },
      'tomas',
      NOW,
      config,
    ),
  );

const ok = <T extends object>(result: T) => {
  if ('problems' in result) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result as Exclude<T, { problems: unknown }>;
};

describe('logContact', () => {
  it('refuses a contact in the future, an empty summary and a missing channel, by field', () => {
    const result = logContact(
      owned(),
      {
        at: new Date('2026-11-18T21:00:00Z'),
        byId: 'tomas',
        channel: undefined,
        summary: ' ',
        waitingOn: 'us',
      },
      'tomas',
      NOW,
      config,
    );
    expect(result).toEqual({
      problems: {
        contact_at: 'A contact cannot be in the future.',
        contact_channel: 'Choose how the contact happened.',
        contact_summary: 'Say what was said or sent.',
      },
    });
  });

  it('refuses anyone but the accepted owner, and a closed lead', () => {
    const input = {
      at: undefined,
      byId: undefined,
      channel: 'call' as const,
      summary: 'Called',
      waitingOn: 'us' as const,
    };
    expect(logContact(owned(), input, 'kelly', NOW, config)).toHaveProperty('problems.form');
    expect(logContact(owned({ status: 'closed' }), input, 'tomas', NOW, config)).toHaveProperty(
      'problems.form',
    );
  });

  it('logs only the earliest pending follow-up whose window was open at the contact time', () => {
    const sent = estimateSent();
    const later = new Date('2026-11-18T21:00:00Z');
    const logged = ok(
      logContact(
        sent.lead,
        { at: later, byId: 'tomas', channel: 'call', summary: 'Called about it', waitingOn: 'customer' },
        'tomas',
        later,
        config,
      ),
    );
    expect(logged.lead.followUps?.map((f) => f.state)).toEqual(['logged', 'scheduled', 'scheduled']);
    expect(logged.cancel.map((t) => `${t.n}${t.step}`)).toEqual(['1remind', '1due']);
    expect(logged.lead.followUpAt).toBe(logged.lead.followUps?.[1]?.dueAt);
  });
});

describe('setStage', () => {
  it('refuses a first estimate follow-up later than the SOP’s, and a date in the past', () => {
    const late = setStage(
      owned(),
      { stage: 'estimate_sent', followUpAt: new Date('2026-11-19T20:00:00Z') },
      'tomas',
      NOW,
      config,
    );
    const past = setStage(
      owned(),
      { stage: 'no_decision', followUpAt: new Date('2026-11-18T19:00:00Z') },
      'tomas',
      NOW,
      config,
    );
    expect(late).toHaveProperty(
      'problems.follow_up_at',
      expect.stringContaining('due by Wed Nov 18, 5:30 PM'),
    );
    expect(past).toHaveProperty('problems.follow_up_at', 'The follow-up date must be in the future.');
  });

  it('an earlier first follow-up than the SOP’s is kept; both timers of each follow-up are scheduled', () => {
    const result = ok(
      setStage(
        owned(),
        { stage: 'estimate_sent', followUpAt: new Date('2026-11-18T22:00:00Z') },
        'tomas',
        NOW,
        config,
      ),
    );
    expect(result.lead.followUps?.[0]?.dueAt).toBe('2026-11-18T22:00:00.000Z');
    expect(result.schedule.map((t) => `${t.n}${t.step}`)).toEqual([
      '1remind',
      '1due',
      '2remind',
      '2due',
      '3remind',
      '3due',
    ]);
    expect(result.lead).toMatchObject({
      stage: 'estimate_sent',
      estimateSentAt: NOW.toISOString(),
      followUpSequence: 1,
    });
  });

  it('No Decision schedules one follow-up at the date given and replaces the estimate sequence', () => {
    const sent = estimateSent();
    const result = ok(
      setStage(
        sent.lead,
        { stage: 'no_decision', followUpAt: new Date('2026-11-20T15:00:00Z') },
        'tomas',
        NOW,
        config,
      ),
    );
    expect(result.lead.followUps?.map((f) => `${f.sequence}.${f.n}:${f.state}`)).toEqual(['2.1:scheduled']);
    expect(result.cancel).toHaveLength(6);
    expect(result.lead.followUpAt).toBe('2026-11-20T15:00:00.000Z');
  });
});

describe('setNextAction', () => {
  it('refuses a vague action and a due time in the past, by field', () => {
    const result = setNextAction(
      owned(),
      { action: 'check later', dueAt: new Date('2026-11-18T19:00:00Z') },
      'tomas',
      NOW,
      config,
    );
    expect(Object.keys((result as { problems: object }).problems).sort()).toEqual([
      'next_action',
      'next_action_due',
    ]);
  });
});

describe('onFollowUpTimer', () => {
  const sequence = () => estimateSent().lead;

  it('reminds once: a second firing of the same reminder changes nothing', () => {
    const first = onFollowUpTimer(sequence(), { sequence: 1, n: 1 }, 'remind', NOW, lee, config);
    const again = onFollowUpTimer(first.lead, { sequence: 1, n: 1 }, 'remind', NOW, lee, config);
    expect(first).toMatchObject({ changed: true, effect: { kind: 'remind', owner: { id: 'tomas' } } });
    expect(again).toMatchObject({ changed: false, effect: { kind: 'none' } });
  });

  it('a due check before the due time changes nothing; after it, the follow-up is missed and goes to operations', () => {
    const lead = sequence();
    const early = onFollowUpTimer(
      lead,
      { sequence: 1, n: 1 },
      'due',
      new Date('2026-11-18T23:00:00Z'),
      lee,
      config,
    );
    const due = onFollowUpTimer(
      lead,
      { sequence: 1, n: 1 },
      'due',
      new Date('2026-11-18T23:30:00Z'),
      lee,
      config,
    );
    expect(early.changed).toBe(false);
    expect(due).toMatchObject({ changed: true, effect: { kind: 'missed', escalateTo: { id: 'lee' } } });
    expect(due.lead.followUps?.[0]).toMatchObject({ state: 'missed', escalatedTo: { id: 'lee' } });
  });

  it('a timer of a cancelled or logged follow-up changes nothing', () => {
    const lead = sequence();
    const cancelled = ok(
      setStage(lead, { stage: 'work_approved', followUpAt: undefined }, 'tomas', NOW, config),
    ).lead;
    expect(onFollowUpTimer(cancelled, { sequence: 1, n: 2 }, 'remind', NOW, lee, config).changed).toBe(false);
  });
});
