import { describe, expect, it } from 'vitest';
import { LeadsService } from '../../../shared/app/leads-service';
import { NotificationService } from '../../../shared/app/notification-service';
import type { Lead } from '../../../shared/domain/lead';
import { TransientError } from '../../../shared/errors';
import { hashToken } from '../../../shared/link-tokens';
import type { NotifyMessage } from '../../../shared/ports';
import { BASE_URL, dispatchLead, pipeline, stored, submitLead, timelineTypes, tokenOf } from './support';

const setup = () => {
  const p = pipeline();
  return { ...p, notifications: new NotificationService(p.deps) };
};

const handoffSms = (lead: Lead): NotifyMessage => ({
  type: 'notify',
  leadId: lead.id,
  seq: lead.handoff?.seq ?? 1,
  recipientId: lead.handoff?.to.id ?? '?',
  channel: 'sms',
  purpose: 'handoff',
});

const acknowledgement = (lead: Lead): NotifyMessage => ({
  type: 'notify',
  leadId: lead.id,
  seq: 1,
  recipientId: 'customer',
  channel: 'sms',
  purpose: 'acknowledgement',
});

describe('NotificationService', () => {
  it('texts the handoff request to the recipient with a link bound to this step and person', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    const { config } = p.deps;
    const recipient = (await config.load()).roster.people.find((person) => person.id === lead.handoff?.to.id);

    // Act
    const outcome = await p.notifications.notify(handoffSms(lead));

    // Assess
    expect(outcome).toBe('sent');
    expect(p.sms.sent).toHaveLength(1);
    const [sms] = p.sms.sent;
    expect(sms?.to).toBe(recipient?.phone);
    expect(sms?.body).toContain(`${BASE_URL}/h/`);
    const record = await p.tokens.get(hashToken(tokenOf(sms?.body ?? '')));
    expect(record).toMatchObject({ leadId: lead.id, seq: 1, recipientId: lead.handoff?.to.id });
    const after = await stored(p, lead.id);
    expect(after.notifications?.[`1.${lead.handoff?.to.id}.sms.handoff`]?.state).toBe('sent');
    expect(timelineTypes(after).at(-1)).toBe('notification_sent');
  });

  it('sends nothing for a duplicate of a message already delivered', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    await p.notifications.notify(handoffSms(lead));

    // Act
    const duplicate = await p.notifications.notify(handoffSms(lead));

    // Assess
    expect(duplicate).toBe('skipped');
    expect(p.sms.sent).toHaveLength(1);
    expect(timelineTypes(await stored(p, lead.id)).filter((t) => t === 'notification_sent')).toHaveLength(1);
  });

  it('emails the handoff request on the email channel', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));

    // Act
    const outcome = await p.notifications.notify({ ...handoffSms(lead), channel: 'email' });

    // Assess
    expect(outcome).toBe('sent');
    expect(p.sms.sent).toEqual([]);
    expect(p.email.sent).toHaveLength(1);
    expect(p.email.sent[0]?.recipientId).toBe(lead.handoff?.to.id);
    expect(p.email.sent[0]?.body).toContain(`${BASE_URL}/h/`);
  });

  it('texts the customer an acknowledgement on their own number', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));

    // Act
    const outcome = await p.notifications.notify(acknowledgement(lead));

    // Assess
    expect(outcome).toBe('sent');
    expect(p.sms.sent.map((s) => s.to)).toEqual([lead.phone]);
    expect(timelineTypes(await stored(p, lead.id)).at(-1)).toBe('acknowledgement_sent');
  });

  it('records an opted-out number as failed with a failed-handoff report, without retrying it', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    p.sms.optedOut.add(lead.phone ?? '?');

    // Act
    const outcome = await p.notifications.notify(acknowledgement(lead));

    // Assess
    expect(outcome).toBe('failed');
    expect(p.sms.sent).toEqual([]);
    const after = await stored(p, lead.id);
    expect(after.notifications?.['0.customer.sms.acknowledgement']).toMatchObject({
      state: 'failed',
      reason: 'opted_out',
    });
    const failures = (await p.failureStore.listOpen()).items;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ leadId: lead.id, kind: 'notification', reason: 'opted_out' });
    expect(after.openFailures).toEqual([failures[0]?.id]);
  });

  it('does not send again when the message of a permanently failed notification is redelivered', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    p.sms.optedOut.add(lead.phone ?? '?');
    await p.notifications.notify(acknowledgement(lead));
    p.sms.optedOut.clear();

    // Act
    const redelivered = await p.notifications.notify(acknowledgement(lead));

    // Assess: the copy reports the earlier failure; nothing is sent
    expect(redelivered).toBe('failed');
    expect(p.sms.sent).toEqual([]);
  });

  // A redelivered duplicate used to count as 'skipped', and the open failed-handoff record was then resolved
  // as "retried: no longer needed" although nothing was ever delivered.
  it('keeps the failed-handoff record open when a duplicate of the failed message is redelivered', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    p.sms.optedOut.add(lead.phone ?? '?');
    await p.notifications.notify(acknowledgement(lead));

    // Act
    await p.notifications.notify(acknowledgement(lead));

    // Assess
    expect((await p.failureStore.listOpen()).items).toHaveLength(1);
  });

  it('lets a throttled send fail for the queue to retry, and the retry sends it once', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    p.sms.throttleNext = 1;
    const throttled = await p.notifications.notify(handoffSms(lead)).catch((e: unknown) => e);

    // Act
    const retry = await p.notifications.notify(handoffSms(lead), { attempt: 2 });

    // Assess
    expect(throttled).toBeInstanceOf(Error);
    expect(retry).toBe('sent');
    expect(p.sms.sent).toHaveLength(1);
    expect((await p.failureStore.listOpen()).items).toEqual([]);
  });

  it('refuses to send while another attempt holds the claim', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    const key = `1.${lead.handoff?.to.id}.sms.handoff`;
    const now = p.clock.now();
    await p.store.replace(
      {
        ...lead,
        version: lead.version + 1,
        notifications: {
          [key]: {
            state: 'sending',
            at: now.toISOString(),
            attempts: 1,
            leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
          },
        },
      },
      lead.version,
    );

    // Act
    const error = await p.notifications.notify(handoffSms(lead)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(p.sms.sent).toEqual([]);
  });

  it('skips a handoff request for a step the lead has moved past', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p));
    await new LeadsService(p.deps).transfer(
      lead.id,
      { to: 'sam', reason: 'Sales owns repipes' },
      { kind: 'ops' },
    );

    // Act
    const outcome = await p.notifications.notify(handoffSms(lead));

    // Assess
    expect(outcome).toBe('skipped');
    expect(p.sms.sent).toEqual([]);
    expect(p.tokens.records.size).toBe(0);
  });
});
