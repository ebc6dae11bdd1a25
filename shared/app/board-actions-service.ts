/**
 * The board's lead card and its actions (docs/product-rules.md §8): complete a `needs_info` lead (routed once
 * complete), transfer (a new handoff to accept), close with an outcome, set the next action; retry
 * failed handoffs (who is working now is `RosterService`'s). Every action checks who may (`board-actions.ts`) on the lead as
 * read (and again inside its conditional write), acts as the signed-in person (the timeline's actor) and
 * changes nothing when refused. A lead the person may not see is `NotFoundError` (404, not 403, so ids
 * do not leak); one they see but may not act on that way is `ForbiddenError`.
 */
import { involvementOf, maySeeLead } from '../domain/board-access';
import { readClose, readNextAction, readTransfer, transferProblems } from '../domain/board-action-forms';
import { allowedActions, type BoardAction, mayRetryFailures } from '../domain/board-actions';
import { type CloseResult, closeLead } from '../domain/close-lead';
import { completionFields, completionProblems, readCompletion } from '../domain/completion-form';
import type { AppConfig } from '../domain/config';
import type { Actor, Lead, PersonRef } from '../domain/lead';
import { changeNextAction, type NextActionChange } from '../domain/next-action-change';
import { personRef } from '../domain/routing';
import { timerName } from '../domain/timer-names';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { logger } from '../observability';
import type { Clock, ConfigSource, LeadStore, TimerService } from '../ports';
import type { FailedHandoffRetries, LeadRepairs } from './collaborators';
import type { FollowUpTimers } from './follow-up-timers';
import { mutateLead } from './lead-writes';

export interface BoardActionsDeps {
  store: LeadStore;
  config: ConfigSource;
  clock: Clock;
  /** Deletes the acceptance timer of a handoff a close supersedes. */
  timers: TimerService;
  followUpTimers: FollowUpTimers;
  leads: LeadRepairs;
  retries: FailedHandoffRetries;
}

/** What the board's lead page shows: the lead, and what the person may do with it. */
export interface BoardCard {
  lead: Lead;
  config: AppConfig;
  now: Date;
  actions: BoardAction[];
  /** Who a transfer may go to: the active roster but the person the lead is with now. */
  transferTo: PersonRef[];
}

/** An action done (the lead as written), or refused with problems by form field (nothing changed). */
export type ActionOutcome =
  | { ok: true; lead: Lead }
  | { ok: false; status: 409 | 422; problems: Record<string, string> };

const LEAD_ID = /^[0-9A-Z]{26}$/;
const CHANGED_MEANWHILE = 'The lead changed while you were looking at it: check it below and try again.';

const actorOf = (person: PersonRef): Actor => ({ kind: 'person', id: person.id, name: person.name });
const refused = (status: 409 | 422, problems: Record<string, string>): ActionOutcome => ({
  ok: false,
  status,
  problems,
});

export class BoardActionsService {
  constructor(private readonly deps: BoardActionsDeps) {}

  /** The lead card for `viewer`, or undefined when there is no such lead or they may not see it. */
  async card(viewer: PersonRef, leadId: string): Promise<BoardCard | undefined> {
    const lead = await this.find(viewer, leadId);
    if (!lead) return undefined;
    const config = await this.deps.config.load();
    const current = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff.to : lead.owner;
    const transferTo = config.roster.people
      .filter((person) => person.active && person.id !== current?.id)
      .map(personRef);
    const now = this.deps.clock.now();
    return { lead, config, now, actions: allowedActions(viewer, lead), transferTo };
  }

  /** Completes a `needs_info` lead with the posted missing fields; the use case routes it once complete. */
  async complete(viewer: PersonRef, leadId: string, values: Record<string, string>): Promise<ActionOutcome> {
    const lead = await this.allowed(viewer, leadId, 'complete');
    const read = readCompletion(lead, values, viewer.name);
    if ('problems' in read) return refused(422, read.problems);
    try {
      return { ok: true, lead: await this.deps.leads.update(leadId, read.body, actorOf(viewer)) };
    } catch (error) {
      if (error instanceof ValidationError) {
        return refused(422, completionProblems(error.issues, completionFields(lead)));
      }
      if (error instanceof ConflictError) return refused(409, { form: CHANGED_MEANWHILE });
      throw error;
    }
  }

  /** Transfers the lead to the posted roster person with the posted reason: a handoff they must accept. */
  async transfer(viewer: PersonRef, leadId: string, values: Record<string, string>): Promise<ActionOutcome> {
    const lead = await this.allowed(viewer, leadId, 'transfer');
    const read = readTransfer(lead, values, await this.deps.config.load());
    if ('problems' in read) return refused(422, read.problems);
    try {
      return { ok: true, lead: await this.deps.leads.transfer(leadId, read.body, actorOf(viewer)) };
    } catch (error) {
      if (error instanceof ValidationError) return refused(422, transferProblems(error.issues));
      if (error instanceof ConflictError) return refused(409, { form: CHANGED_MEANWHILE });
      throw error;
    }
  }

