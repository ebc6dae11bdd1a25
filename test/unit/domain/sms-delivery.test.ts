/**
 * Delivery reports and what a failed handoff SMS does (docs/product-rules.md §12): which reports are
 * failures and their words, the context an SMS carries, a notification key read back, and the failover
 * of a handoff request whose SMS did not reach its recipient.
 */
import { describe, expect, it } from 'vitest';
import { markUndelivered, messageRecord } from '../../../shared/domain/notification-delivery';
import { notificationKey, notificationOfKey } from '../../../shared/domain/notification-state';
import { smsContextFrom, smsContextOf } from '../../../shared/domain/sms-context';
import { SMS_FAILURE_STATUS_NAMES, undeliveredOf } from '../../../shared/domain/sms-delivery';
import { failoverRoute, handToNextStep, stillAwaits } from '../../../shared/domain/sms-failover';
import { entriesOf } from '../../../shared/domain/timeline';
import { exampleConfig, handoff, loads, storedLead, TUESDAY_10AM } from './fixtures';

const MARCO = { id: 'marco', name: 'Marco Silva', role: 'on_call' as const };

describe('undeliveredOf', () => {
  it.each(SMS_FAILURE_STATUS_NAMES)('reads TEXT_%s as a failure with its own words', (status) => {
    // Act
    const failure = undeliveredOf(`TEXT_${status}`, status);

    // Assess
    expect(failure).toMatchObject({ status, reason: `undelivered_${status.toLowerCase()}` });
    expect(failure?.words).toMatch(/^[a-z]/);
    expect(failure?.words).not.toContain('_');
  });

  it('says what the issue names: the carrier could not reach the phone', () => {
    // Act
    const failure = undeliveredOf('TEXT_CARRIER_UNREACHABLE', 'CARRIER_UNREACHABLE');

    // Assess
    expect(failure?.words).toBe('the carrier could not reach the phone');
  });

  it('treats an OPTED_OUT status as a failure whatever the event type', () => {
    // Act
    const failure = undeliveredOf('TEXT_BLOCKED', 'OPTED_OUT');

    // Assess
    expect(failure).toEqual({
      status: 'OPTED_OUT',
      reason: 'undelivered_opted_out',
      words: 'the number opted out of texts',
    });
  });

  it.each([
    ['TEXT_DELIVERED', 'DELIVERED'],
    ['TEXT_SUCCESSFUL', 'SUCCESSFUL'],
    ['TEXT_QUEUED', 'QUEUED'],
    ['TEXT_PENDING', 'PENDING'],
    ['VOICE_COMPLETED', undefined],
  ])('ignores %s', (eventType, status) => {
    // Act / Assess
    expect(undeliveredOf(eventType, status)).toBeUndefined();
  });
});

describe('the SMS context', () => {
  it('carries the lead, step, purpose and person as strings, and reads them back', () => {
    // Prepare
    const context = smsContextOf({ leadId: 'lead-1', seq: 3, purpose: 'handoff' }, 'marco');

    // Act
    const back = smsContextFrom(context);

    // Assess
    expect(context).toEqual({ leadId: 'lead-1', seq: '3', purpose: 'handoff', recipientId: 'marco' });
    expect(back).toEqual({ leadId: 'lead-1', seq: 3, purpose: 'handoff', recipientId: 'marco' });
  });

  it.each([
    ['nothing', undefined],
    ['no lead', { seq: '1', purpose: 'handoff', recipientId: 'marco' }],
    ['a step that is not a number', { leadId: 'l', seq: 'one', purpose: 'handoff', recipientId: 'marco' }],
    ['an unknown purpose', { leadId: 'l', seq: '1', purpose: 'spam', recipientId: 'marco' }],
    ['no person', { leadId: 'l', seq: '1', purpose: 'handoff' }],
  ])('reads %s as no context', (_label, context) => {
    // Act / Assess
    expect(smsContextFrom(context)).toBeUndefined();
  });
});

describe('notificationOfKey', () => {
  it.each([
    notificationKey(2, 'marco', 'sms', 'handoff'),
    notificationKey(0, 'customer', 'sms', 'acknowledgement'),
    notificationKey(1, 'dana', 'email', 'follow_up', { sequence: 2, n: 3 }),
    notificationKey(4, 'sam', 'sms', 'idle_escalation', undefined, 5),
  ])('reads %s back into what made it', (key) => {
    // Act
    const parts = notificationOfKey(key);

    // Assess
    expect(parts).toBeDefined();
    const { seq, recipientId, channel, purpose, followUp, idleRound } = parts ?? {
      seq: -1,
      recipientId: '',
      channel: 'sms',
      purpose: 'handoff',
    };
    expect(notificationKey(seq, recipientId, channel, purpose, followUp, idleRound)).toBe(key);
  });

  it.each(['', '1.marco.fax.handoff', '1.marco.sms.party', 'x.marco.sms.handoff'])(
    'reads %j as no key',
    (key) => {
      // Act / Assess
      expect(notificationOfKey(key)).toBeUndefined();
    },
  );
});

