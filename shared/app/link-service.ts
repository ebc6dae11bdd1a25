/**
 * Handoff links (docs/product-rules.md §3, §10): `/h/{token}` shows the handoff note and lets its one recipient accept or
 * reject. Opening the link only reads (SMS apps prefetch links); the page's buttons post. The token is
 * bound to one handoff step and one recipient, stored only as a hash, and stops working after its
 * expiry; once the handoff is resolved the page shows the outcome and refuses further actions.
 */
import type { Lead, RejectReason } from '../domain/lead';
import { REJECT_REASONS } from '../domain/lead';
import type { CardForm } from '../domain/lead-card-state';
import { CONFIRMATIONS, REJECT_TEXT_MAX_LENGTH } from '../domain/link-page-state';
import { formatLocal } from '../domain/time';
import type { Refusal } from '../domain/transitions';
import type { LinkTokenRecord } from '../ports';
import { postCardForm } from './card-actions';
import type { PipelineDeps } from './deps';
import type { FollowUpTimers } from './follow-up-timers';
import { type DecisionDeps, HandoffDecisions } from './handoff-decisions';
import { isCardOf, resolveLink } from './link-resolver';
import { EXPIRED, type LinkView, linkView, NOT_FOUND, refusedLinkView, type ViewExtras } from './link-view';

/** The lead card's forms (posted with `action=<form>`). */
export const CARD_ACTIONS: readonly CardForm[] = ['log_contact', 'set_status', 'set_next_action'];

export interface RejectInput {
  reason: string | undefined;
  text: string | undefined;
}

/** Accept and send back need `DecisionDeps`; the link's token and the lead card's timers the rest. */
export type LinkDeps = DecisionDeps &
  Pick<PipelineDeps, 'tokens'> & {
    followUpTimers: FollowUpTimers;
  };

export class LinkService {
  /** Accept and send back: the same use case as an SMS reply's. */
  private readonly decisions: HandoffDecisions;

  constructor(private readonly deps: LinkDeps) {
    this.decisions = new HandoffDecisions(deps);
  }

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
    const written = await this.decisions.accept(record, confirmations);
    if (written.refusal) return this.refusedView(written.lead, record, actionUrl, written.refusal);
    const config = written.config;
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
    const written = await this.decisions.reject(record, reason, text);
    if (written.refusal) return this.refusedView(written.lead, record, actionUrl, written.refusal);
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
}

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
