/**
 * The weekly numbers: speed to first response, acceptance latency, estimates followed up within 48 h,
 * open estimates older than the stale limit, and escalations per ladder step. Each is computed from the
 * leads' timelines; durations are in seconds.
 */
import type { AppConfig } from './config';
import { addLocalDays } from './follow-ups';
import { LADDERS, type Ladder, type Lead, type PersonRef, ROLES, type Role } from './lead';
import { firstHappened, handoffCreated, happenedAt, nameOf, secondsBetween } from './report-timeline';
import { entriesOf, type TimelineEventOf, type TimelineEventType } from './timeline';
import { DAY_MS, HOUR_MS, roleLabel } from './wording';

/** The follow-up window of the estimate number: "within 48 h". */
const FOLLOW_UP_WINDOW_MS = 48 * HOUR_MS;

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

/** The nearest-rank percentile `p` of ascending `sorted`, or null when empty. */
const percentile = (sorted: readonly number[], p: number): number | null =>
  sorted[Math.max(Math.ceil((p / 100) * sorted.length), 1) - 1] ?? null;

/** Count, median and 90th percentile (nearest rank) of durations in seconds. */
export const durationStats = (seconds: readonly number[]): DurationStats => {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { count: sorted.length, medianSeconds: percentile(sorted, 50), p90Seconds: percentile(sorted, 90) };
};

/** Time from intake to the first entry of `types`, over `leads`. */
export const responseStats = (leads: readonly Lead[], types: readonly TimelineEventType[]): ResponseStats => {
  const seconds = leads.flatMap((lead) => {
    const first = firstHappened(lead, types);
    return first === undefined ? [] : [secondsBetween(lead.createdAt, first)];
  });
  return { ...durationStats(seconds), withoutResponse: leads.length - seconds.length };
};

/** Seconds from a handoff to its acceptance: from the handoff's entry, else the latency the acceptance noted. */
const acceptanceSeconds = (lead: Lead, accepted: TimelineEventOf<'accepted'>): number => {
  const created = handoffCreated(lead, accepted.data.seq);
  if (created) return secondsBetween(created.at, accepted.at);
  return Math.max(0, accepted.data.latencySeconds);
};

/** Handoff created to accepted, for every acceptance of `leads`. */
export const acceptanceLatency = (leads: readonly Lead[]): DurationStats =>
  durationStats(
    leads.flatMap((lead) =>
      entriesOf(lead.timeline, 'accepted').map((event) => acceptanceSeconds(lead, event)),
    ),
  );

/** When the lead's first estimate went out: its first move to Estimate Sent, else `estimateSentAt`. */
const firstEstimateAt = (lead: Lead): string | undefined =>
  entriesOf(lead.timeline, 'status_changed').find((event) => event.data.to === 'estimate_sent')?.at ??
  lead.estimateSentAt;

/** Estimates sent, and how many were followed up within 48 h (those still inside it left out). */
export const estimateStats = (leads: readonly Lead[], now: Date): EstimateFollowUpStats => {
  let sent = 0;
  let followed = 0;
  let windowOpen = 0;
  for (const lead of leads) {
    const sentAt = firstEstimateAt(lead);
    if (sentAt === undefined) continue;
    sent += 1;
    const start = Date.parse(sentAt);
    const end = start + FOLLOW_UP_WINDOW_MS;
    const followedUp = entriesOf(lead.timeline, 'follow_up_logged', 'contact_logged').some((event) => {
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

/** Open leads in Estimate Sent whose estimate is older than `business.review.staleEstimateDays`, oldest first. */
export const staleEstimates = (openLeads: readonly Lead[], now: Date, config: AppConfig): StaleEstimate[] => {
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

/** Escalations per ladder and step, in ladder order. */
export const escalationCounts = (leads: readonly Lead[], config: AppConfig): EscalationCount[] => {
  const counts = new Map<string, EscalationCount>();
  for (const lead of leads) {
    for (const event of entriesOf(lead.timeline, 'escalated')) {
      const ladder: Ladder | 'unknown' = handoffCreated(lead, event.data.seq)?.data.ladder ?? 'unknown';
      const { step } = event.data;
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
