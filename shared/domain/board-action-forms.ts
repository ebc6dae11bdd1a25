/**
 * The board's action forms as posted (docs/product-rules.md §8): the fields each form carries, and the readers
 * that turn posted text into the input of a use case or into plain problems by field (then nothing
 * changes). The use cases check again what is theirs to check (the transfer's roster person, the next
 * action's wording); these readers make sure people read a plain sentence next to the field they fix.
 */
import type { BoardAction } from './board-actions';
import type { CloseInput } from './close-lead';
import type { AppConfig } from './config';
import { CLOSE_OUTCOMES, type Lead } from './lead';
import { parseLocalInput } from './local-input';
import { checkNextAction } from './next-action';
import { NEXT_ACTION_MAX_LENGTH } from './next-action-change';
import { personById } from './roster';
import { describePerson } from './wording';

/** The fields each form posts besides `csrf` (the complete form's are `completion-form.ts`'s). */
export const BOARD_FORM_FIELDS = {
  transfer: ['to', 'reason', 'next_action'],
  close: ['outcome', 'reason'],
  next_action: ['next_action', 'next_action_due'],
} as const satisfies Partial<Record<BoardAction, readonly string[]>>;

/** The shortest and longest transfer reason (as `PATCH`'s transfer takes it). */
export const TRANSFER_REASON_LENGTH = { min: 5, max: 500 } as const;

type Problems = Record<string, string>;

const hasProblems = (problems: Problems): boolean => Object.keys(problems).length > 0;

/** The posted transfer as the body `LeadsService.transfer` takes, or problems by field. */
export const readTransfer = (
  lead: Lead,
  values: Readonly<Record<string, string>>,
  config: AppConfig,
): { body: { to: string; reason: string; nextAction?: string } } | { problems: Problems } => {
  const problems: Problems = {};
  const to = values.to?.trim() ?? '';
  const person = to === '' ? undefined : personById(config, to);
  const current = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff.to : lead.owner;
  if (to === '') problems.to = 'Choose who takes the lead.';
  else if (!person?.active) problems.to = 'Choose someone on the roster.';
  else if (current?.id === person.id) {
    problems.to = `The lead is already with ${describePerson(person)}: choose someone else.`;
  }
  const reason = values.reason?.trim() ?? '';
  if (reason.length < TRANSFER_REASON_LENGTH.min) problems.reason = 'Say why the lead moves (a few words).';
  else if (reason.length > TRANSFER_REASON_LENGTH.max) {
    problems.reason = `Keep the reason under ${TRANSFER_REASON_LENGTH.max} characters.`;
  }
  const nextAction = values.next_action?.trim() ?? '';
  if (nextAction !== '') {
    const check = checkNextAction(nextAction);
    if (!check.ok) problems.next_action = check.message;
    else if (check.action.length > NEXT_ACTION_MAX_LENGTH) {
      problems.next_action = `Keep the next action under ${NEXT_ACTION_MAX_LENGTH} characters.`;
    }
  }
  if (hasProblems(problems)) return { problems };
  return { body: { to, reason, ...(nextAction === '' ? {} : { nextAction }) } };
};

/** The posted close form as the input of `closeLead` (which checks the reason a lost lead needs). */
export const readClose = (values: Readonly<Record<string, string>>): CloseInput => ({
  outcome: CLOSE_OUTCOMES.find((outcome) => outcome === values.outcome?.trim()),
  reason: values.reason ?? '',
});

/** What a due time that is not a date and time says. */
export const NOT_A_TIME = 'Enter a date and time, e.g. 2026-11-24 09:30.';

/**
 * The posted next action and its due time read in the business time zone; `dueProblem` when the due time
 * is not a date and time (the next action's own checks are `changeNextAction`'s).
 */
export const readNextAction = (
  values: Readonly<Record<string, string>>,
  timeZone: string,
): { action: string; dueAt: Date | undefined; dueProblem?: string } => {
  const raw = values.next_action_due?.trim() ?? '';
  const dueAt = raw === '' ? undefined : parseLocalInput(raw, timeZone);
  const action = values.next_action ?? '';
  return raw !== '' && dueAt === undefined ? { action, dueAt, dueProblem: NOT_A_TIME } : { action, dueAt };
};

/** Intake-style problems from a transfer (by field path) on the transfer form's fields. */
export const transferProblems = (issues: readonly { path: string; message: string }[]): Problems => {
  const problems: Problems = {};
  for (const { path, message } of issues) {
    const field = path === 'nextAction' ? 'next_action' : path === 'to' || path === 'reason' ? path : 'form';
    problems[field] ??= `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return problems;
};
