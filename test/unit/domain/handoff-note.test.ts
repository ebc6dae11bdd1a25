import { describe, expect, it } from 'vitest';
import { handoffNote, NAME_NOT_CAPTURED, NO_CONTACT_YET } from '../../../shared/domain/handoff-note';
import type { PersonRef } from '../../../shared/domain/lead';
import { noteFacts } from '../../../shared/domain/note-facts';
import { timelineEvent } from '../../../shared/domain/timeline';
import { firstNameOf } from '../../../shared/domain/wording';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();
const dana: PersonRef = { id: 'dana', name: 'Dana Whitfield', role: 'dispatch' };
const marco: PersonRef = { id: 'marco', name: 'Marco Diaz', role: 'on_call' };

describe('handoffNote: who and what', () => {
  it('names the customer, the urgency, the service and the area (market name and zip)', () => {
    // Prepare
    const lead = storedLead({ fullName: 'Ana Díaz', urgency: 'emergency', market: 'south', zip: '78704' });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note).toMatchObject({
      leadId: 'lead-1',
      leadName: 'Ana Díaz',
      customerFirstName: 'Ana',
      urgency: 'emergency',
      urgencyLabel: 'Emergency',
      serviceLabel: 'Plumbing repair',
      area: 'South Austin / Buda (78704)',
    });
  });

  it('says the name was not captured yet when intake has none', () => {
    // Prepare
    const lead = storedLead({ fullName: undefined, status: 'needs_info', missing: ['fullName'] });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.leadName).toBe(NAME_NOT_CAPTURED);
    expect(note.customerFirstName).toBeUndefined();
  });

  it('finds the market from the zip when the lead has no market', () => {
    // Prepare
    const lead = storedLead({ market: undefined, zip: '78745' });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.area).toBe('South Austin / Buda (78745)');
  });

  it('says the area was not captured when there is neither market nor zip', () => {
    // Prepare
    const lead = storedLead({ market: undefined, zip: undefined });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.area).toBe('Area not captured');
  });

  it('names the recipient, the previous owner and the current owner', () => {
    // Prepare
    const lead = storedLead({ owner: dana, status: 'accepted' });
    const transfer = handoff({ kind: 'transfer', to: marco, from: dana, reason: 'customer asked for Marco' });

    // Act
    const note = handoffNote(lead, transfer, config);

    // Assess
    expect(note.recipient).toEqual(marco);
    expect(note.previousOwner).toEqual(dana);
    expect(note.currentOwner).toEqual(dana);
  });

  it('carries the next action, the due time, the acceptance deadline and the follow-up date', () => {
    // Prepare
    const lead = storedLead({ urgency: 'estimate', followUpAt: '2026-03-11T12:30:00.000Z' });

    // Act
    const note = handoffNote(
      lead,
      handoff({ nextAction: 'Send two appointment options by Wednesday' }),
      config,
    );

    // Assess
    expect(note).toMatchObject({
      nextAction: 'Send two appointment options by Wednesday',
      dueAt: '2026-03-10T15:15:00.000Z',
      acceptBy: '2026-03-10T15:05:00.000Z',
      nextFollowUpAt: '2026-03-11T12:30:00.000Z',
      timeZone: 'America/Chicago',
    });
  });

  it('says what the customer asked, or that it was not captured', () => {
    // Prepare
    const lead = storedLead({ notes: undefined });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.customerAsked).toBe('Not captured');
  });

  it('shows the contact details, source and campaign', () => {
    // Prepare
    const lead = storedLead({ source: 'web_form', campaign: 'spring-promo' });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.contact).toEqual({
      phone: '+15125550199',
      email: 'avery@example.com',
      address: '12 Elm St, Round Rock, TX 78664',
    });
    expect(note.source).toBe('Web form');
    expect(note.campaign).toBe('spring-promo');
  });
});

