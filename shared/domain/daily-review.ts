/**
 * The end-of-day review: the open loops the operations lead checks before close. A lead with no owner, no next
 * action or an overdue one, an old follow-up date, no last contact, or a customer gone quiet; and every
 * lead in Estimate Sent or No Decision with who owns the next action and by when.
 *
 * Pure: built from the leads, `now` and the configuration. Lead names only: never phones, emails or
 * addresses.
 */
import type { AppConfig } from './config';
import { addLocalDays, pendingFollowUps } from './follow-ups';
import { NAME_NOT_CAPTURED } from './handoff-note';
import { type Lead, type PersonRef, STAGE_LABELS, type Stage, type Urgency, type WaitingOn } from './lead';
import { localDate } from './time';
import { entriesOf } from './timeline';
import { DAY_MS } from './wording';

/** Why a lead is on the review, most pressing first (the order the email groups them in). */
export const OPEN_LOOP_KINDS = [
  'no_owner',
  'no_next_action',
  'overdue_next_action',
  'old_follow_up',
  'quiet',
  'missing_last_contact',
  'estimate_or_no_decision',
] as const;
export type OpenLoopKind = (typeof OPEN_LOOP_KINDS)[number];

/** What each kind means, in the operations lead's words. */
export const OPEN_LOOP_LABELS: Record<OpenLoopKind, string> = {
  no_owner: 'No owner yet',
  no_next_action: 'No next action or no due time',
  overdue_next_action: 'Next action overdue',
  old_follow_up: 'Follow-up date passed',
  quiet: 'Gone quiet',
  missing_last_contact: 'No last contact logged',
  estimate_or_no_decision: 'In Estimate Sent or No Decision',
};

/** One lead on the review and why. */
export interface OpenLoop {
  leadId: string;
  /** The customer's full name, or `Name not captured yet`. */
  leadName: string;
  /** Every reason it is listed, most pressing first (never empty). */
  kinds: OpenLoopKind[];
  stage: Stage;
  stageLabel: string;
  urgency?: Urgency;
  createdAt: string;
  /** The accepted owner (none while the lead waits for acceptance or belongs to intake). */
  owner?: PersonRef;
  /** Who has to accept next: the recipient of the open handoff (intake for an incomplete lead). */
  waitingOn?: PersonRef;
  nextAction?: string;
  nextActionDueAt?: string;
  /** The overdue follow-up date when there is one, else the next follow-up date. */
  followUpAt?: string;
  lastContactAt?: string;
  /** After the last contact: `us` — the customer waits on the business; `customer` — we wait on them. */
  lastContactWaitingOn?: WaitingOn;
  /** Whole days since the last contact (or the acceptance when none), when the lead is quiet. */
  quietForDays?: number;
}

export interface DailyReview {
  /** The local date of the review (YYYY-MM-DD in the business time zone). */
  date: string;
  generatedAt: string;
  /** Leads not closed. */
  openLeads: number;
  /** Listed leads: no owner first, then the most reasons, then the oldest. */
  loops: OpenLoop[];
  /** Listed leads per kind (a lead counts once in each of its kinds). */
  counts: Record<OpenLoopKind, number>;
}

/** Whether the instant `iso` is before `now`. */
export const isBefore = (iso: string, now: Date): boolean => Date.parse(iso) < now.getTime();

/** Whether someone accepted the lead: an owner, and the lead no longer belongs to intake. */
const isOwned = (lead: Lead): boolean => lead.owner !== undefined && lead.status !== 'needs_info';

/** When the owner took the lead: the latest acceptance on the timeline, else the handoff's resolution. */
const acceptedAt = (lead: Lead): string => {
  const accepted = entriesOf(lead.timeline, 'accepted').at(-1);
  if (accepted) return accepted.at;
  if (lead.handoff?.state === 'accepted' && lead.handoff.resolvedAt) return lead.handoff.resolvedAt;
  return lead.createdAt;
};

/** The earliest follow-up due before `now` and not logged, or undefined. */
const overdueFollowUp = (lead: Lead, now: Date): string | undefined => {
  const pending = pendingFollowUps(lead).find((followUp) => isBefore(followUp.dueAt, now));
  if (pending) return pending.dueAt;
  const target = lead.followUpAt;
  if (target === undefined || !isBefore(target, now)) return undefined;
  const contactedSince = lead.lastContact !== undefined && lead.lastContact.at >= target;
  return contactedSince ? undefined : target;
};