describe('markUndelivered', () => {
  const key = notificationKey(1, 'marco', 'sms', 'handoff');
  const sent = storedLead({
    handoff: handoff({ to: MARCO }),
    notifications: {
      [key]: { state: 'sent', at: '2026-03-10T15:00:01.000Z', attempts: 1, messageId: 'm-1' },
    },
  });
  const facts = { seq: 1, channel: 'sms' as const, purpose: 'handoff' as const, recipientId: 'marco' };

  it('turns the sent message failed, keeps its id and says so on the timeline', () => {
    // Act
    const lead = markUndelivered(
      sent,
      key,
      'undelivered_spam',
      'SMS … could not be delivered',
      facts,
      TUESDAY_10AM,
    );

    // Assess
    expect(lead?.notifications?.[key]).toMatchObject({
      state: 'failed',
      reason: 'undelivered_spam',
      messageId: 'm-1',
    });
    expect(entriesOf(lead?.timeline ?? [], 'notification_failed').map((e) => e.data.reason)).toEqual([
      'undelivered_spam',
    ]);
    expect(messageRecord(lead ?? sent, 'm-1')?.key).toBe(key);
  });

  it('changes nothing the second time', () => {
    // Prepare
    const once = markUndelivered(sent, key, 'undelivered_spam', 'x', facts, TUESDAY_10AM) ?? sent;

    // Act
    const twice = markUndelivered(once, key, 'undelivered_spam', 'x', facts, TUESDAY_10AM);

    // Assess
    expect(twice).toBeUndefined();
  });
});

describe('the failover of a handoff SMS', () => {
  const config = exampleConfig();
  const waiting = storedLead({ urgency: 'emergency', handoff: handoff({ to: MARCO, step: 1 }) });

  it('emails a person whose email this step has not used', () => {
    // Prepare
    const marco = config.roster.people.find((p) => p.id === 'marco');
    const smsOnly = marco ? { ...marco, notify: ['sms' as const] } : undefined;

    // Act
    const route = failoverRoute(waiting, { seq: 1, recipientId: 'marco' }, smsOnly);

    // Assess
    expect(route).toBe('email');
  });

  it('moves to the next step when the email went with the handoff already, or there is none', () => {
    // Prepare
    const marco = config.roster.people.find((p) => p.id === 'marco');
    const noEmail = marco ? { ...marco, email: undefined, notify: ['sms' as const] } : undefined;

    // Act / Assess
    expect(failoverRoute(waiting, { seq: 1, recipientId: 'marco' }, marco)).toBe('next_step');
    expect(failoverRoute(waiting, { seq: 1, recipientId: 'marco' }, noEmail)).toBe('next_step');
  });

  it('hands the lead to the next step now, saying why on the timeline', () => {
    // Act
    const next = handToNextStep({
      lead: waiting,
      failed: { seq: 1, recipientId: 'marco' },
      config,
      loads: loads(),
      now: TUESDAY_10AM,
      why: 'the carrier could not reach the phone',
    });

    // Assess
    expect(next?.handoff).toMatchObject({ seq: 2, kind: 'escalation', from: { id: 'marco' } });
    expect(next?.handoff?.to.id).not.toBe('marco');
    expect(entriesOf(next?.timeline ?? [], 'escalated').at(-1)?.summary).toMatch(
      /^SMS to Marco Silva \(on call\) not delivered \(the carrier could not reach the phone\): next /,
    );
  });

  it('changes nothing once the step no longer waits on that person', () => {
    // Prepare
    const accepted = storedLead({ handoff: handoff({ to: MARCO, state: 'accepted' }) });
    const input = { config, loads: loads(), now: TUESDAY_10AM, why: 'x' };

    // Act / Assess
    expect(stillAwaits(accepted, { seq: 1, recipientId: 'marco' })).toBe(false);
    expect(
      handToNextStep({ ...input, lead: accepted, failed: { seq: 1, recipientId: 'marco' } }),
    ).toBeUndefined();
    expect(
      handToNextStep({ ...input, lead: waiting, failed: { seq: 2, recipientId: 'marco' } }),
    ).toBeUndefined();
    expect(
      handToNextStep({ ...input, lead: waiting, failed: { seq: 1, recipientId: 'dana' } }),
    ).toBeUndefined();
  });
});
