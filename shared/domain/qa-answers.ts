/**
 * The five QA questions of the weekly review, and the facts from one lead's timeline that answer them for
 * one handoff: was the owner right, were the notes enough, did the lead wait, did the customer repeat
 * themselves, did the outcome match the urgency and source.
 */
import { givenWindowMinutes } from './acceptance-window';
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import {
  type CompletenessField,
  type Lead,
  type PersonRef,
  type Source,
  STAGE_LABELS,
  type Urgency,
} from './lead';
import { formatDuration } from './report-text';
import { firstHappened, handoffSeqs, nameOf, secondsBetween } from './report-timeline';
import { entriesOf, type TimelineEvent, type TimelineEventOf, type TimelineEventType } from './timeline';
import { describePerson, plural, REJECT_REASON_LABELS, SOURCE_LABELS, URGENCY_LABELS } from './wording';

export interface QaAnswer {
  /** The question, word for word. */
  question: string;
  /** Facts from the timeline that answer it. */
  evidence: string;
}

/** One sampled handoff with the facts that answer the five QA questions. */
export interface QaItem {
  leadId: string;
  leadName: string;
  /** The handoff step sampled. */
  seq: number;
  urgency?: Urgency;
  source: Source;
  /** The lead's accepted owner now, if any. */
  owner?: PersonRef;
  questions: QaAnswer[];
}

/** The five QA questions of the weekly review, verbatim. */
export const QA_QUESTIONS = [
  'Was the owner assignment correct?',
  'Were the notes sufficient?',
  'Did the lead wait too long before action?',
  'Did the customer have to repeat themselves?',
  'Did the final outcome match the urgency and source quality?',
] as const;

/** Timeline entries that explain why a handoff went to its recipient. */
const WHY_EVENTS = ['routed', 'needs_info', 'escalated', 'transferred'] as const;
type WhyEvent = TimelineEventOf<(typeof WHY_EVENTS)[number]>;
const isWhy = (event: TimelineEvent): event is WhyEvent =>
  (WHY_EVENTS as readonly TimelineEventType[]).includes(event.type);

/** Entries that end a handoff step. */
type Resolution = TimelineEventOf<'accepted' | 'rejected' | 'escalated' | 'unowned'>;

/** Everything the QA answers need about one handoff. */
interface HandoffFacts {
  created: TimelineEventOf<'handoff_created'>;
  recipient: string;
  why?: WhyEvent;
  resolution?: Resolution;
  windowMinutes?: number;
}

const recipientOf = (
  lead: Lead,
  seq: number,
  created: TimelineEventOf<'handoff_created'>,
  config?: AppConfig,
): string => {
  if (lead.handoff?.seq === seq) return describePerson(lead.handoff.to);
  const { toId } = created.data;
  const person = config?.roster.people.find((candidate) => candidate.id === toId);
  if (person) return describePerson(person);
  const actor = entriesOf(lead.timeline, 'accepted', 'rejected').find(
    (event) => event.data.seq === seq,
  )?.actor;
  return actor?.name ?? toId;
};

const factsOf = (lead: Lead, seq: number, config?: AppConfig): HandoffFacts | undefined => {
  const index = lead.timeline.findIndex(
    (event) => event.type === 'handoff_created' && event.data.seq === seq,
  );
  const created = lead.timeline[index];
  if (created?.type !== 'handoff_created') return undefined;
  const before = lead.timeline[index - 1];
  const why = before && isWhy(before) ? before : undefined;
  const resolution = entriesOf(lead.timeline, 'accepted', 'rejected', 'escalated', 'unowned').find(
    (event) => event.data.seq === seq,
  );
  const { acceptBy, ladder } = created.data;
  const windowMinutes = givenWindowMinutes({ createdAt: created.at, acceptBy, ladder }, lead.urgency, config);
  return {
    created,
    recipient: recipientOf(lead, seq, created, config),
    ...(why ? { why } : {}),
    ...(resolution ? { resolution } : {}),
    ...(windowMinutes === undefined ? {} : { windowMinutes }),
  };
};