const loopOf = (lead: Lead, now: Date, config: AppConfig): OpenLoop | undefined => {
  const { quietDays } = config.business.review;
  const timeZone = config.business.timezone;
  const owned = isOwned(lead);
  const kinds = new Set<OpenLoopKind>();

  if (!owned) kinds.add('no_owner');
  const nextAction = lead.nextAction?.trim();
  if (owned && (!nextAction || lead.nextActionDueAt === undefined)) kinds.add('no_next_action');
  else if (owned && lead.nextActionDueAt !== undefined && isBefore(lead.nextActionDueAt, now)) {
    kinds.add('overdue_next_action');
  }
  const overdue = overdueFollowUp(lead, now);
  if (overdue !== undefined) kinds.add('old_follow_up');
  let quietForDays: number | undefined;
  if (owned) {
    if (lead.lastContact === undefined) kinds.add('missing_last_contact');
    const since = lead.lastContact?.at ?? acceptedAt(lead);
    if (addLocalDays(new Date(since), quietDays, timeZone).getTime() <= now.getTime()) {
      kinds.add('quiet');
      quietForDays = Math.floor((now.getTime() - Date.parse(since)) / DAY_MS);
    }
  }
  if (lead.stage === 'estimate_sent' || lead.stage === 'no_decision') kinds.add('estimate_or_no_decision');
  if (kinds.size === 0) return undefined;

  // An open handoff waits on its recipient (a transfer, while the owner stays responsible); an
  // incomplete lead intake accepted waits on intake.
  const handoffTo = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff.to : undefined;
  const waitingOn = owned
    ? handoffTo?.id === lead.owner?.id
      ? undefined
      : handoffTo
    : (handoffTo ?? lead.owner);
  const followUpAt = overdue ?? pendingFollowUps(lead)[0]?.dueAt ?? lead.followUpAt;
  const fullName = lead.fullName?.trim();
  return {
    leadId: lead.id,
    leadName: fullName ? fullName : NAME_NOT_CAPTURED,
    kinds: OPEN_LOOP_KINDS.filter((kind) => kinds.has(kind)),
    stage: lead.stage,
    stageLabel: STAGE_LABELS[lead.stage],
    ...(lead.urgency ? { urgency: lead.urgency } : {}),
    createdAt: lead.createdAt,
    ...(owned && lead.owner ? { owner: lead.owner } : {}),
    ...(waitingOn ? { waitingOn } : {}),
    ...(nextAction ? { nextAction } : {}),
    ...(lead.nextActionDueAt ? { nextActionDueAt: lead.nextActionDueAt } : {}),
    ...(followUpAt ? { followUpAt } : {}),
    ...(lead.lastContact
      ? { lastContactAt: lead.lastContact.at, lastContactWaitingOn: lead.lastContact.waitingOn }
      : {}),
    ...(quietForDays === undefined ? {} : { quietForDays }),
  };
};

const byPriority = (a: OpenLoop, b: OpenLoop): number => {
  const unowned = Number(b.kinds.includes('no_owner')) - Number(a.kinds.includes('no_owner'));
  if (unowned !== 0) return unowned;
  if (a.kinds.length !== b.kinds.length) return b.kinds.length - a.kinds.length;
  return a.createdAt.localeCompare(b.createdAt) || a.leadId.localeCompare(b.leadId);
};

/**
 * The open loops of `leads` at `now`: every lead not closed that has no owner, no next action (or no
 * due time), an overdue next action, a follow-up date that passed without a contact, no last contact,
 * or no contact for `business.review.quietDays` days; plus every lead in Estimate Sent or No Decision.
 */
export const dailyReview = (leads: readonly Lead[], now: Date, config: AppConfig): DailyReview => {
  const open = leads.filter((lead) => lead.status !== 'closed');
  const loops = open
    .map((lead) => loopOf(lead, now, config))
    .filter((loop): loop is OpenLoop => loop !== undefined)
    .sort(byPriority);
  const counts = Object.fromEntries(
    OPEN_LOOP_KINDS.map((kind) => [kind, loops.filter((loop) => loop.kinds.includes(kind)).length]),
  ) as Record<OpenLoopKind, number>;
  return {
    date: localDate(now, config.business.timezone),
    generatedAt: now.toISOString(),
    openLeads: open.length,
    loops,
    counts,
  };
};

/** Loops that need action: anything but an estimate or No Decision that is otherwise on track. */
export const needsAction = (loop: OpenLoop): boolean =>
  loop.kinds.some((kind) => kind !== 'estimate_or_no_decision');
