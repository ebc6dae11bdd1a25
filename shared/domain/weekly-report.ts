/**
 * The weekly numbers and QA sample (SPEC §8, seed 001 "QA Review"): speed to first response, acceptance
 * latency, estimates followed up within 48 h, open estimates older than a week, escalations per step,
 * failed handoffs, unowned leads and missed follow-ups; plus a sample of handoffs with the facts that
 * answer the five QA questions.
 *
 * Pure: built from the leads, `now` and the configuration. The numbers are about the week's cohort (the
 * leads created in the week) and everything that has happened to them so far; stale estimates look at
 * every open lead. Lead names only: never phones, emails, addresses or the customer's words.
 */
import { ValidationError } from '../errors';
import { mulberry32 } from '../random';
import type { AppConfig } from './config';
import { dayLabel } from './daily-review';
import { formatLocalDate } from './date-wording';
import { addLocalDays } from './follow-ups';
import { NAME_NOT_CAPTURED } from './handoff-note';
import {
  type CompletenessField,
  LADDERS,
  type Ladder,
  type Lead,
  type PersonRef,
  REJECT_REASONS,
  type RejectReason,
  ROLES,
  type Role,
  type Source,
  STAGE_LABELS,
  type TimelineEvent,
  type TimelineEventType,
  type Urgency,
} from './lead';
import type { EmailText } from './messages';
import { localDate, zonedTimeToInstant } from './time';
import { describePerson, REJECT_REASON_LABELS, roleLabel, SOURCE_LABELS, URGENCY_LABELS } from './wording';

const DAY_MS = 86_400_000;
/** The follow-up window of the estimate number (SPEC §8: "within 48 h"). */
const FOLLOW_UP_WINDOW_MS = 48 * 3_600_000;

/** An ISO week and its local bounds as UTC instants: `from` is Monday 00:00, `to` the next Monday 00:00. */
export interface WeekRange {
  /** `YYYY-Www`, e.g. `2026-W44`. */
  week: string;
  from: string;
  to: string;
}

/** A distribution of durations in seconds (nearest-rank percentiles; null without data). */
export interface DurationStats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** Time from intake to a first response, and how many leads of the week have none yet. */
export interface ResponseStats extends DurationStats {
  withoutResponse: number;
}

export interface EstimateFollowUpStats {
  /** Leads of the week that reached Estimate Sent. */
  sent: number;
  /** Of those, followed up (a logged contact or follow-up) within 48 h after the estimate was sent. */
  followedUpWithin48h: number;
  /** Sent less than 48 h ago and not followed up yet: left out of the percent. */
  windowOpen: number;
  /** followedUpWithin48h of (sent − windowOpen), rounded; null when nothing is due yet. */
  percent: number | null;
}

export interface StaleEstimate {
  leadId: string;
  leadName: string;
  owner?: PersonRef;
  estimateSentAt: string;
  /** Whole days since the estimate was sent. */
  ageDays: number;
}

/** Escalations to one step of one ladder (step n: the n-th chain entry; beyond the chain: re-notifications). */
export interface EscalationCount {
  ladder: Ladder | 'unknown';
  step: number;
  /** Who that step reaches, e.g. `on call`, `office manager`, `re-notify 2`. */
  to: string;
  count: number;
}