/** What became of the handoff, e.g. `accepted after 2 min 10 s`. */
const outcomeOf = (lead: Lead, seq: number, facts: HandoffFacts): string => {
  const { resolution, created } = facts;
  const after = (event: TimelineEvent) => formatDuration(secondsBetween(created.at, event.at));
  switch (resolution?.type) {
    case 'accepted':
      return `accepted after ${after(resolution)}`;
    case 'rejected':
      return `sent back after ${after(resolution)} (${REJECT_REASON_LABELS[resolution.data.reason]})`;
    case 'escalated':
      return `not accepted in time: escalated after ${after(resolution)}`;
    case 'unowned':
      return 'nobody accepted: the ladder ran out';
    default:
      return lead.handoff?.seq === seq && lead.handoff.state === 'awaiting_acceptance'
        ? 'still waiting for acceptance'
        : 'moved on before anyone accepted';
  }
};

const ownerAnswer = (lead: Lead, seq: number, facts: HandoffFacts, config?: AppConfig): string => {
  const { why: whyEvent } = facts;
  const rule =
    whyEvent?.type === 'routed' || whyEvent?.type === 'needs_info' ? whyEvent.data.ruleId : undefined;
  // The rule by what it says (its id is for integrations), when the roster describes it.
  const described = config?.roster.rules.find((r) => r.id === rule)?.description;
  const ruleNote = described ? ` [rule: ${described.replace(/\.$/, '')}]` : '';
  const why = facts.why ? `${facts.why.summary}${ruleNote}` : undefined;
  const parts = [
    `Handoff #${seq} to ${facts.recipient}${why ? `: ${why}` : ''}`,
    outcomeOf(lead, seq, facts),
  ];
  const misrouted = entriesOf(lead.timeline, 'rejected').filter(
    (event) => event.data.reason === 'not_my_territory' || event.data.reason === 'wrong_service_type',
  );
  if (misrouted.length > 0)
    parts.push(`sent back as wrong territory or service ${plural(misrouted.length, 'time')}`);
  const transfers = entriesOf(lead.timeline, 'transferred').length;
  if (transfers > 0) parts.push(`transferred ${plural(transfers, 'time')}`);
  parts.push(lead.owner ? `owner now ${describePerson(lead.owner)}` : 'no owner now');
  return `${parts.join('; ')}.`;
};

/** Handoff-contract fields in plain words. */
const FIELD_LABELS: Record<CompletenessField, string> = {
  fullName: 'name',
  phone: 'phone',
  serviceAddress: 'service address',
  serviceType: 'service type',
  urgency: 'urgency',
  notes: 'notes',
  consent: 'contact consent',
  referredBy: 'referral context',
};

const words = (text: string | undefined): number => (text?.trim() ? text.trim().split(/\s+/).length : 0);

const notesAnswer = (lead: Lead): string => {
  const parts: string[] = [];
  const notes = words(lead.notes);
  parts.push(notes > 0 ? `Notes: ${plural(notes, 'word')}` : 'No notes on what the customer asked');
  parts.push(
    lead.promisedNextStep?.trim() ? 'promised next step recorded' : 'no promised next step recorded',
  );
  const firstHandoff = lead.timeline.findIndex((event) => event.type === 'handoff_created');
  if (lead.timeline.slice(0, Math.max(firstHandoff, 0)).some((event) => event.type === 'needs_info')) {
    parts.push('came in incomplete (went to intake first)');
  }
  if (lead.missing.length > 0) {
    parts.push(`still missing: ${lead.missing.map((field) => FIELD_LABELS[field]).join(', ')}`);
  }
  const rejections = entriesOf(lead.timeline, 'rejected').map(
    (event) => REJECT_REASON_LABELS[event.data.reason],
  );
  if (rejections.length > 0)
    parts.push(`sent back ${plural(rejections.length, 'time')}: ${rejections.join(', ')}`);
  else parts.push('nobody sent it back');
  if (lead.source === 'referral' && !lead.referredBy?.trim()) parts.push('referral context missing');
  return `${parts.join('; ')}.`;
};

