/**
 * Handoff links (SPEC §3, §10): `/h/{token}` shows the handoff note and lets its one recipient accept or
 * reject. Opening the link only reads (SMS apps prefetch links); the page's buttons post. The token is
 * bound to one handoff step and one recipient, stored only as a hash, and stops working after its
 * expiry; once the handoff is resolved the page shows the outcome and refuses further actions.
 */
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../domain/config';
import { firstEstimateFollowUpDue } from '../domain/follow-ups';
import { handoffNote } from '../domain/handoff-note';
import type { Lead, RejectReason } from '../domain/lead';
import { CONTACT_CHANNELS, REJECT_REASONS, STAGES, WAITING_ON } from '../domain/lead';
import { type CardResult, logContact, setNextAction, setStage } from '../domain/lead-card';
import { CARD_FORM_FIELDS, type CardForm, type LeadCardState } from '../domain/lead-card-page';
import {
  CONFIRMATIONS,
  type LinkPageState,
  REJECT_REASON_LABELS,
  REJECT_TEXT_MAX_LENGTH,
} from '../domain/link-pages';
import { parseLocalInput } from '../domain/local-input';
import { routeToIntake } from '../domain/routing';
import { formatLocal } from '../domain/time';
import { entriesOf } from '../domain/timeline';
import { timerName } from '../domain/timer-names';
import { acceptHandoff, type Refusal, rejectHandoff, type TransitionResult } from '../domain/transitions';
import { hashToken, isWellFormedToken } from '../link-tokens';
import { logger } from '../observability';
import type { LinkTokenRecord } from '../ports';
import type { PipelineDeps } from './deps';
import { requestDispatch } from './dispatch-service';
import { FollowUpService } from './follow-up-service';
import { routeAndHand } from './intake-service';
import { currentLoads, mutateLead } from './lead-writes';

/** What the links handler renders: a page state and its HTTP status. */
export interface LinkView {
  status: 200 | 400 | 403 | 404 | 409 | 410;
  page: LinkPageState;
}

/** The lead card's forms (posted with `action=<form>`). */
export const CARD_ACTIONS: readonly CardForm[] = ['log_contact', 'set_status', 'set_next_action'];

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

  /** A lead card form (SPEC §7): only the accepted owner may post; a review link is read only. */
  async card(token: string, actionUrl: string, action: CardForm, form: URLSearchParams): Promise<LinkView> {
    const found = await this.resolve(token);
    if ('status' in found) return found;
    const { record, lead } = found;
    if (record.purpose === 'review') {
      return { ...(await this.view(lead, record, actionUrl)), status: 403 };
    }
    if (!isCardOf(lead, record)) return { ...(await this.view(lead, record, actionUrl)), status: 409 };
    const config = await this.deps.config.load();
    const { clock, store } = this.deps;
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
              return 'lead' in result && result.changed ? result.lead : undefined;
            },
            () => clock.now(),
          );
    if ('problems' in result) {
      const view = await this.view(written.lead, record, actionUrl, undefined, {
        form: action,
        problems: result.problems,
        values,
      });
      return { ...view, status: 400 };
    }
    if (written.changed) {
      const followUps = new FollowUpService(this.deps);
      await followUps.cancel(lead.id, result.cancel);
      await followUps.schedule(lead.id, result.schedule);
      logger.info('Lead card updated', { leadId: lead.id, action });
    }
    return this.view(written.lead, record, actionUrl, undefined, undefined, result.notice);
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
    const acceptedAt = written.lead.handoff?.resolvedAt;
    const config = await this.deps.config.load();
    const notice =
      written.changed && acceptedAt
        ? `Accepted by you at ${formatLocal(new Date(acceptedAt), config.business.timezone)}. It is your lead now: log contacts, the status and the next action here.`
        : undefined;
    return this.view(written.lead, record, actionUrl, undefined, undefined, notice);
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
    const now = this.deps.clock.now().getTime();
    if (Date.parse(record.expiresAt) > now) {
      const lead = await this.deps.store.get(record.leadId);
      return lead ? { record, lead } : NOT_FOUND;
    }
    // Past its expiry, the owner's own link still opens their lead card for a while after acceptance.
    const lead = await this.deps.store.get(record.leadId);
    if (!lead || !isCardOf(lead, record)) return EXPIRED;
    const config = await this.deps.config.load();
    const acceptedAt = Date.parse(lead.handoff?.resolvedAt ?? record.createdAt);
    const cardUntil = acceptedAt + config.business.messaging.cardLinkTtlDays * 86_400_000;
    return cardUntil > now ? { record, lead } : EXPIRED;
  }

  /** The page for this link's step as things stand now. */
  private async view(
    lead: Lead,
    record: LinkTokenRecord,
    actionUrl: string,
    error?: string,
    cardError?: LeadCardState['error'],
    notice?: string,
  ): Promise<LinkView> {
    const handoff = lead.handoff;
    const config = await this.deps.config.load();
    if (handoff && (record.purpose === 'review' || isCardOf(lead, record))) {
      const reviewer =
        record.purpose === 'review'
          ? (config.roster.people.find((p) => p.id === record.recipientId)?.name ?? 'operations')
          : undefined;
      const now = this.deps.clock.now();
      const card: LeadCardState = {
        note: handoffNote(lead, handoff, config),
        lead,
        actionUrl,
        timeZone: config.business.timezone,
        people: config.roster.people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })),
        viewerId: record.recipientId,
        submission: randomUUID(),
        followUpDefault: firstEstimateFollowUpDue(now, config.business).toISOString(),
        readOnly: reviewer !== undefined || lead.status === 'closed',
        ...(cardError ? { error: cardError } : {}),
        ...(notice ? { notice } : {}),
        ...(reviewer ? { reviewer } : {}),
      };
      return { status: 200, page: { kind: 'card', card } };
    }
    const rejectedByYou = entriesOf(lead.timeline, 'rejected').find(
      (e) => e.data.seq === record.seq && e.actor.id === record.recipientId,
    );
    if (handoff && rejectedByYou) {
      const reason = rejectedByYou.data.reason;
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

/** Whether the link is the accepted owner's: then its page is the lead card. */
const isCardOf = (lead: Lead, record: LinkTokenRecord): boolean =>
  record.purpose === undefined &&
  lead.owner?.id === record.recipientId &&
  lead.handoff?.seq === record.seq &&
  lead.handoff.state === 'accepted' &&
  lead.handoff.to.id === record.recipientId;

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
