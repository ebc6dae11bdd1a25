/**
 * A handoff request's SMS that did not reach its recipient falls over at once (docs/product-rules.md
 * §12): when the send fails for good (`NotificationService`), and when the carrier reports it
 * undelivered (`SmsDeliveryService`). On in-memory fakes; the local runner's scenarios are in
 * test/integration/sms-delivery.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DispatchService } from '../../../shared/app/dispatch-service';
import { NotificationService } from '../../../shared/app/notification-service';
import { SmsDeliveryService } from '../../../shared/app/sms-delivery-service';
import type { AppConfig } from '../../../shared/domain/config';
import type { Lead } from '../../../shared/domain/lead';
import { notificationKey } from '../../../shared/domain/lead';
import { smsContextOf } from '../../../shared/domain/sms-context';
import { entriesOf } from '../../../shared/domain/timeline';
import { timerName } from '../../../shared/domain/timer-names';
import { acceptHandoff } from '../../../shared/domain/transitions';
import { TransientError } from '../../../shared/errors';
import type { NotifyMessage, SmsDeliveryEvent, SmsMessage } from '../../../shared/ports';
import { exampleConfig } from '../../support/fakes';
import { dispatchLead, type Pipeline, pipeline, queued, stored, submitLead } from './support';

const setup = (config?: AppConfig) => {
  const p = pipeline(undefined, config);
  return {
    ...p,
    notifications: new NotificationService(p.deps),
    deliveries: new SmsDeliveryService(p.deps),
  };
};

/** The example roster with `personId` reached by SMS only (their email address is still on file). */
const smsOnly = (personId: string): AppConfig => {
  const config = exampleConfig();
  const people = config.roster.people.map((p) =>
    p.id === personId ? { ...p, notify: ['sms' as const] } : p,
  );
  return { ...config, roster: { ...config.roster, people } };
};

const handoffSms = (lead: Lead): NotifyMessage => ({
  type: 'notify',
  leadId: lead.id,
  seq: lead.handoff?.seq ?? 1,
  recipientId: lead.handoff?.to.id ?? '?',
  channel: 'sms',
  purpose: 'handoff',
});

/** The lead dispatched and its handoff SMS sent: what AWS answered, and the lead as stored. */
const sentHandoff = async (p: ReturnType<typeof setup>) => {
  const lead = await dispatchLead(p, await submitLead(p));
  await p.notifications.notify(handoffSms(lead));
  p.queue.sent.length = 0;
  const sms = p.sms.sent.at(-1);
  return { lead: await stored(p, lead.id), messageId: `sms-${p.sms.sent.length}`, sms };
};

/** The carrier's report of that SMS, with the context it was sent with. */
const report = (
  messageId: string,
  sms: Pick<SmsMessage, 'ref' | 'recipientId'> | undefined,
  eventType = 'TEXT_CARRIER_UNREACHABLE',
): SmsDeliveryEvent => ({
  eventType,
  status: eventType.replace(/^TEXT_/, ''),
  messageId,
  at: new Date('2026-11-18T16:00:30Z'),
  context: smsContextOf(sms?.ref, sms?.recipientId),
});

const openFailures = async (p: Pipeline) => (await p.failureStore.listOpen()).items;

describe('a handoff SMS that fails to send for good', () => {
  it('hands the lead to the next step at once when the email already went with the step', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    const person = (await p.deps.config.load()).roster.people.find((x) => x.id === lead.handoff?.to.id);
    p.sms.optedOut.add(person?.phone ?? '?');

    // Act
    const outcome = await p.notifications.notify(handoffSms(lead));

    // Assess
    const after = await stored(p, lead.id);
    expect(outcome).toBe('failed');
    expect(after.handoff).toMatchObject({ seq: 2, kind: 'escalation', from: { id: person?.id } });
    expect(entriesOf(after.timeline, 'escalated').at(-1)?.summary).toMatch(
      /^SMS to .+ not delivered \(the number opted out of texts\): next /,
    );
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 2 }]);
    expect(p.timers.cancelled).toEqual([timerName(lead.id, 1)]);
    expect((await openFailures(p)).map((f) => f.reason)).toEqual(['opted_out']);
  });

  it('tells that person the lead moved by email only: the SMS would fail the same way', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    const person = (await p.deps.config.load()).roster.people.find((x) => x.id === lead.handoff?.to.id);
    p.sms.optedOut.add(person?.phone ?? '?');
    await p.notifications.notify(handoffSms(lead));
    p.queue.sent.length = 0;

    // Act
    await new DispatchService(p.deps).dispatch(lead.id, 2);

    // Assess
    const moved = p.queue.sent
      .map((sent) => sent.message)
      .filter((m) => m.type === 'notify' && m.purpose === 'moved' && m.recipientId === person?.id);
    expect(moved.map((m) => (m.type === 'notify' ? m.channel : ''))).toEqual(['email']);
  });

  it('emails the person instead when the step did not use their email, and waits on them', async () => {
    // Prepare
    const first = setup();
    const recipient = (await dispatchLead(first, await submitLead(first))).handoff?.to.id ?? '?';
    const p = setup(smsOnly(recipient));
    const lead = await dispatchLead(p, await submitLead(p));
    const person = (await p.deps.config.load()).roster.people.find((x) => x.id === recipient);
    p.sms.optedOut.add(person?.phone ?? '?');

    // Act
    await p.notifications.notify(handoffSms(lead));

    // Assess
    const after = await stored(p, lead.id);
    expect(after.handoff).toMatchObject({ seq: 1, state: 'awaiting_acceptance', to: { id: recipient } });
    expect(queued(p, 'notify-standard')).toEqual([{ ...handoffSms(lead), channel: 'email' }]);
  });
});

