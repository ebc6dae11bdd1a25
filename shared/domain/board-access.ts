/**
 * Who sees which lead on the board, and which views (docs/product-rules.md §8): intake, dispatch, the
 * office manager, operations and the business owner see every lead and every view; on-call people,
 * techs and sales see the leads they own or are asked to accept, and on-call people also the unowned
 * queue (they are the ones who pick up what nobody accepted, §4–§5). A lead someone may not see does
 * not exist for them (404, not 403); so does a view they are not offered.
 */
import type { BoardView } from './board-query';
import type { Lead, LeadStatus, Role } from './lead';
import { isUnownedLead } from './unowned';

/** The roles that see every lead. */
export const SEES_EVERY_LEAD: readonly Role[] = [
  'intake',
  'dispatch',
  'office_manager',
  'operations',
  'business_owner',
];

/** The roles, among the others, that may take a lead from the unowned queue (and so see it). */
export const TAKES_FROM_UNOWNED: readonly Role[] = ['on_call'];

/** Who is looking: a roster person's id and role. */
export interface Viewer {
  id: string;
  role: Role;
}

/** How a lead involves people: its accepted owner, who its open handoff asks to accept, and if it is unowned. */
export interface LeadInvolvement {
  ownerId?: string;
  askedId?: string;
  unowned?: boolean;
}

/** The involvement of a lead, read from the lead item. */
export const involvementOf = (lead: Lead): LeadInvolvement => ({
  ...(lead.owner ? { ownerId: lead.owner.id } : {}),
  ...(lead.status !== 'closed' && lead.handoff?.state === 'awaiting_acceptance'
    ? { askedId: lead.handoff.to.id }
    : {}),
  ...(isUnownedLead(lead) ? { unowned: true } : {}),
});

/** True if the lead is `viewer`'s own: they own it or are asked to accept it. */
export const isOwnLead = (viewer: Viewer, involvement: LeadInvolvement): boolean =>
  involvement.ownerId === viewer.id || involvement.askedId === viewer.id;

/** True if `viewer` may see a lead involving people as `involvement` says. */
export const maySeeLead = (viewer: Viewer, involvement: LeadInvolvement): boolean =>
  SEES_EVERY_LEAD.includes(viewer.role) ||
  isOwnLead(viewer, involvement) ||
  (involvement.unowned === true && TAKES_FROM_UNOWNED.includes(viewer.role));

/**
 * True if `viewer` might see a lead, judging by its `open` index entry alone (status, and the person it
 * waits on): the board reads whole only these, then decides with `maySeeLead`. Only a lead waiting for
 * acceptance can have an owner other than the person it waits on (a transfer) or be unowned; a lead
 * needing information can be unowned too.
 */
export const mightSee = (viewer: Viewer, entry: { status: LeadStatus; assigneeId?: string }): boolean =>
  SEES_EVERY_LEAD.includes(viewer.role) ||
  entry.assigneeId === viewer.id ||
  entry.status === 'awaiting_acceptance' ||
  (entry.status === 'needs_info' && TAKES_FROM_UNOWNED.includes(viewer.role));

/** The views `role` is offered, in the order the navigation shows them. */
export const viewsFor = (role: Role): readonly BoardView[] => {
  if (SEES_EVERY_LEAD.includes(role)) return ['all', 'mine', 'unowned', 'overdue', 'needs_info', 'failed'];
  return TAKES_FROM_UNOWNED.includes(role) ? ['mine', 'unowned', 'overdue'] : ['mine', 'overdue'];
};

/** The view a person gets without asking: every lead for the roles that see them all, else their own. */
export const defaultViewFor = (role: Role): BoardView => (SEES_EVERY_LEAD.includes(role) ? 'all' : 'mine');

/** Who the JSON list for integrations reads as: a role that sees every lead, and no roster person. */
export const INTEGRATION_VIEWER: Viewer = { id: '', role: 'operations' };

/** The views of the JSON list: those of the roles that see every lead but `mine` (a key is nobody). */
export const INTEGRATION_VIEWS: readonly BoardView[] = viewsFor(INTEGRATION_VIEWER.role).filter(
  (view) => view !== 'mine',
);
