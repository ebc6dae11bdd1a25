/**
 * Setting a lead's next action and when it is due, whoever sets it: the accepted owner on their lead card
 * (`lead-card.ts`) or, on the board, anyone `board-actions.ts` allows. The same checks for everyone: the
 * action is specific (`next-action.ts`), the due time is ahead and within `MAX_DAYS_AHEAD` days; the
 * person who set it is the actor on the timeline.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import type { Lead, PersonRef } from './lead';
import { checkNextAction } from './next-action';
import { timelineEvent } from './timeline';
import { DAY_MS } from './wording';

/** The longest next action the card and the board take. */
export const NEXT_ACTION_MAX_LENGTH = 300;
/** How far ahead a due time or follow-up date may be set. */
export const MAX_DAYS_AHEAD = 90;

export interface NextActionInput {
  action: string;
  dueAt: Date | undefined;
  /** The lead card's form id (a double post is applied once). */
  submission?: string;
}

/** The lead with its new next action and the words saying so, or the problems by form field. */
export type NextActionChange = { lead: Lead; notice: string } | { problems: Record<string, string> };

/** Sets the next action and its due time, `by` acting (nothing changes when there are problems). */
export const changeNextAction = (
  lead: Lead,
  input: NextActionInput,
  by: Pick<PersonRef, 'id' | 'name'>,
  now: Date,
  config: AppConfig,
): NextActionChange => {
  const problems: Record<string, string> = {};
  const check = checkNextAction(input.action);
  if (!check.ok) problems.next_action = check.message;
  else if (check.action.length > NEXT_ACTION_MAX_LENGTH) {
    problems.next_action = `Keep the next action under ${NEXT_ACTION_MAX_LENGTH} characters.`;
  }
  if (!input.dueAt) problems.next_action_due = 'Say when the next action is due.';
  else if (input.dueAt.getTime() <= now.getTime())
    problems.next_action_due = 'The due time must be in the future.';
  else if (input.dueAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
    problems.next_action_due = `Choose a due time within ${MAX_DAYS_AHEAD} days.`;
  }
  if (Object.keys(problems).length > 0 || !check.ok || !input.dueAt) return { problems };
  const due = input.dueAt.toISOString();
  const when = formatLocalDate(due, config.business.timezone);
  const entry = timelineEvent(
    now,
    'next_action_set',
    { kind: 'person', id: by.id, name: by.name },
    `Next action: ${check.action} (due ${when})`,
    { dueAt: due },
  );
  return {
    lead: { ...lead, nextAction: check.action, nextActionDueAt: due, timeline: [...lead.timeline, entry] },
    notice: `Next action set, due ${when}.`,
  };
};