export interface QaAnswer {
  /** The question, in the words of seed 001. */
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

export interface WeeklyReport extends WeekRange {
  generatedAt: string;
  leadsReceived: number;
  /** Intake to the first acknowledgement or logged contact. */
  speedToFirstResponse: ResponseStats;
  /** Intake to the first logged contact by a person (acknowledgements left out). */
  firstHumanContact: ResponseStats;
  /** Handoff created to accepted, for every acceptance of the week's leads. */
  acceptanceLatency: DurationStats;
  estimates: EstimateFollowUpStats;
  /** Open leads in Estimate Sent whose estimate is older than `business.review.staleEstimateDays`. */
  staleOpenEstimates: { count: number; leadIds: string[]; leads: StaleEstimate[] };
  escalations: number;
  escalationsByStep: EscalationCount[];
  failedHandoffs: { count: number; byKind: Record<string, number> };
  /** Leads whose ladder ran out with nobody accepting. */
  unownedLeads: { count: number; leadIds: string[] };
  followUpsMissed: number;
  qaSample: QaItem[];
}

/** The five QA questions of seed 001, verbatim. */
export const QA_QUESTIONS = [
  'Was the owner assignment correct?',
  'Were the notes sufficient?',
  'Did the lead wait too long before action?',
  'Did the customer have to repeat themselves?',
  'Did the final outcome match the urgency and source quality?',
] as const;

// ---------------------------------------------------------------------------------------------------
// Weeks

const WEEK_ID = /^(\d{4})-W(\d{2})$/;

const pad = (value: number): string => String(value).padStart(2, '0');
/** 0 for Monday … 6 for Sunday, of a UTC midnight. */
const isoWeekday = (utcMidnight: number): number => (new Date(utcMidnight).getUTCDay() + 6) % 7;

const isoWeekOf = (utcMidnight: number): { year: number; week: number } => {
  const thursday = utcMidnight + (3 - isoWeekday(utcMidnight)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) };
};

const weeksIn = (year: number): number => isoWeekOf(Date.UTC(year, 11, 28)).week;

const mondayOf = (year: number, week: number): number => {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - isoWeekday(jan4) * DAY_MS + (week - 1) * 7 * DAY_MS;
};

const localMidnight = (utcMidnight: number, timeZone: string): Date => {
  const day = new Date(utcMidnight);
  return zonedTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
};

const invalidWeek = (message: string): ValidationError =>
  new ValidationError(message, [{ path: 'week', message }]);

/**
 * The ISO week `week` (`YYYY-Www`) in `timeZone`, or by default the last complete week before `now`:
 * from local Monday 00:00 to the next local Monday 00:00 (a week with a DST change is 167 or 169 hours).
 * The current week may be asked for (the numbers so far); `ValidationError` for a malformed id, a week
 * the year does not have, or a week that has not started.
 */
export const weekOf = (week: string | undefined, now: Date, timeZone: string): WeekRange => {
  let monday: number;
  if (week === undefined) {
    const [year = 0, month = 1, day = 1] = localDate(now, timeZone).split('-').map(Number);
    const today = Date.UTC(year, month - 1, day);
    monday = today - (isoWeekday(today) + 7) * DAY_MS;
  } else {
    const match = WEEK_ID.exec(week);
    if (!match) throw invalidWeek('Expected an ISO week such as 2026-W44');
    const year = Number(match[1]);
    const number = Number(match[2]);
    if (year < 1970 || number < 1 || number > weeksIn(year)) {
      throw invalidWeek(`${week} is not a week of the calendar`);
    }
    monday = mondayOf(year, number);
  }
  const from = localMidnight(monday, timeZone);
  if (from.getTime() > now.getTime()) throw invalidWeek(`${week} has not started yet`);
  const { year, week: number } = isoWeekOf(monday);
  return {
    week: `${year}-W${pad(number)}`,
    from: from.toISOString(),
    to: localMidnight(monday + 7 * DAY_MS, timeZone).toISOString(),
  };
};

// ---------------------------------------------------------------------------------------------------
// Numbers

const secondsBetween = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The nearest-rank percentile `p` of ascending `sorted`, or null when empty. */
const percentile = (sorted: readonly number[], p: number): number | null =>
  sorted[Math.max(Math.ceil((p / 100) * sorted.length), 1) - 1] ?? null;

/** Count, median and 90th percentile (nearest rank) of durations in seconds. */
export const durationStats = (seconds: readonly number[]): DurationStats => {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { count: sorted.length, medianSeconds: percentile(sorted, 50), p90Seconds: percentile(sorted, 90) };
};

