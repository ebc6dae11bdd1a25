/**
 * The board's lists as JSON for integrations (`GET /leads`, docs/api.md): the same facts as a board row,
 * as data (ids, codes, ISO times) rather than words, plus the words a person would read.
 */

import type { BoardRow } from './board-row';
import type { AppConfig } from './config';
import { reasonWords } from './failed-row';
import type { FailedHandoff } from './failures';
import { lastContactOf } from './last-contact';
import { type Lead, leadDueAt, NO_DUE_AT, type PersonRef } from './lead';
import { isUnownedLead } from './unowned';

/** One lead of a list. */
export interface LeadListItem {
  id: string;
  fullName?: string;
  phone?: string;
  serviceType?: string;
  area: string;
  source: Lead['source'];
  campaign?: string;
  status: Lead['status'];
  stage: Lead['stage'];
  owner?: PersonRef;
  /** The person an open handoff asks to accept, and by when. */
  asked?: PersonRef & { acceptBy: string };
  nextAction?: string;
  dueAt?: string;
  overdue: boolean;
  unowned: boolean;
  lastContact?: { at: string; by: string; byId?: string; waitingOn: 'us' | 'customer' };
  createdAt: string;
  /** A source's test lead: stored closed, never routed. */
  test?: true;
  /** The row as the board says it. */
  words: { stage: string; status: string; due?: string; lastContact: string; source: string };
}

/** One failed handoff of the `failed` list. */
export interface FailedListItem {
  id: string;
  leadId: string;
  fullName?: string;
  kind: FailedHandoff['kind'];
  seq: number;
  what: string;
  reason: string;
  reasonText: string;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** The list item of `lead`, given its board row. */
export const leadListItem = (lead: Lead, row: BoardRow, config: AppConfig): LeadListItem => {
  const handoff =
    lead.status !== 'closed' && lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff : undefined;
  const due = leadDueAt(lead);
  const contact = lastContactOf(lead);
  const nextAction = row.nextAction;
  return {
    id: lead.id,
    ...(lead.fullName ? { fullName: lead.fullName } : {}),
    ...(lead.phone ? { phone: lead.phone } : {}),
    ...(lead.serviceType ? { serviceType: lead.serviceType } : {}),
    area: row.area,
    source: lead.source,
    ...(lead.campaign ? { campaign: lead.campaign } : {}),
    status: lead.status,
    stage: lead.stage,
    ...(lead.owner ? { owner: lead.owner } : {}),
    ...(handoff ? { asked: { ...handoff.to, acceptBy: handoff.acceptBy } } : {}),
    ...(nextAction ? { nextAction } : {}),
    ...(lead.status !== 'closed' && due !== NO_DUE_AT ? { dueAt: due } : {}),
    overdue: row.overdue,
    unowned: isUnownedLead(lead),
    ...(contact
      ? {
          lastContact: {
            at: contact.at,
            by: contact.by,
            ...(contact.byId ? { byId: contact.byId } : {}),
            waitingOn: contact.waitingOn,
          },
        }
      : {}),
    createdAt: lead.createdAt,
    ...(lead.test ? { test: lead.test } : {}),
    words: {
      stage: row.stage,
      status: row.status,
      ...(row.dueText ? { due: `${row.dueText} (${config.business.timezone})` } : {}),
      lastContact: row.lastContact,
      source: row.source,
    },
  };
};

/** The list item of `failure`, with the name of its lead when known. */
export const failedListItem = (failure: FailedHandoff, fullName: string | undefined): FailedListItem => ({
  id: failure.id,
  leadId: failure.leadId,
  ...(fullName ? { fullName } : {}),
  kind: failure.kind,
  seq: failure.seq,
  what: failure.what,
  reason: failure.reason,
  reasonText: reasonWords(failure.reason),
  attempts: failure.attempts,
  firstSeenAt: failure.firstSeenAt,
  lastSeenAt: failure.lastSeenAt,
});
