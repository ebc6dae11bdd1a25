/**
 * The end-of-day review as an email (every listed lead with who owns the next action and by when, and a
 * link to its card) and as a short SMS (counts only). Lead names only: never phones, emails or addresses.
 */
import type { AppConfig } from './config';
import {
  type DailyReview,
  isBefore,
  needsAction,
  OPEN_LOOP_KINDS,
  OPEN_LOOP_LABELS,
  type OpenLoop,
  type OpenLoopKind,
} from './daily-review';
import { formatLocalDate } from './date-wording';
import { isUrgent, type WaitingOn } from './lead';
import type { EmailText } from './messages';
import { dayLabel } from './report-text';
import { smsEncoding, toGsm } from './sms';
import { describePerson, plural, URGENCY_LABELS } from './wording';

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
 * Estimate Sent / No Decision that are otherwise on track come last.
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