/** When a contact happened: `data.contactAt` when logged later, else when the entry was written. */
const happenedAt = (event: TimelineEvent): string =>
  typeof event.data?.contactAt === 'string' ? event.data.contactAt : event.at;

const eventsOf = (lead: Lead, types: readonly TimelineEventType[]): TimelineEvent[] =>
  lead.timeline.filter((event) => types.includes(event.type));

/** The earliest moment among `types` (by when it happened), or undefined. */
const firstHappened = (lead: Lead, types: readonly TimelineEventType[]): string | undefined =>
  eventsOf(lead, types)
    .map(happenedAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];

const responseStats = (leads: readonly Lead[], types: readonly TimelineEventType[]): ResponseStats => {
  const seconds = leads.flatMap((lead) => {
    const first = firstHappened(lead, types);
    return first === undefined ? [] : [secondsBetween(lead.createdAt, first)];
  });
  return { ...durationStats(seconds), withoutResponse: leads.length - seconds.length };
};

const seqOf = (event: TimelineEvent): number | undefined =>
  typeof event.data?.seq === 'number' ? event.data.seq : undefined;

const handoffCreated = (lead: Lead, seq: number): TimelineEvent | undefined =>
  lead.timeline.find((event) => event.type === 'handoff_created' && seqOf(event) === seq);

const acceptanceSeconds = (lead: Lead, accepted: TimelineEvent): number | undefined => {
  const seq = seqOf(accepted);
  const created = seq === undefined ? undefined : handoffCreated(lead, seq);
  if (created) return secondsBetween(created.at, accepted.at);
  const latency = accepted.data?.latencySeconds;
  return typeof latency === 'number' ? Math.max(0, latency) : undefined;
};

/** When the lead's first estimate went out: its first move to Estimate Sent, else `estimateSentAt`. */
const firstEstimateAt = (lead: Lead): string | undefined =>
  lead.timeline.find((event) => event.type === 'status_changed' && event.data?.to === 'estimate_sent')?.at ??
  lead.estimateSentAt;

const estimateStats = (leads: readonly Lead[], now: Date): EstimateFollowUpStats => {
  let sent = 0;
  let followed = 0;
  let windowOpen = 0;
  for (const lead of leads) {
    const sentAt = firstEstimateAt(lead);
    if (sentAt === undefined) continue;
    sent += 1;
    const start = Date.parse(sentAt);
    const end = start + FOLLOW_UP_WINDOW_MS;
    const followedUp = eventsOf(lead, ['follow_up_logged', 'contact_logged']).some((event) => {
      const at = Date.parse(happenedAt(event));
      return at > start && at <= end;
    });
    if (followedUp) followed += 1;
    else if (now.getTime() < end) windowOpen += 1;
  }
  const due = sent - windowOpen;
  return {
    sent,
    followedUpWithin48h: followed,
    windowOpen,
    percent: due === 0 ? null : Math.round((followed / due) * 100),
  };
};

const nameOf = (lead: Lead): string => lead.fullName?.trim() || NAME_NOT_CAPTURED;

const staleEstimates = (openLeads: readonly Lead[], now: Date, config: AppConfig): StaleEstimate[] => {
  const { timezone, review } = config.business;
  return openLeads
    .flatMap((lead): StaleEstimate[] => {
      const sentAt = lead.estimateSentAt ?? lead.stageChangedAt;
      if (lead.status === 'closed' || lead.stage !== 'estimate_sent' || sentAt === undefined) return [];
      const staleFrom = addLocalDays(new Date(sentAt), review.staleEstimateDays, timezone);
      if (staleFrom.getTime() >= now.getTime()) return [];
      return [
        {
          leadId: lead.id,
          leadName: nameOf(lead),
          ...(lead.owner ? { owner: lead.owner } : {}),
          estimateSentAt: sentAt,
          ageDays: Math.floor((now.getTime() - Date.parse(sentAt)) / DAY_MS),
        },
      ];
    })
    .sort((a, b) => a.estimateSentAt.localeCompare(b.estimateSentAt) || a.leadId.localeCompare(b.leadId));
};

