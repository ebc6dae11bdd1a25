/**
 * Who may do what from the board (docs/product-rules.md §8). The office roles (those that see every lead:
 * intake, dispatch, office manager, operations, business owner) may act on any open lead; the accepted
 * owner of a lead may set its next action, transfer it or close it; someone only asked to accept acts
 * through their handoff link (accept or send back), not from the board. Retrying failed handoffs is for
 * the office roles only. Each action is also tied to the lead's state:
 *
 * - complete: a `needs_info` lead (it is then routed);
 * - transfer: a lead with an owner or an open handoff (a `needs_info` lead is completed first);
 * - next action: an accepted lead (before that the handoff's next action stands);
 * - close: any open lead (spam and duplicates are often still `needs_info`).
 */
import { SEES_EVERY_LEAD, type Viewer } from './board-access';
import type { Lead } from './lead';

export const BOARD_ACTIONS = ['complete', 'transfer', 'close', 'next_action'] as const;
export type BoardAction = (typeof BOARD_ACTIONS)[number];

/** Each action's form heading, also named in the alert after a refused post. */
export const BOARD_ACTION_TITLES: Readonly<Record<BoardAction, string>> = {
  complete: 'Complete the lead',
  transfer: 'Transfer',
  close: 'Close the lead',
  next_action: 'Set the next action',
};

/** The last path segment each action posts to: `/board/leads/{id}/<segment>`. */
export const BOARD_ACTION_PATHS: Readonly<Record<BoardAction, string>> = {
  complete: 'complete',
  transfer: 'transfer',
  close: 'close',
  next_action: 'next-action',
};

/** Whether the person sees and acts on every lead (the office roles). */
export const actsOnEveryLead = (viewer: Pick<Viewer, 'role'>): boolean =>
  SEES_EVERY_LEAD.includes(viewer.role);

/** The actions `viewer` may take on `lead` as it is now, in the order the page shows them. */
export const allowedActions = (viewer: Viewer, lead: Pick<Lead, 'status' | 'owner'>): BoardAction[] => {
  if (lead.status === 'closed') return [];
  const office = actsOnEveryLead(viewer);
  const owner = lead.status === 'accepted' && lead.owner?.id === viewer.id;
  if (!office && !owner) return [];
  const actions: BoardAction[] = [];
  if (office && lead.status === 'needs_info') actions.push('complete');
  if (lead.status === 'accepted') actions.push('next_action');
  if (lead.status !== 'needs_info') actions.push('transfer');
  actions.push('close');
  return actions;
};

/** Whether `viewer` may retry failed handoffs from the board (one or all). */
export const mayRetryFailures = (viewer: Pick<Viewer, 'role'>): boolean => actsOnEveryLead(viewer);

/**
 * Whether `viewer` may set `personId` away or back on the roster page (docs/product-rules.md §12): the
 * office roles anyone, everyone else themselves (as they can by texting AWAY).
 */
export const mayChangeAway = (viewer: Viewer, personId: string): boolean =>
  actsOnEveryLead(viewer) || viewer.id === personId;
