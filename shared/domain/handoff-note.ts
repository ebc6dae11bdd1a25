/**
 * The handoff note: the short working bridge a recipient reads before accepting.
 * Lead name, owners, last contact, what the customer asked, what was already sent, the next action and
 * its due time, the next follow-up date and anything unclear, in plain words.
 *
 * Pure: built from the lead, the handoff and the configuration. Times stay ISO-8601 UTC; the note carries
 * the business time zone so every renderer (SMS, email, link page) shows the same local times.
 */
import { captureWords } from './capture-words';
import { missingFields } from './completeness';
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import { MISSING_TEXT } from './intake-fields';
import { CONTACT_EVENTS } from './last-contact';
import type { CompletenessField, Handoff, HandoffKind, Lead, PersonRef, Urgency } from './lead';
import {
  actorLabel,
  describePerson,
  firstNameOf,
  rejectReasonLabel,
  serviceLabel,
  sourceLabel,
  urgencyLabel,
} from './wording';

/** Everything a recipient needs to accept (or send back) a handoff without re-asking basic questions. */
export interface HandoffNote {
  leadId: string;
  /** The customer's full name, or `NAME_NOT_CAPTURED`. */
  leadName: string;
  /** The first name alone (what SMS may carry); undefined when no name was captured. */
  customerFirstName?: string;
  /** The urgency code, when captured (renderers shout the urgent ones). */
  urgency?: Urgency;
  /** E.g. `Emergency`, `Active loss`, `Standard`. */
  urgencyLabel: string;
  /** E.g. `Plumbing repair`. */
  serviceLabel: string;
  /** E.g. `South Austin / Buda (78704)`: market and zip only, never the street address. */
  area: string;
  /** The accepted owner, if someone has accepted. */
  currentOwner?: PersonRef;
  /** Who this handoff asks to accept. */
  recipient: PersonRef;
  /** The previous recipient or owner, when there was one. */
  previousOwner?: PersonRef;
  /** What the customer asked (the notes), or `Not captured`. */
  customerAsked: string;
  promisedNextStep?: string;
  nextAction: string;
  /** When the next action is due (ISO-8601 UTC). */
  dueAt: string;
  /** The acceptance deadline (ISO-8601 UTC). */
  acceptBy: string;
  /** When this handoff was accepted (ISO-8601 UTC); then the note shows that instead of the deadline. */
  acceptedAt?: string;
  /** Target follow-up date (estimates, No Decision), ISO-8601 UTC. */
  nextFollowUpAt?: string;
  /** When, who and what of the latest contact with the customer, or `No contact logged yet`. */
  lastContact: string;
  /** What the customer was already sent, one line each (acknowledgement SMS...). */
  alreadySent: string[];
  /**
   * Anything the recipient should check: missing fields, why it came back, what intake could not match
   * (in the customer's words), consent, fit...
   */
  unclear: string[];
  /** What the source sent besides the lead's fields, as `name: value` lines (none: empty). */
  otherDetails: string[];
  /** Shown to the recipient on the link page and in the email (it is their lead); never logged. */
  contact: { phone?: string; email?: string; address?: string };
  referredBy?: string;
  /** E.g. `Web form`, `Referral`. */
  source: string;
  campaign?: string;
  /** Why this step exists. */
  kind: HandoffKind;
  /**
   * Why it came to this person, for escalations and transfers (staff, roles and minutes only). Routing
   * reasons are left out: they name rules and workloads, which is ops detail.
   */
  movedBecause?: string;
  /** For a `renotify` handoff: which reminder this is, 1-based (the step beyond the chain's end). */
  reminder?: number;
  /** The business time zone (IANA) every time of this note is shown in. */
  timeZone: string;
}

/** What the note says when intake has no customer name yet. */
export const NAME_NOT_CAPTURED = 'Name not captured yet';
/** What the note says when nobody has contacted the customer yet. */
export const NO_CONTACT_YET = 'No contact logged yet';

/** The lead's area in words: its market (named, or found by zip) and zip, e.g. `North Austin / Round Rock (78664)`. */
export const areaOf = (lead: Lead, config: AppConfig): string => {
  const markets = config.roster.markets;
  const market =
    markets.find((candidate) => candidate.id === lead.market) ??
    (lead.zip === undefined
      ? undefined
      : markets.find((candidate) => candidate.zips.includes(lead.zip ?? '')));
  const name = market?.name ?? lead.market;
  if (name !== undefined && lead.zip !== undefined) return `${name} (${lead.zip})`;
  return name ?? lead.zip ?? 'Area not captured';
};