const isLadder = (value: unknown): value is Ladder => (LADDERS as readonly unknown[]).includes(value);
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who step `step` of `ladder` reaches: the chain entry (a role or a roster id), or a re-notification. */
const stepTarget = (ladder: Ladder | 'unknown', step: number, config: AppConfig): string => {
  if (ladder === 'unknown') return `step ${step}`;
  const chain = config.business.escalation.chains[ladder];
  const entry = chain[step - 1];
  if (entry === undefined) return `re-notify ${Math.max(step - chain.length, 1)}`;
  if (isRole(entry)) return roleLabel(entry);
  return config.roster.people.find((person) => person.id === entry)?.name ?? entry;
};

const escalationCounts = (leads: readonly Lead[], config: AppConfig): EscalationCount[] => {
  const counts = new Map<string, EscalationCount>();
  for (const lead of leads) {
    for (const event of eventsOf(lead, ['escalated'])) {
      const seq = seqOf(event);
      const ladderData = seq === undefined ? undefined : handoffCreated(lead, seq)?.data?.ladder;
      const ladder: Ladder | 'unknown' = isLadder(ladderData) ? ladderData : 'unknown';
      const step = typeof event.data?.step === 'number' ? event.data.step : 0;
      const key = `${ladder}.${step}`;
      const current = counts.get(key) ?? { ladder, step, to: stepTarget(ladder, step, config), count: 0 };
      counts.set(key, { ...current, count: current.count + 1 });
    }
  }
  const ladderOrder = (ladder: Ladder | 'unknown'): number =>
    ladder === 'unknown' ? LADDERS.length : LADDERS.indexOf(ladder);
  return [...counts.values()].sort(
    (a, b) => ladderOrder(a.ladder) - ladderOrder(b.ladder) || a.step - b.step,
  );
};

const inWeek = (lead: Lead, week: WeekRange): boolean => {
  const created = Date.parse(lead.createdAt);
  return created >= Date.parse(week.from) && created < Date.parse(week.to);
};

/**
 * The weekly numbers of the leads created in `week` (those outside it are ignored), the open estimates
 * older than `business.review.staleEstimateDays` among `openLeads`, and the QA sample of
 * `business.review.qaSampleSize` handoffs.
 */
export const weeklyReport = (input: {
  week: WeekRange;
  /** Leads created in the week. */
  leads: readonly Lead[];
  /** Every lead still open, for the stale estimates. */
  openLeads: readonly Lead[];
  now: Date;
  config: AppConfig;
}): WeeklyReport => {
  const { week, now, config } = input;
  const leads = input.leads.filter((lead) => inWeek(lead, week));
  const stale = staleEstimates(input.openLeads, now, config);
  const escalationsByStep = escalationCounts(leads, config);
  const failures = leads.flatMap((lead) => eventsOf(lead, ['failed_handoff']));
  const byKind: Record<string, number> = {};
  for (const failure of failures) {
    const kind = typeof failure.data?.kind === 'string' ? failure.data.kind : 'unknown';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  const unowned = leads.filter((lead) => eventsOf(lead, ['unowned']).length > 0).map((lead) => lead.id);
  return {
    week: week.week,
    from: week.from,
    to: week.to,
    generatedAt: now.toISOString(),
    leadsReceived: leads.length,
    speedToFirstResponse: responseStats(leads, ['acknowledgement_sent', 'contact_logged']),
    firstHumanContact: responseStats(leads, ['contact_logged']),
    acceptanceLatency: durationStats(
      leads.flatMap((lead) =>
        eventsOf(lead, ['accepted']).flatMap((event) => {
          const seconds = acceptanceSeconds(lead, event);
          return seconds === undefined ? [] : [seconds];
        }),
      ),
    ),
    estimates: estimateStats(leads, now),
    staleOpenEstimates: { count: stale.length, leadIds: stale.map((item) => item.leadId), leads: stale },
    escalations: escalationsByStep.reduce((sum, item) => sum + item.count, 0),
    escalationsByStep,
    failedHandoffs: { count: failures.length, byKind },
    unownedLeads: { count: unowned.length, leadIds: unowned },
    followUpsMissed: leads.reduce((sum, lead) => sum + eventsOf(lead, ['follow_up_missed']).length, 0),
    qaSample: qaSample(leads, week.week, config.business.review.qaSampleSize, config),
  };
};

// ---------------------------------------------------------------------------------------------------
// QA sample

/** FNV-1a: a small stable hash of the week id, to seed the sample. */
const hashOf = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

const shuffle = <T>(items: T[], random: () => number): T[] => {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const item = items[index] as T;
    items[index] = items[other] as T;
    items[other] = item;
  }
  return items;
};