describe('handoffNote: last contact and what was sent', () => {
  it('says no contact was logged when the timeline has none', () => {
    // Prepare
    const lead = storedLead({
      timeline: [
        timelineEvent(new Date('2026-03-10T15:00:00Z'), 'routed', { kind: 'system' }, 'rule x', {
          toId: 'jamie',
        }),
      ],
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.lastContact).toBe(NO_CONTACT_YET);
  });

  it('shows the latest contact in local time with who and what', () => {
    // Prepare
    const lead = storedLead({
      timeline: [
        timelineEvent(
          new Date('2026-03-09T14:00:00Z'),
          'contact_logged',
          { kind: 'person', name: 'Irene' },
          'old',
          { channel: 'call', waitingOn: 'customer', contactAt: '2026-03-09T14:00:00.000Z' },
        ),
        timelineEvent(
          new Date('2026-03-10T14:30:00Z'),
          'contact_logged',
          { kind: 'person', id: 'jamie', name: 'Jamie Ortiz' },
          'Sent the estimate range and asked for a preferred window',
          { channel: 'sms', waitingOn: 'customer', contactAt: '2026-03-10T14:30:00.000Z' },
        ),
        timelineEvent(new Date('2026-03-10T14:40:00Z'), 'routed', { kind: 'system' }, 'rule x', {
          toId: 'jamie',
        }),
      ],
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.lastContact).toBe(
      'Tue Mar 10, 9:30 AM – Jamie Ortiz: Sent the estimate range and asked for a preferred window',
    );
  });

  it('says the customer is waiting on us when they contacted us last', () => {
    // Prepare
    const lead = storedLead({
      timeline: [
        timelineEvent(
          new Date('2026-03-10T14:30:00Z'),
          'contacted_again',
          { kind: 'source', id: 'phone' },
          'Customer contacted again via phone call',
          {},
        ),
      ],
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.lastContact).toBe(
      'Tue Mar 10, 9:30 AM: Customer contacted again via phone call (the customer is waiting on us)',
    );
  });

  it('lists the acknowledgements already sent to the customer', () => {
    // Prepare
    const lead = storedLead({
      timeline: [
        timelineEvent(
          new Date('2026-03-11T04:01:00Z'),
          'acknowledgement_sent',
          { kind: 'system' },
          'Acknowledgement SMS sent: next contact window Wed 7:30 AM',
          { seq: 1, channel: 'sms', purpose: 'acknowledgement', recipientId: 'customer' },
        ),
      ],
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.alreadySent).toEqual([
      'Tue Mar 10, 11:01 PM: Acknowledgement SMS sent: next contact window Wed 7:30 AM',
    ]);
  });
});

describe('handoffNote: anything unclear', () => {
  it('lists missing fields in plain words', () => {
    // Prepare
    const lead = storedLead({
      phone: undefined,
      serviceType: undefined,
      status: 'needs_info',
      missing: ['phone', 'serviceType'],
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.unclear).toEqual(expect.arrayContaining(['No phone number', 'No service type']));
  });

  it('says what intake could not match, in the customer’s words, and lists the other details sent', () => {
    // Prepare
    const said = 'The customer wrote the area as “north side”: we could not match it to a market.';
    const lead = storedLead({
      warnings: [
        { field: 'market', message: said, words: 'north side' },
        { field: 'CallSid', message: 'Not a lead field: kept as sent under “extra”.' },
      ],
      extra: { CallSid: 'CA1', message: 'Gate code\n4411' },
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.unclear).toContain(said);
    expect(note.unclear.join(' ')).not.toContain('Not a lead field');
    expect(noteFacts(note).find((fact) => fact.key === 'other_details')).toEqual({
      key: 'other_details',
      label: 'Other details sent',
      value: ['CallSid: CA1', 'message: Gate code 4411'],
    });
  });

  it('says why the lead came back to intake', () => {
    // Prepare
    const lead = storedLead({
      returned: {
        by: dana,
        reason: 'missing_address',
        text: 'Only a zip code',
        at: '2026-03-10T15:02:00.000Z',
      },
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.unclear).toContain(
      'Sent back by Dana Whitfield (dispatch): Missing address (Only a zip code)',
    );
  });

  it('flags a missing email, a missing SMS consent, a poor fit and a referral to check', () => {
    // Prepare
    const lead = storedLead({
      email: undefined,
      consent: { sms: false, email: false, capturedAt: '2026-03-10T15:00:00.000Z', method: 'verbal on call' },
      fit: 'poor',
      source: 'referral',
      referredBy: 'Neighbour Jo Park, past customer',
    });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.unclear).toEqual(
      expect.arrayContaining([
        'No email on file',
        'No SMS consent: call or email the customer instead',
        'Poor fit: decide whether to quote',
        'Referral: check the referral context before the first call',
      ]),
    );
    expect(note.referredBy).toBe('Neighbour Jo Park, past customer');
  });

  it('flags nothing when the record is complete', () => {
    // Prepare
    const lead = storedLead({ promisedNextStep: 'Call back within 10 minutes' });

    // Act
    const note = handoffNote(lead, handoff(), config);

    // Assess
    expect(note.unclear).toEqual([]);
  });
});

describe('handoffNote: the step', () => {
  it('numbers re-notifications from the end of the chain', () => {
    // Prepare: the urgent chain has three entries, so step 5 is the second reminder.
    const renotify = handoff({ kind: 'renotify', step: 5 });

    // Act
    const note = handoffNote(storedLead(), renotify, config);

    // Assess
    expect(note.reminder).toBe(2);
  });

  it('says why an escalation came to this person', () => {
    // Prepare
    const escalation = handoff({
      kind: 'escalation',
      to: marco,
      from: dana,
      step: 1,
      reason: 'not accepted by Dana Whitfield (dispatch) within 5 min: next on call Marco Diaz',
    });

    // Act
    const note = handoffNote(storedLead(), escalation, config);

    // Assess
    expect(note.movedBecause).toBe(
      'not accepted by Dana Whitfield (dispatch) within 5 min: next on call Marco Diaz',
    );
  });

  it('leaves the routing reason (rule ids, workloads) out of the note', () => {
    // Prepare
    const routed = handoff({ reason: 'rule urgent-dispatch-in-hours: Dana Whitfield, 3/40 open' });

    // Act
    const facts = noteFacts(handoffNote(storedLead(), routed, config));

    // Assess
    expect(JSON.stringify(facts)).not.toContain('urgent-dispatch-in-hours');
  });
});

describe('noteFacts', () => {
  it('shows the due time and the acceptance deadline in the business time zone', () => {
    // Prepare
    const note = handoffNote(storedLead(), handoff(), config);

    // Act
    const facts = noteFacts(note);

    // Assess
    expect(facts.find((fact) => fact.key === 'due')?.value).toBe('Tue Mar 10, 10:15 AM');
    expect(facts.find((fact) => fact.key === 'accept_by')?.value).toBe('Tue Mar 10, 10:05 AM');
  });

  it('shows when an accepted handoff was accepted instead of its deadline', () => {
    // Prepare
    const accepted = handoff({ state: 'accepted', resolvedAt: '2026-03-10T15:02:00.000Z' });
    const note = handoffNote(storedLead(), accepted, config);

    // Act
    const facts = noteFacts(note);

    // Assess
    expect(facts.find((fact) => fact.key === 'accepted')?.value).toBe('Tue Mar 10, 10:02 AM');
    expect(facts.map((fact) => fact.key)).not.toContain('accept_by');
  });
});

describe('firstNameOf', () => {
  it('skips a leading title', () => {
    // Act
    const first = firstNameOf('Mrs. Ana Díaz');

    // Assess
    expect(first).toBe('Ana');
  });
});