const lastContactOf = (lead: Lead, timeZone: string): string => {
  const latest = lead.timeline.filter((event) => CONTACT_EVENTS.includes(event.type)).at(-1);
  if (latest === undefined) return NO_CONTACT_YET;
  const when = formatLocalDate(latest.at, timeZone);
  // The customer reached out last: they are waiting on us.
  const waiting = latest.type === 'contacted_again' ? ' (the customer is waiting on us)' : '';
  const who = latest.type === 'contacted_again' ? '' : ` – ${actorLabel(latest.actor)}`;
  return `${when}${who}: ${latest.summary}${waiting}`;
};

const alreadySentOf = (lead: Lead, timeZone: string): string[] =>
  lead.timeline
    .filter((event) => event.type === 'acknowledgement_sent')
    .map((event) => `${formatLocalDate(event.at, timeZone)}: ${event.summary}`);

const unclearOf = (lead: Lead): string[] => {
  const unclear: string[] = [];
  if (lead.returned) {
    const text = lead.returned.text ? ` (${lead.returned.text})` : '';
    unclear.push(
      `Sent back by ${describePerson(lead.returned.by)}: ${rejectReasonLabel(lead.returned.reason)}${text}`,
    );
  }
  const missing = new Set<CompletenessField>([...lead.missing, ...missingFields(lead)]);
  for (const field of missing) unclear.push(MISSING_TEXT[field]);
  unclear.push(...captureWords(lead).warnings);
  if (!missing.has('serviceAddress') && lead.serviceAddress === undefined) {
    unclear.push('No street address yet, only the area');
  }
  if (lead.email === undefined) unclear.push('No email on file');
  if (lead.consent && !lead.consent.sms) unclear.push('No SMS consent: call or email the customer instead');
  if (lead.consent && !lead.consent.email && lead.email !== undefined) unclear.push('No email consent');
  if (lead.promisedNextStep === undefined) unclear.push('No promised next step recorded');
  if (lead.source === 'referral' && lead.referredBy !== undefined) {
    unclear.push('Referral: check the referral context before the first call');
  }
  if (lead.fit === 'poor') unclear.push('Poor fit: decide whether to quote');
  return unclear;
};

const reminderOf = (handoff: Handoff, config: AppConfig): number | undefined => {
  if (handoff.kind !== 'renotify') return undefined;
  const chainLength = config.business.escalation.chains[handoff.ladder].length;
  return Math.max(handoff.step - chainLength, 1);
};

/** The handoff note of `handoff` on `lead`, in the words and local times the recipient reads. */
export const handoffNote = (lead: Lead, handoff: Handoff, config: AppConfig): HandoffNote => {
  const timeZone = config.business.timezone;
  const fullName = lead.fullName?.trim();
  const firstName = firstNameOf(fullName);
  const reminder = reminderOf(handoff, config);
  return {
    leadId: lead.id,
    leadName: fullName ? fullName : NAME_NOT_CAPTURED,
    ...(firstName === undefined ? {} : { customerFirstName: firstName }),
    ...(lead.urgency === undefined ? {} : { urgency: lead.urgency }),
    urgencyLabel: urgencyLabel(lead.urgency),
    serviceLabel: serviceLabel(lead.serviceType),
    area: areaOf(lead, config),
    ...(lead.owner ? { currentOwner: lead.owner } : {}),
    recipient: handoff.to,
    ...(handoff.from ? { previousOwner: handoff.from } : {}),
    customerAsked: lead.notes?.trim() ? lead.notes.trim() : 'Not captured',
    ...(lead.promisedNextStep ? { promisedNextStep: lead.promisedNextStep } : {}),
    nextAction: handoff.nextAction,
    dueAt: handoff.dueAt,
    acceptBy: handoff.acceptBy,
    ...(handoff.state === 'accepted' && handoff.resolvedAt ? { acceptedAt: handoff.resolvedAt } : {}),
    ...(lead.followUpAt ? { nextFollowUpAt: lead.followUpAt } : {}),
    lastContact: lastContactOf(lead, timeZone),
    alreadySent: alreadySentOf(lead, timeZone),
    unclear: unclearOf(lead),
    otherDetails: captureWords(lead).otherDetails,
    contact: {
      ...(lead.phone ? { phone: lead.phone } : {}),
      ...(lead.email ? { email: lead.email } : {}),
      ...(lead.serviceAddress ? { address: lead.serviceAddress } : {}),
    },
    ...(lead.referredBy ? { referredBy: lead.referredBy } : {}),
    source: sourceLabel(lead.source),
    ...(lead.campaign ? { campaign: lead.campaign } : {}),
    kind: handoff.kind,
    ...(handoff.kind === 'escalation' || handoff.kind === 'transfer' ? { movedBecause: handoff.reason } : {}),
    ...(reminder === undefined ? {} : { reminder }),
    timeZone,
  };
};
