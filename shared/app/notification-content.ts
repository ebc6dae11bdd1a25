/**
 * Where a notification goes and what it says: the SMS text and the email of each purpose, with a fresh
 * link (issued by `LinkIssuer`) where the message carries one: the handoff request's own link, the owner's lead card
 * for a follow-up reminder, a read-only review link for a missed follow-up.
 */
import type { AppConfig, Person } from '../domain/config';
import { linkSafeLead } from '../domain/customer-sms';
import { handoffNote } from '../domain/handoff-note';
import { CUSTOMER_RECIPIENT, type Handoff, type Lead } from '../domain/lead';
import { type EmailText, handoffEmail, handoffSms, movedEmail, movedSms } from '../domain/messages';
import { acknowledgementSms, followUpMissedNotice, followUpReminder } from '../domain/sop-messages';
import { TransientError } from '../errors';
import type { NotifyMessage } from '../ports';
import { closeLoopContent } from './close-loop-messages';
import { type LinkIssuer, linkTtlHours } from './link-issuer';

/** Where the message goes: the customer's phone, or the person's phone or email for the channel. */
export const addressOf = (message: NotifyMessage, lead: Lead, person: Person | undefined) => {
  if (message.recipientId === CUSTOMER_RECIPIENT) return message.channel === 'sms' ? lead.phone : undefined;
  return message.channel === 'sms' ? person?.phone : person?.email;
};

/** The SMS text and email of a message as the lead stands now. */
export const messageContent = async (
  message: NotifyMessage,
  lead: Lead,
  handoff: Handoff,
  config: AppConfig,
  now: Date,
  links: LinkIssuer,
): Promise<{ sms: string; email?: EmailText }> => {
  const { timezone: timeZone, name: businessName } = config.business;
  const link = (seq: number, purpose?: 'review') =>
    links.issue(
      { leadId: lead.id, seq, recipientId: message.recipientId, ...(purpose ? { purpose } : {}) },
      linkTtlHours(lead, seq, config.business.messaging),
    );
  // SMS are built from the lead with customer-typed links neutralized; our own links are added as they are.
  const safe = linkSafeLead(lead);
  const followUp = lead.followUps?.find(
    (f) => f.sequence === message.followUp?.sequence && f.n === message.followUp?.n,
  );
  switch (message.purpose) {
    case 'acknowledgement':
      return { sms: acknowledgementSms(safe, config.business, now).text };
    case 'follow_up':
    case 'follow_up_missed': {
      if (!followUp) throw new TransientError('Follow-up not found on the lead');
      const review = message.purpose === 'follow_up_missed';
      const url = await link(message.seq, review ? 'review' : undefined);
      const build = review ? followUpMissedNotice : followUpReminder;
      return {
        sms: build(safe, followUp, url, config.business).sms,
        email: build(lead, followUp, url, config.business).email,
      };
    }
    case 'handoff':
    case 'moved': {
      const url = message.purpose === 'handoff' ? await link(handoff.seq) : '';
      const [note, smsNote] = [handoffNote(lead, handoff, config), handoffNote(safe, handoff, config)];
      const request = { note, link: url, timeZone, businessName, kind: handoff.kind, step: handoff.step };
      const moved = { leadId: lead.id, note, to: handoff.to, reason: handoff.reason, businessName };
      return message.purpose === 'handoff'
        ? {
            sms: handoffSms({
              ...request,
              note: smsNote,
              ...(handoff.replyCode ? { replyCode: handoff.replyCode } : {}),
            }),
            email: handoffEmail(request),
          }
        : { sms: movedSms({ ...moved, note: smsNote }), email: movedEmail(moved) };
    }
    case 'taken':
    case 'idle_reminder':
    case 'idle_escalation':
      return closeLoopContent({ ...message, purpose: message.purpose }, lead, config, (purpose) =>
        link(message.seq, purpose),
      );
  }
};
