import { describe, expect, it } from 'vitest';
import type { Lead, NotificationState } from '../../../shared/domain/lead';
import { smsEncoding } from '../../../shared/domain/sms';
import { chainOf, takenByEmail, takenByRecipients, takenBySms } from '../../../shared/domain/taken-by';
import { type TimelineEvent, timelineEvent } from '../../../shared/domain/timeline';
import { exampleConfig, storedLead } from './fixtures';

const config = exampleConfig();
const NOW = new Date('2026-11-18T05:10:00Z');

const created = (seq: number, toId: string, step: number): TimelineEvent =>
  timelineEvent(NOW, 'handoff_created', { kind: 'system' }, `Handoff #${seq}`, {
    seq,
    toId,
    ladder: 'urgent',
    step,
    acceptBy: NOW.toISOString(),
  });

const acceptedBy = (seq: number, id: string, name: string): TimelineEvent =>
  timelineEvent(NOW, 'accepted', { kind: 'person', id, name }, `Accepted by ${name}`, {
    seq,
    latencySeconds: 60,
  });

const state = (value: NotificationState['state']): NotificationState => ({
  state: value,
  at: NOW.toISOString(),
  attempts: 1,
});

/**
 * A lead routed to Irene (seq 1, an earlier chain), transferred to Marco (seq 2, a new chain), escalated to
 * Jules (3) and Priya (4), who accepted. `notifications` says which handoff requests went out.
 */
const escalatedLead = (notifications: Record<string, NotificationState>): Lead =>
  storedLead({
    status: 'accepted',
    owner: { id: 'priya', name: 'Priya Raman', role: 'office_manager' },
    serviceType: 'water_heater',
    fullName: 'Dana Rivera',
    timeline: [
      created(1, 'irene', 0),
      created(2, 'marco', 0),
      created(3, 'jules', 1),
      created(4, 'priya', 2),
      acceptedBy(4, 'priya', 'Priya Raman'),
    ],
    notifications,
  });

describe('takenByRecipients', () => {
  it('names everyone else messaged in the open chain, once each, SMS first; not the acceptor, not an earlier chain', () => {
    // Prepare
    const lead = escalatedLead({
      '1.irene.sms.handoff': state('sent'),
      '2.marco.sms.handoff': state('sent'),
      '2.marco.email.handoff': state('sent'),
      '3.jules.email.handoff': state('sent'),
      '3.jules.sms.handoff': state('sending'),
      '4.priya.sms.handoff': state('sent'),
    });

    // Act
    const recipients = takenByRecipients(lead, 4, config);

    // Assess
    expect(chainOf(lead, 4).map((step) => step.seq)).toEqual([2, 3, 4]);
    expect(recipients).toEqual([
      { recipientId: 'marco', channel: 'sms' },
      { recipientId: 'jules', channel: 'sms' },
    ]);
  });

  it('leaves out whoever was never actually sent a request (still queued, or failed), and a lead nobody accepted', () => {
    // Prepare
    const lead = escalatedLead({
      '2.marco.sms.handoff': state('failed'),
      '3.jules.email.handoff': state('sent'),
    });

    // Act
    const recipients = takenByRecipients(lead, 4, config);
    const notAccepted = takenByRecipients(lead, 3, config);

    // Assess
    expect(recipients).toEqual([{ recipientId: 'jules', channel: 'email' }]);
    expect(notAccepted).toEqual([]);
  });
});

describe('"taken by" texts', () => {
  it('say which lead and who took it, in plain words, the first name only, in one GSM-7 segment', () => {
    // Prepare
    const lead = escalatedLead({});
    const input = {
      lead,
      businessName: 'Lone Star Plumbing & Air',
      takenBy: 'Priya Raman',
      at: '2026-11-18T05:10:00.000Z',
      timeZone: 'America/Chicago',
    };

    // Act
    const sms = takenBySms(input);
    const email = takenByEmail(input);

    // Assess
    expect(sms).toBe(
      'Lone Star Plumbing & Air: the water heater lead for Dana was taken by Priya Raman. No action needed.',
    );
    expect(smsEncoding(sms)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(email.subject).toBe('Taken by Priya Raman: the water heater lead for Dana');
    expect(email.body).toContain('was taken by Priya Raman at Tue Nov 17, 11:10 PM.');
    expect(`${sms}${email.subject}${email.body}`).not.toContain('Rivera');
  });

  it('reads well without a service type or a name', () => {
    // Prepare
    const { serviceType: _s, fullName: _n, ...rest } = escalatedLead({});

    // Act
    const sms = takenBySms({
      lead: rest,
      businessName: 'Lone Star',
      takenBy: 'Marco Silva',
      at: NOW.toISOString(),
      timeZone: 'America/Chicago',
    });

    // Assess
    expect(sms).toBe('Lone Star: the lead was taken by Marco Silva. No action needed.');
  });
});
