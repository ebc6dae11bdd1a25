/**
 * Handoff links (SPEC §3, §10): `/h/{token}` shows the handoff note and lets its one recipient accept or
 * reject. Opening the link only reads (SMS apps prefetch links); the page's buttons post. The token is
 * bound to one handoff step and one recipient, stored only as a hash, and stops working after its
 * expiry; once the handoff is resolved the page shows the outcome and refuses further actions.
 */
import { handoffNote } from '../domain/handoff-note';
import type { Lead, RejectReason } from '../domain/lead';
import { REJECT_REASONS } from '../domain/lead';
import {
  CONFIRMATIONS,
  type LinkPageState,
  REJECT_REASON_LABELS,
  REJECT_TEXT_MAX_LENGTH,
} from '../domain/link-pages';
import { routeToIntake } from '../domain/routing';
import { timerName } from '../domain/timer-names';
import { acceptHandoff, type Refusal, rejectHandoff, type TransitionResult } from '../domain/transitions';
import { hashToken, isWellFormedToken } from '../link-tokens';
import { logger } from '../observability';
import type { LinkTokenRecord } from '../ports';
import type { PipelineDeps } from './deps';
import { requestDispatch } from './dispatch-service';
import { routeAndHand } from './intake-service';
import { currentLoads, mutateLead } from './lead-writes';

/** What the links handler renders: a page state and its HTTP status. */
export interface LinkView {
  status: 200 | 400 | 404 | 409 | 410;
  page: LinkPageState;
}

const NOT_FOUND: LinkView = { status: 404, page: { kind: 'not_found' } };
const EXPIRED: LinkView = { status: 410, page: { kind: 'expired' } };

export interface RejectInput {
  reason: string | undefined;
  text: string | undefined;
}

export type LinkDeps = Pick<
  PipelineDeps,
  'store' | 'config' | 'clock' | 'tokens' | 'timers' | 'queue' | 'metrics'
>;

export class LinkService {
  constructor(private readonly deps: LinkDeps) {}

  /** GET: reads only. */
  async open(token: string, actionUrl: string): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('status' in found) return found;
    return this.view(found.lead, found.record, actionUrl);
  }

  async accept(token: string, actionUrl: string, confirmations: readonly string[]): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('status' in found) return found;
    const { record } = found;
    const missing = CONFIRMATIONS.filter((c) => !confirmations.includes(c));
    if (missing.length > 0 && found.lead.handoff?.state === 'awaiting_acceptance') {
      const view = await this.view(found.lead, record, actionUrl, 'Tick all four confirmations to accept.');
      return { ...view, status: 400 };
    }
    let result = { lead: found.lead, changed: false } as TransitionResult;
    const { clock, store } = this.deps;
    const written = await mutateLead(
      store,
      record.leadId,
      (current) => {
        result = acceptHandoff(current, {
          seq: record.seq,
          recipientId: record.recipientId,
          confirmations,
          now: clock.now(),
        });
        return 'lead' in result && result.changed ? result.lead : undefined;
      },
      () => clock.now(),
    );
    if (isRefused(result)) return this.refusedView(written.lead, record, actionUrl, result);
    if (written.changed) {
      await this.cancelTimer(record);
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
    return this.view(written.lead, record, actionUrl);
  }

  async reject(token: string, actionUrl: string, input: RejectInput): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('status' in found) return found;
    const { record } = found;
    const problem = rejectionProblem(input);
    if (problem && found.lead.handoff?.state === 'awaiting_acceptance') {
      return { ...(await this.view(found.lead, record, actionUrl, problem)), status: 400 };
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
        const returned = result.lead;
        const decision = routeToIntake({ lead: returned, config, loads, now }, returned.missing);
        return routeAndHand(returned, decision, config, now);
      },
      () => clock.now(),
    );
    if (isRefused(result)) return this.refusedView(written.lead, record, actionUrl, result);
    if (written.changed) {
      await this.cancelTimer(record);
      await requestDispatch(this.deps, written.lead);
      logger.info('Handoff rejected', { leadId: record.leadId, seq: record.seq, reason });
    }
    return this.view(written.lead, record, actionUrl);
  }

  private async resolve(token: string): Promise<LinkView | { record: LinkTokenRecord; lead: Lead }> {
    if (!isWellFormedToken(token)) return NOT_FOUND;
    const record = await this.deps.tokens.get(hashToken(token));
    if (!record) return NOT_FOUND;
    if (Date.parse(record.expiresAt) <= this.deps.clock.now().getTime()) return EXPIRED;
    const lead = await this.deps.store.get(record.leadId);
    return lead ? { record, lead } : NOT_FOUND;
  }

  /** The page for this link's step as things stand now. */
  private async view(
    lead: Lead,
    record: LinkTokenRecord,
    actionUrl: string,
    error?: string,
  ): Promise<LinkView> {
    const handoff = lead.handoff;
    const config = await this.deps.config.load();
    const rejectedByYou = lead.timeline.find(
      (e) => e.type === 'rejected' && e.data?.seq === record.seq && e.actor.id === record.recipientId,
    );
    if (handoff && rejectedByYou) {
      const reason = (rejectedByYou.data?.reason ?? 'other') as RejectReason;
      return {
        status: 200,
        page: {
          kind: 'rejected',
          note: handoffNote(lead, handoff, config),
          reasonLabel: REJECT_REASON_LABELS[reason],
        },
      };
    }
    if (!handoff || handoff.seq !== record.seq) return movedView(lead);
    const note = handoffNote(lead, handoff, config);
    switch (handoff.state) {
      case 'awaiting_acceptance':
        return { status: 200, page: { kind: 'open', note, actionUrl, ...(error ? { error } : {}) } };
      case 'accepted':
        return {
          status: 200,
          page: {
            kind: 'accepted',
            note,
            acceptedAt: handoff.resolvedAt ?? handoff.createdAt,
            byYou: handoff.to.id === record.recipientId,
            timeZone: config.business.timezone,
          },
        };
      default:
        return movedView(lead);
    }
  }

  private async refusedView(
    lead: Lead,
    record: LinkTokenRecord,
    actionUrl: string,
    refusal: Refusal,
  ): Promise<LinkView> {
    const view = await this.view(lead, record, actionUrl);
    if (view.page.kind === 'open') {
      return {
        status: 409,
        page: { kind: 'moved', leadName: view.page.note.leadName, message: refusal.message },
      };
    }
    return { ...view, status: 409 };
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

const movedView = (lead: Lead): LinkView => {
  const handoff = lead.handoff;
  const where = handoff?.state === 'awaiting_acceptance' ? `It is now waiting on ${handoff.to.name}.` : '';
  const owner = lead.owner ? `It is owned by ${lead.owner.name}.` : where;
  return {
    status: 409,
    page: {
      kind: 'moved',
      leadName: lead.fullName ?? 'This lead',
      message: `This handoff has moved on. ${owner}`.trim(),
    },
  };
};

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