  /** Closes the lead with the posted outcome; its pending follow-ups and acceptance timer are deleted. */
  async close(viewer: PersonRef, leadId: string, values: Record<string, string>): Promise<ActionOutcome> {
    await this.allowed(viewer, leadId, 'close');
    const { business } = await this.deps.config.load();
    let result = undefined as CloseResult | undefined;
    const written = await this.write(viewer, leadId, 'close', (current, now) => {
      result = closeLead(current, readClose(values), viewer, now, business);
      return 'lead' in result ? result.lead : undefined;
    });
    if (!result) return refused(409, { form: CHANGED_MEANWHILE });
    if ('problems' in result || !written) return refused(422, 'problems' in result ? result.problems : {});
    await this.deps.followUpTimers.cancel(leadId, result.cancel);
    if (result.supersededSeq !== undefined) await this.cancelTimer(leadId, result.supersededSeq);
    logger.info('Lead closed from the board', { leadId, outcome: written.closure?.outcome });
    return { ok: true, lead: written };
  }

  /** Sets the lead's next action and due time (the specific-action rule; the due time in business time). */
  async setNextAction(
    viewer: PersonRef,
    leadId: string,
    values: Record<string, string>,
  ): Promise<ActionOutcome> {
    await this.allowed(viewer, leadId, 'next_action');
    const config = await this.deps.config.load();
    const read = readNextAction(values, config.business.timezone);
    let result = undefined as NextActionChange | undefined;
    const written = await this.write(viewer, leadId, 'next_action', (current, now) => {
      const change = changeNextAction(current, read, viewer, now, config);
      result = read.dueProblem
        ? { problems: { ...('problems' in change ? change.problems : {}), next_action_due: read.dueProblem } }
        : change;
      return 'lead' in result ? result.lead : undefined;
    });
    if (!result) return refused(409, { form: CHANGED_MEANWHILE });
    if ('problems' in result || !written) return refused(422, 'problems' in result ? result.problems : {});
    return { ok: true, lead: written };
  }

  /** Retries one failed handoff (the ops use case); `NotFoundError` for someone who may not. */
  async retry(viewer: PersonRef, failureId: string): Promise<string> {
    if (!mayRetryFailures(viewer)) throw new NotFoundError('Not on this board');
    try {
      return (await this.deps.retries.retry(failureId)).outcome;
    } catch (error) {
      if (error instanceof ValidationError)
        throw new NotFoundError('No such failed handoff', { cause: error });
      throw error;
    }
  }

  /** Retries every open failed handoff (one page; the list shows what is left). */
  async retryAll(viewer: PersonRef): Promise<number> {
    if (!mayRetryFailures(viewer)) throw new NotFoundError('Not on this board');
    return (await this.deps.retries.retryAll()).results.length;
  }

  /** The lead if it exists and `viewer` may see it. */
  private async find(viewer: PersonRef, leadId: string): Promise<Lead | undefined> {
    const lead = LEAD_ID.test(leadId) ? await this.deps.store.get(leadId) : undefined;
    return lead && maySeeLead(viewer, involvementOf(lead)) ? lead : undefined;
  }

  /** The lead if `viewer` may see it and take `action` on it as it is now. */
  private async allowed(viewer: PersonRef, leadId: string, action: BoardAction): Promise<Lead> {
    const lead = await this.find(viewer, leadId);
    if (!lead) throw new NotFoundError('Not on this board');
    if (!allowedActions(viewer, lead).includes(action)) {
      throw new ForbiddenError(`Not allowed to ${action} this lead`);
    }
    return lead;
  }

  /** A conditional write of `change` while `viewer` may still take `action`; the lead written, if any. */
  private async write(
    viewer: PersonRef,
    leadId: string,
    action: BoardAction,
    change: (lead: Lead, now: Date) => Lead | undefined,
  ): Promise<Lead | undefined> {
    const { store, clock } = this.deps;
    const written = await mutateLead(
      store,
      leadId,
      (current) =>
        allowedActions(viewer, current).includes(action) ? change(current, clock.now()) : undefined,
      () => clock.now(),
    );
    return written.changed ? written.lead : undefined;
  }

  private async cancelTimer(leadId: string, seq: number): Promise<void> {
    try {
      await this.deps.timers.cancel(timerName(leadId, seq));
    } catch (error) {
      logger.warn('Acceptance timer not deleted; it will find nothing to do', {
        leadId,
        error: error as Error,
      });
    }
  }
}
