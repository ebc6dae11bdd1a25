/**
 * The board's rules (docs/product-rules.md §7, §8): who may do what with a lead, closing with an outcome, the
 * complete form's fields and problems, and who is working now.
 */
import { describe, expect, it } from 'vitest';
import { allowedActions, mayRetryFailures } from '../../../shared/domain/board-actions';
import { closeLead } from '../../../shared/domain/close-lead';
import { completionFields, completionProblems, readCompletion } from '../../../shared/domain/completion-form';
import type { Lead } from '../../../shared/domain/lead';
import { rosterNow } from '../../../shared/domain/roster-now';
import { exampleConfig, handoff, SUNDAY_2PM, storedLead, TUESDAY_10AM } from './fixtures';

const PRIYA = { id: 'priya', name: 'Priya Raman', role: 'office_manager' as const };
const TOMAS = { id: 'tomas', name: 'Tomás Vega', role: 'tech' as const };
const KELLY = { id: 'kelly', role: 'tech' as const };

const accepted = (owner = TOMAS): Lead =>
  storedLead({ status: 'accepted', owner, handoff: handoff({ to: owner, state: 'accepted' }) });

describe('who may do what from the board', () => {
  it('lets the office roles complete a needs_info lead and close it, not transfer it or set its next action', () => {
    // Prepare
    const lead = storedLead({ status: 'needs_info', missing: ['serviceType'] });

    // Act / Assess
    expect(allowedActions(PRIYA, lead)).toEqual(['complete', 'close']);
    expect(allowedActions({ id: 'irene', role: 'intake' }, lead)).toEqual(['complete', 'close']);
  });

  it('lets the accepted owner and the office roles set the next action, transfer and close', () => {
    // Prepare / Act / Assess
    expect(allowedActions(TOMAS, accepted())).toEqual(['next_action', 'transfer', 'close']);
    expect(allowedActions(PRIYA, accepted())).toEqual(['next_action', 'transfer', 'close']);
  });

  it('gives someone who is only asked to accept, another tech, or anyone on a closed lead nothing', () => {
    // Prepare
    const asked = storedLead({ handoff: handoff({ to: TOMAS }) });

    // Act / Assess
    expect(allowedActions(TOMAS, asked)).toEqual([]);
    expect(allowedActions(KELLY, accepted())).toEqual([]);
    expect(allowedActions(PRIYA, { ...accepted(), status: 'closed' })).toEqual([]);
    expect(allowedActions(PRIYA, asked)).toEqual(['transfer', 'close']);
  });

  it('lets only the office roles retry failed handoffs', () => {
    // Prepare / Act / Assess
    expect(mayRetryFailures(PRIYA)).toBe(true);
    expect(mayRetryFailures({ role: 'operations' })).toBe(true);
    expect(mayRetryFailures(TOMAS)).toBe(false);
    expect(mayRetryFailures({ role: 'on_call' })).toBe(false);
  });
});

describe('closing a lead with an outcome', () => {
  const business = exampleConfig().business;

  it('needs an outcome, and a reason when lost', () => {
    // Prepare
    const lead = accepted();

    // Act
    const none = closeLead(lead, { outcome: undefined, reason: '' }, PRIYA, TUESDAY_10AM, business);
    const lost = closeLead(lead, { outcome: 'lost', reason: ' ' }, PRIYA, TUESDAY_10AM, business);

    // Assess
    expect(none).toEqual({
      problems: { outcome: expect.stringContaining('booked, lost, duplicate or spam') },
    });
    expect(lost).toEqual({ problems: { reason: expect.stringContaining('Say why the lead was lost') } });
  });

  it('booked ends as Closed Won, the rest as Closed Lost, with the outcome kept and the closer as actor', () => {
    // Prepare
    const lead = accepted();

    // Act
    const booked = closeLead(lead, { outcome: 'booked', reason: '' }, TOMAS, TUESDAY_10AM, business);
    const spam = closeLead(lead, { outcome: 'spam', reason: 'Robocall' }, PRIYA, TUESDAY_10AM, business);

    // Assess
    if (!('lead' in booked) || !('lead' in spam)) throw new Error('refused');
    expect(booked.lead).toMatchObject({
      status: 'closed',
      stage: 'closed_won',
      closure: { outcome: 'booked' },
    });
    expect(spam.lead).toMatchObject({
      status: 'closed',
      stage: 'closed_lost',
      closure: { outcome: 'spam', reason: 'Robocall', by: PRIYA, at: TUESDAY_10AM.toISOString() },
    });
    const entry = spam.lead.timeline.at(-1);
    expect(entry).toMatchObject({ type: 'status_changed', actor: { kind: 'person', id: 'priya' } });
    expect(entry?.summary).toBe(
      'Closed as spam by Priya Raman (office manager): Robocall (New Lead – Needs Qualification → Closed Lost)',
    );
  });

  it('supersedes an open handoff (its timer is listed) and cancels pending follow-ups', () => {
    // Prepare
    const lead = storedLead({
      handoff: handoff({ seq: 3 }),
      followUps: [
        {
          sequence: 1,
          n: 1,
          kind: 'no_decision',
          opensAt: '2026-03-10T15:00:00.000Z',
          dueAt: '2026-03-12T15:00:00.000Z',
          remindAt: '2026-03-12T14:00:00.000Z',
          state: 'scheduled',
        },
      ],
      followUpSequence: 1,
      followUpAt: '2026-03-12T15:00:00.000Z',
    });

    // Act
    const result = closeLead(lead, { outcome: 'duplicate', reason: '' }, PRIYA, TUESDAY_10AM, business);

    // Assess
    if (!('lead' in result)) throw new Error('refused');
    expect(result.supersededSeq).toBe(3);
    expect(result.lead.handoff).toMatchObject({
      state: 'superseded',
      resolvedAt: TUESDAY_10AM.toISOString(),
    });
    expect(result.lead.followUps?.[0]?.state).toBe('cancelled');
    expect(result.lead.followUpAt).toBeUndefined();
    expect(result.cancel.map((timer) => timer.step)).toEqual(['remind', 'due']);
  });

  it('refuses a lead already closed', () => {
    // Prepare / Act
    const result = closeLead(
      storedLead({ status: 'closed' }),
      { outcome: 'spam', reason: '' },
      PRIYA,
      TUESDAY_10AM,
      business,
    );

    // Assess
    expect(result).toEqual({ problems: { form: 'This lead is already closed.' } });
  });
});