const handoffSeqs = (lead: Lead): number[] =>
  [...new Set(eventsOf(lead, ['handoff_created']).flatMap((event) => seqOf(event) ?? []))].sort(
    (a, b) => a - b,
  );

const byCreated = (a: Lead, b: Lead): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * A deterministic pseudo-random sample of `size` handoffs of `leads` (seeded by the week id, whatever
 * the order of `leads`): one handoff per lead while there are enough leads, then more handoffs of the
 * same leads. Each comes with the facts that answer the five QA questions of seed 001. `config`, when
 * given, names recipients from the roster and supplies the acceptance window a handoff does not carry.
 */
export const qaSample = (
  leads: readonly Lead[],
  week: string,
  size: number,
  config?: AppConfig,
): QaItem[] => {
  if (size <= 0) return [];
  const random = mulberry32(hashOf(week));
  const candidates = shuffle(
    [...leads]
      .sort(byCreated)
      .map((lead) => ({ lead, seqs: handoffSeqs(lead) }))
      .filter((candidate) => candidate.seqs.length > 0),
    random,
  );
  const picked = candidates.slice(0, size).map(({ lead, seqs }) => ({
    lead,
    seq: seqs[Math.floor(random() * seqs.length)] ?? 1,
  }));
  if (picked.length < size) {
    const rest = candidates.flatMap(({ lead, seqs }) =>
      seqs
        .filter((seq) => !picked.some((p) => p.lead === lead && p.seq === seq))
        .map((seq) => ({ lead, seq })),
    );
    picked.push(...shuffle(rest, random).slice(0, size - picked.length));
  }
  return picked
    .sort((a, b) => byCreated(a.lead, b.lead) || a.seq - b.seq)
    .map(({ lead, seq }) => qaItem(lead, seq, config));
};

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/** Seconds as people say them: `45 s`, `2 min 10 s`, `1 h 5 min`, `3 d 4 h`. */
export const formatDuration = (totalSeconds: number): string => {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const rest = seconds % 60;
    return `${Math.floor(seconds / 60)} min${rest ? ` ${rest} s` : ''}`;
  }
  if (seconds < 86_400) {
    const rest = Math.floor((seconds % 3600) / 60);
    return `${Math.floor(seconds / 3600)} h${rest ? ` ${rest} min` : ''}`;
  }
  const rest = Math.floor((seconds % 86_400) / 3600);
  return `${Math.floor(seconds / 86_400)} d${rest ? ` ${rest} h` : ''}`;
};

/** Timeline entries that explain why a handoff went to its recipient. */
const WHY_EVENTS: readonly TimelineEventType[] = ['routed', 'needs_info', 'escalated', 'transferred'];

const isRejectReason = (value: unknown): value is RejectReason =>
  (REJECT_REASONS as readonly unknown[]).includes(value);

/** Everything the QA answers need about one handoff. */
interface HandoffFacts {
  created: TimelineEvent;
  recipient: string;
  why?: TimelineEvent;
  resolution?: TimelineEvent;
  windowMinutes?: number;
}

