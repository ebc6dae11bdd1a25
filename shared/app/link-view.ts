/**
 * The page a handoff link shows as the lead stands now: the lead card for the accepted owner (read only
 * for a review link or a closed lead), the outcome of the recipient's rejection, the open handoff, its
 * acceptance, or "moved on". `LinkService` reads the lead and the token and calls it after every action.
 */
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../domain/config';
import { firstEstimateFollowUpDue } from '../domain/follow-ups';
import { handoffNote } from '../domain/handoff-note';
import type { Lead } from '../domain/lead';
import { followUpHint, type LeadCardState } from '../domain/lead-card-state';
import type { LinkPageState } from '../domain/link-page-state';
import { entriesOf } from '../domain/timeline';
import type { Refusal } from '../domain/transitions';
import { REJECT_REASON_LABELS } from '../domain/wording';
import type { LinkTokenRecord } from '../ports';
import { isCardOf } from './link-resolver';

/**
 * How a link request came out: `ok`; `invalid`, a refused form (shown again with its problems);
 * `forbidden`, a post to a read-only review link; `not_found`, an unknown token or lead; `conflict`,
 * the handoff moved on or is not this link's to change; `gone`, the link expired.
 */
export type LinkOutcome = 'ok' | 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'gone';

/** What the links handler renders: the outcome and the page state to show. */
export interface LinkView {
  outcome: LinkOutcome;
  page: LinkPageState;
}

export const NOT_FOUND: LinkView = { outcome: 'not_found', page: { kind: 'not_found' } };
export const EXPIRED: LinkView = { outcome: 'gone', page: { kind: 'expired' } };

/** What a page shows besides the lead: a refused action's error, a card form's problems, a notice. */
export interface ViewExtras {
  error?: string | undefined;
  cardError?: LeadCardState['error'] | undefined;
  notice?: string | undefined;
}

/** The page for `record`'s step of `lead` at `now`. */
export const linkView = (
  lead: Lead,
  record: LinkTokenRecord,
  config: AppConfig,
  now: Date,
  actionUrl: string,
  { error, cardError, notice }: ViewExtras = {},
): LinkView => {
  const handoff = lead.handoff;
  if (handoff && (record.purpose === 'review' || isCardOf(lead, record))) {
    const reviewer =
      record.purpose === 'review'
        ? (config.roster.people.find((p) => p.id === record.recipientId)?.name ?? 'operations')
        : undefined;
    const card: LeadCardState = {
      note: handoffNote(lead, handoff, config),
      lead,
      actionUrl,
      timeZone: config.business.timezone,
      people: config.roster.people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })),
      viewerId: record.recipientId,
      submission: randomUUID(),
      followUpDefault: firstEstimateFollowUpDue(now, config.business).toISOString(),
      followUpHint: followUpHint(config.business),
      readOnly: reviewer !== undefined || lead.status === 'closed',
      ...(cardError ? { error: cardError } : {}),
      ...(notice ? { notice } : {}),
      ...(reviewer ? { reviewer } : {}),
    };
    return { outcome: 'ok', page: { kind: 'card', card } };
  }
  const rejectedByYou = entriesOf(lead.timeline, 'rejected').find(
    (e) => e.data.seq === record.seq && e.actor.id === record.recipientId,
  );
  if (handoff && rejectedByYou) {
    const reason = rejectedByYou.data.reason;
    return {
      outcome: 'ok',
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
      return { outcome: 'ok', page: { kind: 'open', note, actionUrl, ...(error ? { error } : {}) } };
    case 'accepted':
      return {
        outcome: 'ok',
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
};

/** A refused accept or reject: the page as it stands, answered with `conflict` (an open page says why). */
export const refusedLinkView = (view: LinkView, refusal: Refusal): LinkView => {
  if (view.page.kind === 'open') {
    return {
      outcome: 'conflict',
      page: { kind: 'moved', leadName: view.page.note.leadName, message: refusal.message },
    };
  }
  return { ...view, outcome: 'conflict' };
};

/** The handoff of this link moved on: who has the lead now, by name. */
const movedView = (lead: Lead): LinkView => {
  const handoff = lead.handoff;
  const where = handoff?.state === 'awaiting_acceptance' ? `It is now waiting on ${handoff.to.name}.` : '';
  const owner = lead.owner ? `It is owned by ${lead.owner.name}.` : where;
  return {
    outcome: 'conflict',
    page: {
      kind: 'moved',
      leadName: lead.fullName ?? 'This lead',
      message: `This handoff has moved on. ${owner}`.trim(),
    },
  };
};
