/**
 * A lead card form posted by the accepted owner: read the form, apply the card action to the lead as
 * read (`shared/domain/lead-card.ts`) with a conditional write, then create and delete the follow-up
 * timers the action asks for, and the idle next-action timers (`idleAfterCardForm`: a logged contact
 * or a closed lead cancels them, a new next action restarts them).
 */
import type { AppConfig } from '../domain/config';
import { type IdleTimerChange, idleAfterCardForm, NO_IDLE_CHANGE } from '../domain/idle-next-action';
import type { Lead } from '../domain/lead';
import { CONTACT_CHANNELS, STAGES, WAITING_ON } from '../domain/lead';
import { type CardResult, logContact, setNextAction, setStage } from '../domain/lead-card';
import { CARD_FORM_FIELDS, type CardForm } from '../domain/lead-card-state';
import { parseLocalInput } from '../domain/local-input';
import { logger } from '../observability';
import type { LinkTokenRecord } from '../ports';
import type { FailureReports } from './collaborators';
import type { PipelineDeps } from './deps';
import type { FollowUpTimers } from './follow-up-timers';
import { applyIdleTimers } from './idle-timers';
import { mutateLead } from './lead-writes';

export type CardActionDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'timers'> & {
  followUpTimers: FollowUpTimers;
  failures: Pick<FailureReports, 'resolveStale'>;
};

/** Applies one posted card form; `values` are the form's fields as posted (to show them again). */
export const postCardForm = async (
  deps: CardActionDeps,
  lead: Lead,
  record: LinkTokenRecord,
  action: CardForm,
  form: URLSearchParams,
): Promise<{
  written: { lead: Lead; changed: boolean };
  result: CardResult;
  values: Record<string, string>;
}> => {
  const config = await deps.config.load();
  const { clock, store } = deps;
  const tz = config.business.timezone;
  const values = Object.fromEntries(CARD_FORM_FIELDS[action].map((name) => [name, form.get(name) ?? '']));
  const when = (name: string): Date | undefined | 'invalid' => {
    const raw = values[name]?.trim() ?? '';
    if (raw === '') return undefined;
    return parseLocalInput(raw, tz) ?? 'invalid';
  };
  // One id per rendered page; keyed with the form, so two forms of the same page both apply.
  const posted = form.get('submission')?.slice(0, 100);
  const submission = posted ? `${action}:${posted}` : undefined;
  const dates: Record<string, Date | undefined | 'invalid'> = {};
  for (const name of ['contact_at', 'follow_up_at', 'next_action_due']) {
    if (name in values) dates[name] = when(name);
  }
  const invalid = Object.entries(dates)
    .filter(([, value]) => value === 'invalid')
    .map(([name]) => [name, 'Enter a date and time, e.g. 2026-11-24 09:30.']);
  const date = (name: string) => {
    const value = dates[name];
    return value === 'invalid' ? undefined : value;
  };
  let result = { problems: Object.fromEntries(invalid) } as CardResult;
  let idle: IdleTimerChange = NO_IDLE_CHANGE;
  const written =
    invalid.length > 0
      ? { lead, changed: false }
      : await mutateLead(
          store,
          lead.id,
          (current) => {
            const now = clock.now();
            result = applyCardForm(
              current,
              action,
              values,
              date,
              submission,
              record.recipientId,
              now,
              config,
            );
            if (!('lead' in result) || !result.changed) return undefined;
            const after = idleAfterCardForm(action, result.lead, now, config.business);
            idle = after.change;
            return after.lead;
          },
          () => clock.now(),
        );
  if (written.changed && 'lead' in result) {
    await deps.followUpTimers.cancel(lead.id, result.cancel);
    await deps.followUpTimers.schedule(lead.id, result.schedule);
    await applyIdleTimers(deps.timers, lead.id, idle);
    // A contact logged or a lead closed can make open failed handoffs moot (docs/product-rules.md §9).
    if (written.lead.openFailures?.length) await deps.failures.resolveStale(written.lead);
    logger.info('Lead card updated', { leadId: lead.id, action });
  }
  return { written, result, values };
};

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((v) => v === value);

/** Runs one card form against the lead as read. */
const applyCardForm = (
  lead: Lead,
  action: CardForm,
  values: Record<string, string>,
  date: (name: string) => Date | undefined,
  submission: string | undefined,
  actorId: string,
  now: Date,
  config: AppConfig,
): CardResult => {
  const common = submission ? { submission } : {};
  switch (action) {
    case 'log_contact':
      return logContact(
        lead,
        {
          at: date('contact_at'),
          byId: values.contact_by || undefined,
          channel: oneOf(CONTACT_CHANNELS, values.contact_channel),
          summary: values.contact_summary ?? '',
          waitingOn: oneOf(WAITING_ON, values.waiting_on),
          ...common,
        },
        actorId,
        now,
        config,
      );
    case 'set_status':
      return setStage(
        lead,
        { stage: oneOf(STAGES, values.stage), followUpAt: date('follow_up_at'), ...common },
        actorId,
        now,
        config,
      );
    case 'set_next_action':
      return setNextAction(
        lead,
        { action: values.next_action ?? '', dueAt: date('next_action_due'), ...common },
        actorId,
        now,
        config,
      );
  }
};