const recipientOf = (lead: Lead, seq: number, created: TimelineEvent, config?: AppConfig): string => {
  if (lead.handoff?.seq === seq) return describePerson(lead.handoff.to);
  const toId = typeof created.data?.toId === 'string' ? created.data.toId : undefined;
  const person = config?.roster.people.find((candidate) => candidate.id === toId);
  if (person) return describePerson(person);
  const actor = lead.timeline.find(
    (event) => (event.type === 'accepted' || event.type === 'rejected') && seqOf(event) === seq,
  )?.actor;
  return actor?.name ?? toId ?? 'unknown';
};

const factsOf = (lead: Lead, seq: number, config?: AppConfig): HandoffFacts | undefined => {
  const index = lead.timeline.findIndex((event) => event.type === 'handoff_created' && seqOf(event) === seq);
  const created = lead.timeline[index];
  if (created === undefined) return undefined;
  const before = lead.timeline[index - 1];
  const why = before && WHY_EVENTS.includes(before.type) ? before : undefined;
  const resolution = lead.timeline.find(
    (event) =>
      (event.type === 'accepted' ||
        event.type === 'rejected' ||
        event.type === 'escalated' ||
        event.type === 'unowned') &&
      seqOf(event) === seq,
  );
  const acceptBy = created.data?.acceptBy;
  const ladder = created.data?.ladder;
  const windowMinutes =
    typeof acceptBy === 'string'
      ? Math.round((Date.parse(acceptBy) - Date.parse(created.at)) / 60_000)
      : config?.business.acceptanceWindowMinutes[
          ladder === 'needs_info' ? 'needs_info' : (lead.urgency ?? 'standard')
        ];
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
    case 'rejected': {
      const reason = resolution.data?.reason;
      return `sent back after ${after(resolution)} (${isRejectReason(reason) ? REJECT_REASON_LABELS[reason] : 'no reason'})`;
    }
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

const ownerAnswer = (lead: Lead, seq: number, facts: HandoffFacts): string => {
  const rule = facts.why?.data?.ruleId;
  // Routing reasons usually name their rule already; built-in ones (poor fit, fallbacks) do not.
  const ruleNote = typeof rule === 'string' && !facts.why?.summary.includes(rule) ? ` [rule ${rule}]` : '';
  const why = facts.why ? `${facts.why.summary}${ruleNote}` : undefined;
  const parts = [
    `Handoff #${seq} to ${facts.recipient}${why ? `: ${why}` : ''}`,
    outcomeOf(lead, seq, facts),
  ];
  const misrouted = eventsOf(lead, ['rejected']).filter(
    (event) => event.data?.reason === 'not_my_territory' || event.data?.reason === 'wrong_service_type',
  );
  if (misrouted.length > 0)
    parts.push(`sent back as wrong territory or service ${plural(misrouted.length, 'time')}`);
  const transfers = eventsOf(lead, ['transferred']).length;
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
  const rejections = eventsOf(lead, ['rejected']).flatMap((event) => {
    const reason = event.data?.reason;
    return isRejectReason(reason) ? [REJECT_REASON_LABELS[reason]] : [];
  });
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
  const again = eventsOf(lead, ['contacted_again']);
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
  const escalations = eventsOf(lead, ['escalated']).length;
  if (escalations > 0) parts.push(`escalated ${plural(escalations, 'time')}`);
  const missed = eventsOf(lead, ['follow_up_missed']).length;
  if (missed > 0) parts.push(`${plural(missed, 'follow-up')} missed`);
  if (eventsOf(lead, ['unowned']).length > 0) parts.push('went unowned');
  return `${parts.join('; ')}.`;
};

const qaItem = (lead: Lead, seq: number, config?: AppConfig): QaItem => {
  const facts = factsOf(lead, seq, config);
  const answers = facts
    ? [
        ownerAnswer(lead, seq, facts),
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

// ---------------------------------------------------------------------------------------------------
// Email

const stats = (value: DurationStats): string =>
  value.medianSeconds === null || value.p90Seconds === null
    ? 'no data'
    : `median ${formatDuration(value.medianSeconds)}, p90 ${formatDuration(value.p90Seconds)}`;

const LADDER_LABELS: Record<Ladder | 'unknown', string> = {
  urgent: 'Urgent',
  standard: 'Standard',
  estimate: 'Estimate',
  needs_info: 'Needs-info',
  unknown: 'Unknown',
};

/**
 * The weekly report as a plain-text email for the operations lead: the numbers with humanised durations,
 * then the QA sample with the five questions and the facts that answer them.
 */
export const weeklyEmail = (report: WeeklyReport, config: AppConfig): EmailText => {
  const { name, timezone, review } = config.business;
  const first = dayLabel(localDate(new Date(report.from), timezone));
  const last = dayLabel(localDate(new Date(Date.parse(report.to) - 1), timezone));
  const subject = `Weekly handoff report ${report.week} (${first} – ${last}): ${plural(report.leadsReceived, 'lead')}`;
  const response = (label: string, value: ResponseStats): string =>
    `${label}: ${stats(value)} (${plural(value.count, 'lead')}${value.withoutResponse ? `; ${value.withoutResponse} without one yet` : ''})`;
  const { estimates } = report;
  const lines = [
    `${name}: handoff report for ${report.week}, ${first} to ${last} (times in ${timezone}).`,
    '',
    'NUMBERS',
    `Leads received: ${report.leadsReceived}`,
    response('Speed to first response', report.speedToFirstResponse),
    response('First contact by a person', report.firstHumanContact),
    `Acceptance latency: ${stats(report.acceptanceLatency)} (${plural(report.acceptanceLatency.count, 'acceptance')})`,
    estimates.percent === null
      ? `Estimates followed up within 48 h: none due yet (${estimates.sent} sent)`
      : `Estimates followed up within 48 h: ${estimates.followedUpWithin48h} of ${estimates.sent - estimates.windowOpen} (${estimates.percent}%)${estimates.windowOpen ? `; ${estimates.windowOpen} still inside their 48 h` : ''}`,
    `Open estimates older than ${review.staleEstimateDays} days: ${report.staleOpenEstimates.count}`,
    ...report.staleOpenEstimates.leads.map(
      (item) =>
        `  - ${item.leadName}, sent ${formatLocalDate(item.estimateSentAt, timezone)} (${plural(item.ageDays, 'day')} ago), owner ${item.owner ? describePerson(item.owner) : 'none'}`,
    ),
    `Escalations: ${report.escalations}`,
    ...report.escalationsByStep.map(
      (item) => `  - ${LADDER_LABELS[item.ladder]} ladder, step ${item.step} (${item.to}): ${item.count}`,
    ),
    `Failed handoffs: ${report.failedHandoffs.count}${
      report.failedHandoffs.count > 0
        ? ` (${Object.entries(report.failedHandoffs.byKind)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([kind, count]) => `${kind}: ${count}`)
            .join(', ')})`
        : ''
    }`,
    `Unowned leads (nobody accepted): ${report.unownedLeads.count}`,
    `Follow-ups missed: ${report.followUpsMissed}`,
    '',
    `QA SAMPLE (${plural(report.qaSample.length, 'handoff')})`,
  ];
  if (report.qaSample.length === 0) lines.push('No handoffs to review this week.');
  report.qaSample.forEach((item, index) => {
    const urgency = item.urgency ? URGENCY_LABELS[item.urgency] : 'Urgency not captured';
    lines.push(
      '',
      `${index + 1}. ${item.leadName}, handoff #${item.seq}: ${urgency}, ${SOURCE_LABELS[item.source]} (ref ${item.leadId})`,
      ...item.questions.flatMap((answer) => [`   ${answer.question}`, `     ${answer.evidence}`]),
    );
  });
  return { subject, body: lines.join('\n') };
};