const waitAnswer = (lead: Lead, seq: number, facts: HandoffFacts): string => {
  const parts: string[] = [];
  const window = facts.windowMinutes === undefined ? '' : `, window ${facts.windowMinutes} min`;
  const { resolution } = facts;
  if (resolution?.type === 'accepted') {
    const seconds = secondsBetween(facts.created.at, resolution.at);
    const over =
      facts.windowMinutes === undefined ? '' : seconds > facts.windowMinutes * 60 ? ' (late)' : ' (in time)';
    parts.push(`Accepted after ${formatDuration(seconds)}${window}${over}`);
  } else {
    parts.push(`${outcomeOf(lead, seq, facts).replace(/^./, (c) => c.toUpperCase())}${window}`);
  }
  const first = firstHappened(lead, ['acknowledgement_sent', 'contact_logged']);
  parts.push(
    first === undefined
      ? 'no response logged'
      : `first response ${formatDuration(secondsBetween(lead.createdAt, first))} after intake`,
  );
  const contact = firstHappened(lead, ['contact_logged']);
  parts.push(
    contact === undefined
      ? 'no contact logged'
      : `first logged contact ${formatDuration(secondsBetween(lead.createdAt, contact))} after intake`,
  );
  return `${parts.join('; ')}.`;
};

const repeatAnswer = (lead: Lead, timeZone: string | undefined): string => {
  const again = entriesOf(lead.timeline, 'contacted_again');
  const handoffs = handoffSeqs(lead).length;
  const latest = again.at(-1);
  const when = latest && timeZone ? `, latest ${formatLocalDate(latest.at, timeZone)}` : '';
  const repeat =
    again.length === 0
      ? 'No repeat contact from the customer recorded'
      : `The customer contacted us again ${plural(again.length, 'time')}${when}`;
  return `${repeat}; ${plural(handoffs, 'handoff')} in total.`;
};

const outcomeAnswer = (lead: Lead): string => {
  const urgency = lead.urgency ? URGENCY_LABELS[lead.urgency] : 'Urgency not captured';
  const closed = lead.status === 'closed' ? ' (closed)' : '';
  const parts = [
    `${urgency}, ${SOURCE_LABELS[lead.source]}, fit ${lead.fit}: now ${STAGE_LABELS[lead.stage]}${closed}`,
  ];
  const escalations = entriesOf(lead.timeline, 'escalated').length;
  if (escalations > 0) parts.push(`escalated ${plural(escalations, 'time')}`);
  const missed = entriesOf(lead.timeline, 'follow_up_missed').length;
  if (missed > 0) parts.push(`${plural(missed, 'follow-up')} missed`);
  if (entriesOf(lead.timeline, 'unowned').length > 0) parts.push('ran out of people to ask');
  return `${parts.join('; ')}.`;
};

/** The five answers for step `seq` of `lead`. */
export const qaItem = (lead: Lead, seq: number, config?: AppConfig): QaItem => {
  const facts = factsOf(lead, seq, config);
  const answers = facts
    ? [
        ownerAnswer(lead, seq, facts, config),
        notesAnswer(lead),
        waitAnswer(lead, seq, facts),
        repeatAnswer(lead, config?.business.timezone),
        outcomeAnswer(lead),
      ]
    : [];
  return {
    leadId: lead.id,
    leadName: nameOf(lead),
    seq,
    ...(lead.urgency ? { urgency: lead.urgency } : {}),
    source: lead.source,
    ...(lead.owner ? { owner: lead.owner } : {}),
    questions: QA_QUESTIONS.map((question, index) => ({ question, evidence: answers[index] ?? 'No record' })),
  };
};