describe('the complete form', () => {
  it('asks for exactly the missing fields (consent as two yes/no choices), or the notes when none is listed', () => {
    // Prepare
    const missing = storedLead({
      status: 'needs_info',
      serviceType: undefined,
      consent: undefined,
      missing: ['serviceType', 'consent'],
    });
    const sentBack = storedLead({ status: 'needs_info', missing: [] });

    // Act / Assess
    expect(completionFields(missing)).toEqual(['serviceType', 'consent']);
    expect(completionFields(sentBack)).toEqual(['notes']);
  });

  it('needs every field filled and each consent answered; reads a filled form as the update to apply', () => {
    // Prepare
    const lead = storedLead({
      status: 'needs_info',
      serviceType: undefined,
      consent: undefined,
      missing: [],
    });

    // Act
    const empty = readCompletion(lead, { serviceType: ' ', consentSms: 'maybe' }, 'Priya Raman');
    const filled = readCompletion(
      lead,
      { serviceType: 'drain_cleaning', consentSms: 'yes', consentEmail: 'no' },
      'Priya Raman',
    );

    // Assess
    expect(empty).toEqual({
      problems: {
        serviceType: 'Choose the service.',
        consentSms: 'Say whether the customer agreed to text messages.',
        consentEmail: 'Say whether the customer agreed to email.',
      },
    });
    expect(filled).toEqual({
      body: {
        serviceType: 'drain_cleaning',
        consent: { sms: true, email: false, method: 'recorded on the board by Priya Raman' },
      },
    });
  });

  it('puts intake’s problems on the form’s inputs in plain words', () => {
    // Prepare
    const fields = ['phone', 'serviceAddress', 'consent'] as const;

    // Act
    const problems = completionProblems(
      [
        { path: 'phone', message: 'not a valid phone number' },
        { path: 'zip', message: 'expected a 5-digit zip code' },
        { path: 'consent.email', message: 'expected true or false' },
        { path: 'email', message: 'not a valid email address' },
      ],
      fields,
    );

    // Assess
    expect(problems).toEqual({
      phone: 'This is not a phone number we can call; check the digits, e.g. (512) 555-0123.',
      serviceAddress: 'Expected a 5-digit zip code.',
      consentEmail: 'Expected true or false.',
      form: 'Not a valid email address.',
    });
  });
});

describe('who is working now', () => {
  it('on a Tuesday morning: on call any hour, the office on shift until closing', () => {
    // Prepare / Act
    const roster = rosterNow(exampleConfig(), TUESDAY_10AM);

    // Assess
    expect(roster.onCall.map((line) => line.who)).toEqual([
      'Jules Okafor (on call)',
      'Marco Silva (on call)',
      'Ruth Hollis (business owner)',
    ]);
    expect(roster.onShift.find((line) => line.personId === 'priya')?.when).toBe('until Tue 5:30 PM');
    expect(roster.offShift).toEqual([]);
    expect(roster.away).toEqual([]);
  });

  it('on a Sunday: the office off shift, back at Monday’s opening', () => {
    // Prepare / Act
    const roster = rosterNow(exampleConfig(), SUNDAY_2PM);

    // Assess
    expect(roster.onShift).toEqual([]);
    expect(roster.offShift.find((line) => line.personId === 'priya')?.when).toBe('back Mon Mar 16, 7:30 AM');
  });
});