describe('SmsDeliveryService', () => {
  it('records a carrier failure in words, lists it as a failed handoff and moves the lead on', async () => {
    // Prepare
    const p = setup();
    const { lead, messageId, sms } = await sentHandoff(p);

    // Act
    const outcome = await p.deliveries.onEvent(report(messageId, sms));

    // Assess
    const after = await stored(p, lead.id);
    const key = notificationKey(1, lead.handoff?.to.id ?? '?', 'sms', 'handoff');
    expect(outcome).toBe('reported');
    expect(after.notifications?.[key]).toMatchObject({
      state: 'failed',
      reason: 'undelivered_carrier_unreachable',
      messageId,
    });
    expect(entriesOf(after.timeline, 'notification_failed').map((e) => e.summary)).toEqual([
      expect.stringMatching(
        /^SMS handoff request to .+ could not be delivered: the carrier could not reach the phone$/,
      ),
    ]);
    expect((await openFailures(p)).map((f) => [f.kind, f.reason])).toEqual([
      ['notification', 'undelivered_carrier_unreachable'],
    ]);
    expect(after.handoff).toMatchObject({ seq: 2, kind: 'escalation' });
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 2 }]);
  });

  it('changes nothing when the same report comes again', async () => {
    // Prepare
    const p = setup();
    const { lead, messageId, sms } = await sentHandoff(p);
    await p.deliveries.onEvent(report(messageId, sms));
    const before = await stored(p, lead.id);
    p.queue.sent.length = 0;

    // Act
    const outcome = await p.deliveries.onEvent(report(messageId, sms));

    // Assess
    expect(outcome).toBe('duplicate');
    expect(await stored(p, lead.id)).toEqual(before);
    expect(p.queue.sent).toEqual([]);
    expect((await openFailures(p))[0]?.attempts).toBe(1);
  });

  it('only adds a timeline line for a step already accepted', async () => {
    // Prepare
    const p = setup();
    const { lead, messageId, sms } = await sentHandoff(p);
    const accepted = acceptHandoff(lead, {
      seq: 1,
      recipientId: lead.handoff?.to.id ?? '?',
      confirmations: ['saw_notes', 'understands_next_step', 'knows_deadline', 'enough_context'],
      now: p.clock.now(),
    });
    if (!('lead' in accepted)) throw new Error('not accepted');
    await p.store.replace({ ...accepted.lead, version: lead.version + 1 }, lead.version);

    // Act
    const outcome = await p.deliveries.onEvent(report(messageId, sms));

    // Assess
    const after = await stored(p, lead.id);
    expect(outcome).toBe('recorded');
    expect(after.handoff).toMatchObject({ seq: 1, state: 'accepted' });
    expect(after.timeline.at(-1)?.type).toBe('notification_failed');
    expect(await openFailures(p)).toEqual([]);
    expect(p.queue.sent).toEqual([]);
  });

  it('ignores what is not a failure, and reports it names no message of ours', async () => {
    // Prepare
    const p = setup();
    const { lead, messageId, sms } = await sentHandoff(p);

    // Act
    const outcomes = [
      await p.deliveries.onEvent(report(messageId, sms, 'TEXT_DELIVERED')),
      await p.deliveries.onEvent(report('another-message', sms)),
      await p.deliveries.onEvent(report(messageId, { ...sms, recipientId: 'someone-else' })),
      await p.deliveries.onEvent(report(messageId, undefined)),
    ];

    // Assess
    expect(outcomes).toEqual(['ignored', 'unmatched', 'unmatched', 'unmatched']);
    expect(await stored(p, lead.id)).toEqual(lead);
    expect(p.metrics.total('SmsDeliveryReports')).toBe(1);
  });

  it('waits for the send to be recorded when the report overtakes it', async () => {
    // Prepare
    const p = setup();
    const { lead, sms } = await sentHandoff(p);
    const key = notificationKey(1, lead.handoff?.to.id ?? '?', 'sms', 'handoff');
    const sending = {
      state: 'sending' as const,
      at: lead.updatedAt,
      attempts: 1,
      leaseUntil: lead.updatedAt,
    };
    await p.store.replace(
      { ...lead, version: lead.version + 1, notifications: { ...lead.notifications, [key]: sending } },
      lead.version,
    );

    // Act
    const error = await p.deliveries.onEvent(report('sms-9', sms)).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TransientError);
  });
});
