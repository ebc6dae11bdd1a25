/**
 * The end-of-day review (SPEC §8; seed 001 "End of day", seed 002 Stage 5, seed 003 "Weekly handoff
 * cleanup"): the open loops the operations lead checks before close. A lead with no owner, no next
 * action or an overdue one, an old follow-up date, no last contact, or a customer gone quiet; and every
 * lead in Estimate Sent or No Decision with who owns the next action and by when.
 *
 * Pure: built from the leads, `now` and the configuration. Lead names only: never phones, emails or
 * addresses.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import { addLocalDays, pendingFollowUps } from './follow-ups';
import { NAME_NOT_CAPTURED } from './handoff-note';
import {
  isUrgent,
  type Lead,
  type PersonRef,
  STAGE_LABELS,
  type Stage,
  type Urgency,
  type WaitingOn,
} from './lead';
import type { EmailText } from './messages';
import { smsEncoding, toGsm } from './sms';
import { localDate } from './time';
import { describePerson, URGENCY_LABELS } from './wording';

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

/** The short words of the SMS (counts only). */
const SMS_LABELS: Record<OpenLoopKind, string> = {
  no_owner: 'no owner',
  no_next_action: 'no next action',
  overdue_next_action: 'late next action',
  old_follow_up: 'late follow-up',
  quiet: 'quiet',
  missing_last_contact: 'no last contact',
  estimate_or_no_decision: 'in Estimate Sent/No Decision',
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

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const isBefore = (iso: string, now: Date): boolean => Date.parse(iso) < now.getTime();

/** Whether someone accepted the lead: an owner, and the lead no longer belongs to intake. */
const isOwned = (lead: Lead): boolean => lead.owner !== undefined && lead.status !== 'needs_info';

/** When the owner took the lead: the latest acceptance on the timeline, else the handoff's resolution. */
const acceptedAt = (lead: Lead): string => {
  const accepted = lead.timeline.filter((event) => event.type === 'accepted').at(-1);
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

/** A local date as subjects show it: `2026-11-24` → `Tue Nov 24`. */
export const dayLabel = (date: string): string => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday] ?? ''} ${MONTHS[month - 1] ?? ''} ${day}`;
};

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

const WAITING_TEXT: Record<WaitingOn, string> = {
  us: 'the customer is waiting on us',
  customer: 'we are waiting on the customer',
};

/** The lines of one lead: who, next action and due, follow-up, last contact, the link. */
const loopLines = (
  loop: OpenLoop,
  group: OpenLoopKind,
  link: string | undefined,
  generatedAt: string,
  timeZone: string,
): string[] => {
  const local = (iso: string) => formatLocalDate(iso, timeZone);
  const now = new Date(generatedAt);
  const urgent =
    loop.urgency !== undefined && isUrgent(loop.urgency) ? ` – ${URGENCY_LABELS[loop.urgency]}` : '';
  const others = loop.kinds.filter((kind) => kind !== group && kind !== 'estimate_or_no_decision');
  const also =
    others.length > 0
      ? ` [also: ${others.map((kind) => OPEN_LOOP_LABELS[kind].toLowerCase()).join('; ')}]`
      : '';
  const lines = [`- ${loop.leadName} (${loop.stageLabel})${urgent}${also}`];
  if (loop.owner) {
    const transfer = loop.waitingOn
      ? `; transfer waiting on ${describePerson(loop.waitingOn)} to accept`
      : '';
    lines.push(`  Owner: ${describePerson(loop.owner)}${transfer}`);
  } else {
    const waiting = loop.waitingOn
      ? `waiting on ${describePerson(loop.waitingOn)} to accept`
      : 'nobody named';
    lines.push(`  Owner: nobody yet, ${waiting}`);
  }
  if (loop.nextAction && loop.nextActionDueAt) {
    const late = isBefore(loop.nextActionDueAt, now) ? ' (overdue)' : '';
    lines.push(`  Next action: ${loop.nextAction}, due ${local(loop.nextActionDueAt)}${late}`);
  } else if (loop.nextAction) {
    lines.push(`  Next action: ${loop.nextAction}, no due time`);
  } else {
    lines.push('  Next action: none recorded');
  }
  if (loop.followUpAt) {
    const late = loop.kinds.includes('old_follow_up') ? ' (passed, no contact since)' : '';
    lines.push(`  Follow-up: ${local(loop.followUpAt)}${late}`);
  }
  if (loop.lastContactAt) {
    const waiting = loop.lastContactWaitingOn ? `, ${WAITING_TEXT[loop.lastContactWaitingOn]}` : '';
    const quiet = loop.quietForDays === undefined ? '' : `; ${plural(loop.quietForDays, 'day')} ago`;
    lines.push(`  Last contact: ${local(loop.lastContactAt)}${waiting}${quiet}`);
  } else if (loop.owner) {
    const quiet =
      loop.quietForDays === undefined ? '' : ` (accepted ${plural(loop.quietForDays, 'day')} ago)`;
    lines.push(`  Last contact: none logged${quiet}`);
  }
  lines.push(link ? `  ${link}` : `  Lead ref: ${loop.leadId}`);
  return lines;
};

/**
 * The review as a plain-text email for the operations lead at closing time. Each lead appears once,
 * under its most pressing reason, with its other reasons in brackets, so the list reads top-down as a
 * to-do list: owner (or who it waits on), next action and due, follow-up, last contact, link. Leads in
 * Estimate Sent / No Decision that are otherwise on track come last (seed 002 Stage 5).
 */
export const dailyReviewEmail = (
  review: DailyReview,
  links: Readonly<Record<string, string>>,
  config: AppConfig,
): EmailText => {
  const { name, timezone } = config.business;
  const day = dayLabel(review.date);
  const open = review.loops.filter(needsAction);
  const subject =
    open.length === 0
      ? `End-of-day review ${day}: nothing open`
      : `End-of-day review ${day}: ${plural(open.length, 'open loop')}`;
  const lines = [`${name}: end-of-day review for ${day} (times in ${timezone}).`, ''];
  if (open.length === 0) {
    lines.push('Nothing open: every lead has an owner, a next action and a recent contact.');
  } else {
    const verb = open.length === 1 ? 'needs' : 'need';
    lines.push(
      `${plural(review.openLeads, 'open lead')}; ${open.length} ${verb} attention before close (a lead may count under several):`,
    );
    for (const kind of OPEN_LOOP_KINDS) {
      if (kind === 'estimate_or_no_decision' || review.counts[kind] === 0) continue;
      lines.push(`  ${OPEN_LOOP_LABELS[kind]}: ${review.counts[kind]}`);
    }
  }
  for (const kind of OPEN_LOOP_KINDS) {
    const group = review.loops.filter((loop) => loop.kinds[0] === kind);
    if (group.length === 0) continue;
    const heading =
      kind === 'estimate_or_no_decision'
        ? `ESTIMATE SENT / NO DECISION, ON TRACK (${group.length}): who owns the next action, and by when?`
        : `${OPEN_LOOP_LABELS[kind].toUpperCase()} (${group.length})`;
    lines.push('', heading);
    for (const loop of group)
      lines.push(...loopLines(loop, kind, links[loop.leadId], review.generatedAt, timezone));
  }
  return { subject, body: lines.join('\n') };
};

/**
 * One short GSM-7 line for an operations lead without email: counts only, no customer names, e.g.
 * `Lone Star Plumbing & Air: end-of-day review Tue Nov 24: 6 open loops (1 no owner, 2 late next action,
 * 3 quiet). 2 in Estimate Sent/No Decision.` The business name is dropped if the line would not fit one
 * segment (with counts only, the rest always fits two).
 */
export const dailyReviewSms = (review: DailyReview, config: AppConfig): string => {
  const open = review.loops.filter(needsAction).length;
  const parts = OPEN_LOOP_KINDS.filter(
    (kind) => kind !== 'estimate_or_no_decision' && review.counts[kind] > 0,
  ).map((kind) => `${review.counts[kind]} ${SMS_LABELS[kind]}`);
  const loops = open === 0 ? 'nothing open' : `${plural(open, 'open loop')} (${parts.join(', ')})`;
  const estimates = review.counts.estimate_or_no_decision;
  const tail = estimates > 0 ? ` ${estimates} ${SMS_LABELS.estimate_or_no_decision}.` : '';
  const text = `end-of-day review ${dayLabel(review.date)}: ${loops}.${tail}`;
  const withName = toGsm(`${config.business.name.replace(/\s+/g, ' ').trim()}: ${text}`);
  if (smsEncoding(withName).segments === 1) return withName;
  return toGsm(`E${text.slice(1)}`);
};
