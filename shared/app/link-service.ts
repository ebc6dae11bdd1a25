/**
 * Handoff links (docs/product-rules.md §3, §10): `/h/{token}` shows the handoff note and lets its one recipient accept or
 * reject. Opening the link only reads (SMS apps prefetch links); the page's buttons post. The token is
 * bound to one handoff step and one recipient, stored only as a hash, and stops working after its
 * expiry; once the handoff is resolved the page shows the outcome and refuses further actions.
 */
import type { AppConfig } from '../domain/config';
import { armIdleCheck, type IdleTimerChange, NO_IDLE_CHANGE } from '../domain/idle-next-action';
import type { Lead, RejectReason } from '../domain/lead';
import { REJECT_REASONS } from '../domain/lead';
import type { CardForm } from '../domain/lead-card-state';
import { CONFIRMATIONS, REJECT_TEXT_MAX_LENGTH } from '../domain/link-page-state';
import { returnToIntake } from '../domain/route-and-hand';
import { formatLocal } from '../domain/time';
import { timerName } from '../domain/timer-names';
import { acceptHandoff, type Refusal, rejectHandoff, type TransitionResult } from '../domain/transitions';
import { logger } from '../observability';
import type { LinkTokenRecord } from '../ports';
import { postCardForm } from './card-actions';
import type { FailureReports } from './collaborators';
import type { PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import type { FollowUpTimers } from './follow-up-timers';
import { applyIdleTimers } from './idle-timers';
import { currentLoads, mutateLead } from './lead-writes';
import { isCardOf, resolveLink } from './link-resolver';
import { EXPIRED, type LinkView, linkView, NOT_FOUND, refusedLinkView, type ViewExtras } from './link-view';
import { queueTakenBy } from './taken-by-notices';

/** The lead card's forms (posted with `action=<form>`). */
export const CARD_ACTIONS: readonly CardForm[] = ['log_contact', 'set_status', 'set_next_action'];

export interface RejectInput {
  reason: string | undefined;
  text: string | undefined;
}

export type LinkDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'tokens' | 'timers' | 'metrics' | 'queue'
> & {
  dispatches: DispatchRequester;
  followUpTimers: FollowUpTimers;
  /** Closes failed-handoff records whose cause an acceptance or a card action removed. */
  failures: Pick<FailureReports, 'resolveStale'>;
};

export class LinkService {
  constructor(private readonly deps: LinkDeps) {}

  /** GET: reads only. */
  async open(token: string, actionUrl: string): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('outcome' in found) return found;
    return this.view(found.lead, found.record, actionUrl);
  }

  /** A lead card form (docs/product-rules.md §7): only the accepted owner may post; a review link is read only. */
  async card(token: string, actionUrl: string, action: CardForm, form: URLSearchParams): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('outcome' in found) return found;
    const { record, lead } = found;
    if (record.purpose === 'review') {
      return { ...(await this.view(lead, record, actionUrl)), outcome: 'forbidden' };
    }
    if (!isCardOf(lead, record)) {
      return { ...(await this.view(lead, record, actionUrl)), outcome: 'conflict' };
    }
    const { written, result, values } = await postCardForm(this.deps, lead, record, action, form);
    if ('problems' in result) {
      const view = await this.view(written.lead, record, actionUrl, {
        cardError: { form: action, problems: result.problems, values },
      });
      return { ...view, outcome: 'invalid' };
    }
    return this.view(written.lead, record, actionUrl, { notice: result.notice });
  }

  async accept(token: string, actionUrl: string, confirmations: readonly string[]): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('outcome' in found) return found;
    const { record } = found;
    const missing = CONFIRMATIONS.filter((c) => !confirmations.includes(c));
    if (missing.length > 0 && found.lead.handoff?.state === 'awaiting_acceptance') {
      const view = await this.view(found.lead, record, actionUrl, {
        error: 'Tick all four confirmations to accept.',
      });
      return { ...view, outcome: 'invalid' };
    }
    let result = { lead: found.lead, changed: false } as TransitionResult;
    let idle: IdleTimerChange = NO_IDLE_CHANGE;
    const { clock, store } = this.deps;
    const config = await this.deps.config.load();
    const written = await mutateLead(
      store,
      record.leadId,
      (current) => {
        const now = clock.now();
        result = acceptHandoff(current, {
          seq: record.seq,
          recipientId: record.recipientId,
          confirmations,
          now,
        });
        if (!('lead' in result) || !result.changed) return undefined;
        // Accepted but idle (docs/product-rules.md §5): the next action it was accepted with is watched.
        const armed = armIdleCheck(result.lead, now, config.business);
        idle = armed.change;
        return armed.lead;
      },
      () => clock.now(),
    );
    if (isRefused(result)) return this.refusedView(written.lead, record, actionUrl, result);
    if (written.changed) {
      await this.cancelTimer(record);
      await applyIdleTimers(this.deps.timers, record.leadId, idle);
      const handoff = written.lead.handoff;
      this.deps.metrics.count('HandoffsAccepted');
      if (handoff?.resolvedAt) {
        this.deps.metrics.seconds(
          'AcceptanceLatency',
          (Date.parse(handoff.resolvedAt) - Date.parse(handoff.createdAt)) / 1000,
        );
      }
      logger.info('Handoff accepted', { leadId: record.leadId, seq: record.seq });
    }
    await this.closeTheLoop(written.lead, record, config);
    const acceptedAt = written.lead.handoff?.resolvedAt;
    const notice =
      written.changed && acceptedAt
        ? `Accepted by you at ${formatLocal(new Date(acceptedAt), config.business.timezone)}. It is your lead now: log contacts, the status and the next action here.`
        : undefined;
    return this.view(written.lead, record, actionUrl, { notice });
  }

  async reject(token: string, actionUrl: string, input: RejectInput): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('outcome' in found) return found;
    const { record } = found;
    const problem = rejectionProblem(input);
    if (problem && found.lead.handoff?.state === 'awaiting_acceptance') {
      return { ...(await this.view(found.lead, record, actionUrl, { error: problem })), outcome: 'invalid' };
    }
    const reason = input.reason as RejectReason;
    const text = input.text?.trim() || undefined;
    const { clock, store } = this.deps;
    const [config, loads] = await Promise.all([this.deps.config.load(), currentLoads(store)]);
    let result = { lead: found.lead, changed: false } as TransitionResult;
    const written = await mutateLead(
      store,
      record.leadId,
      (current) => {
        const now = clock.now();
        result = rejectHandoff(current, {
          seq: record.seq,
          recipientId: record.recipientId,
          reason,
          ...(text ? { text } : {}),
          now,
        });
        if (!('lead' in result) || !result.changed) return undefined;
        return returnToIntake(result.lead, config, loads, now);
      },
      () => clock.now(),
    );
    if (isRefused(result)) return this.refusedView(written.lead, record, actionUrl, result);
    if (written.changed) {
      await this.cancelTimer(record);
      await this.deps.dispatches.request(written.lead);
      logger.info('Handoff rejected', { leadId: record.leadId, seq: record.seq, reason });
    }
    return this.view(written.lead, record, actionUrl);
  }

  private async resolve(token: string): Promise<LinkView | { record: LinkTokenRecord; lead: Lead }> {
    const found = await resolveLink(this.deps, token);
    return found === 'not_found' ? NOT_FOUND : found === 'expired' ? EXPIRED : found;
  }

  /** The page for this link's step as things stand now. */
  private async view(
    lead: Lead,
    record: LinkTokenRecord,
    actionUrl: string,
    extras: ViewExtras = {},
  ): Promise<LinkView> {
    const config = await this.deps.config.load();
    return linkView(lead, record, config, this.deps.clock.now(), actionUrl, extras);
  }

  private async refusedView(
    lead: Lead,
    record: LinkTokenRecord,
    actionUrl: string,
    refusal: Refusal,
  ): Promise<LinkView> {
    return refusedLinkView(await this.view(lead, record, actionUrl), refusal);
  }

  /**
   * Once this link's handoff is accepted (now, or by an earlier post of the same accept): the others of
   * its chain are told who took it, and failed-handoff records it made moot resolve themselves. Both are
   * idempotent, so a repeated accept repairs what a failure left undone.
   */
  private async closeTheLoop(lead: Lead, record: LinkTokenRecord, config: AppConfig): Promise<void> {
    const handoff = lead.handoff;
    if (handoff?.seq !== record.seq || handoff.state !== 'accepted' || handoff.to.id !== record.recipientId)
      return;
    await queueTakenBy(this.deps.queue, lead, record.seq, config);
    if (lead.openFailures?.length) await this.deps.failures.resolveStale(lead);
  }

  /** Acceptance deletes the timer; one already gone is fine, and a late fire would change nothing anyway. */
  private async cancelTimer(record: LinkTokenRecord): Promise<void> {
    try {
      await this.deps.timers.cancel(timerName(record.leadId, record.seq));
    } catch (error) {
      logger.warn('Timer not deleted; its deadline will find the handoff resolved', {
        leadId: record.leadId,
        seq: record.seq,
        error: error as Error,
      });
    }
  }
}

const isRefused = (result: TransitionResult): result is Refusal => 'refused' in result;

/** Why a rejection cannot be taken, or undefined when it can. */
export const rejectionProblem = ({ reason, text }: RejectInput): string | undefined => {
  if (!reason || !(REJECT_REASONS as readonly string[]).includes(reason)) {
    return 'Choose the missing-data reason for sending it back.';
  }
  if (reason === 'other' && !text?.trim()) return 'Say what is missing when the reason is "Other".';
  if (text && text.length > REJECT_TEXT_MAX_LENGTH) {
    return `Keep the explanation under ${REJECT_TEXT_MAX_LENGTH} characters.`;
  }
  return undefined;
};
