/**
 * "Taken by" (docs/product-rules.md §5): when someone accepts, every other person who was messaged for
 * that lead's open chain (the first recipient, the escalation steps, the re-notifications since the
 * chain started) gets one message saying who took it, so nobody else acts on it; the acceptor gets none.
 *
 * Who was messaged is read from the lead's delivery records (`notifications`), not guessed from the
 * ladder: a handoff request that was sent, or was being sent when the lead was accepted, counts; one
 * still queued is dropped by the notifier and does not. Each person gets it once, on their first
 * channel (SMS before email when they have both); the notifier's claim on the lead keeps it at once.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import type { Lead } from './lead';
import type { EmailText } from './messages';
import { type Channel, notificationKey } from './notification-state';
import { channelsOf, personById } from './roster';
import { fitParts, SMS_MAX_SEPTETS, smsPart } from './sms';
import { entriesOf } from './timeline';
import { firstNameOf, serviceLabel } from './wording';

const CHANNELS: readonly Channel[] = ['sms', 'email'];

/** One "taken by" message to send: who, on which channel. */
export interface TakenByNotice {
  recipientId: string;
  channel: Channel;
}

/** Who accepted handoff `seq` and when, from the timeline; undefined if nobody did. */
export const acceptanceOf = (
  lead: Lead,
  seq: number,
): { id: string; name: string; at: string } | undefined => {
  const entry = entriesOf(lead.timeline, 'accepted').find((e) => e.data.seq === seq);
  if (!entry?.actor.id || !entry.actor.name) return undefined;
  return { id: entry.actor.id, name: entry.actor.name, at: entry.at };
};

/**
 * The handoffs of the chain that handoff `seq` ends: from the latest chain start (a routing, a transfer,
 * a return to intake: step 0) up to `seq`, with each one's recipient.
 */
export const chainOf = (lead: Lead, seq: number): { seq: number; toId: string }[] => {
  const created = entriesOf(lead.timeline, 'handoff_created').filter((e) => e.data.seq <= seq);
  const start = created.filter((e) => e.data.step === 0).at(-1)?.data.seq ?? 1;
  return created.filter((e) => e.data.seq >= start).map((e) => ({ seq: e.data.seq, toId: e.data.toId }));
};

/** Whether a handoff request of step `seq` went (or was going) to the person on `channel`. */
const requested = (lead: Lead, seq: number, personId: string, channel: Channel): boolean => {
  const state = lead.notifications?.[notificationKey(seq, personId, channel, 'handoff')]?.state;
  return state === 'sent' || state === 'sending';
};

/**
 * Who gets a "taken by" message once handoff `seq` is accepted: everyone but the acceptor who was sent a
 * handoff request in its chain, each once, on the first of their channels that was used for a request.
 */
export const takenByRecipients = (lead: Lead, seq: number, config: AppConfig): TakenByNotice[] => {
  const acceptor = acceptanceOf(lead, seq);
  if (!acceptor) return [];
  const used = new Map<string, Set<Channel>>();
  for (const step of chainOf(lead, seq)) {
    if (step.toId === acceptor.id) continue;
    for (const channel of CHANNELS) {
      if (!requested(lead, step.seq, step.toId, channel)) continue;
      used.set(step.toId, (used.get(step.toId) ?? new Set<Channel>()).add(channel));
    }
  }
  return [...used].flatMap(([recipientId, channels]) => {
    const person = personById(config, recipientId);
    const preferred = person ? channelsOf(person) : [];
    const channel = preferred.find((c) => channels.has(c)) ?? preferred[0];
    return channel ? [{ recipientId, channel }] : [];
  });
};

/** Whether someone already has (or is being sent) the "taken by" of step `seq` on another channel. */
export const takenByOnOtherChannel = (lead: Lead, seq: number, recipientId: string, channel: Channel) =>
  CHANNELS.some(
    (other) => other !== channel && lead.notifications?.[notificationKey(seq, recipientId, other, 'taken')],
  );

/** What a "taken by" message says: which lead (service and first name), and who took it. */
export interface TakenByInput {
  lead: Lead;
  businessName: string;
  /** The acceptor's name as the roster has it. */
  takenBy: string;
  /** When it was accepted (ISO). */
  at: string;
  timeZone: string;
}

const leadWords = (lead: Lead): { service: string | undefined; name: string | undefined } => ({
  service: lead.serviceType ? serviceLabel(lead.serviceType).toLowerCase() : undefined,
  name: firstNameOf(lead.fullName),
});

/**
 * The "taken by" SMS, e.g. `Lone Star Plumbing & Air: the water heater lead for Dana was taken by Marco
 * Silva. No action needed.` No link and no customer details beyond the first name.
 */
export const takenBySms = ({ lead, businessName, takenBy }: TakenByInput): string => {
  const { service, name } = leadWords(lead);
  const parts = {
    business: { text: smsPart(businessName), min: 10 },
    service: { text: smsPart(service ?? ''), min: 8 },
    name: { text: smsPart(name ?? ''), min: 3 },
    by: { text: smsPart(takenBy), min: 6 },
  };
  return fitParts(
    parts,
    (v) =>
      `${v.business}: the ${v.service ? `${v.service} ` : ''}lead${v.name ? ` for ${v.name}` : ''} was taken by ${v.by}. No action needed.`,
    SMS_MAX_SEPTETS,
  ).text;
};

/** The "taken by" email: the same words, the time it was taken, and the lead reference. */
export const takenByEmail = ({ lead, businessName, takenBy, at, timeZone }: TakenByInput): EmailText => {
  const { service, name } = leadWords(lead);
  const what = `${service ? `${service} ` : ''}lead${name ? ` for ${name}` : ''}`;
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  return {
    subject: oneLine(`Taken by ${takenBy}: the ${what}`),
    body: [
      `${businessName}: the ${what} was taken by ${takenBy} at ${formatLocalDate(at, timeZone)}.`,
      'No action is needed from you, and your handoff link for it no longer works.',
      '',
      `Lead reference: ${lead.id}`,
    ].join('\n'),
  };
};
