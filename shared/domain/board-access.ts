/**
 * Who sees which lead on the board (docs/product-rules.md §8): intake, dispatch, the office manager, operations and the
 * business owner see every lead; on-call people, techs and sales see the leads they own or are asked
 * to accept. A lead someone may not see does not exist for them (404, not 403).
 */
import type { Lead, Role } from './lead';

/** The roles that see every lead. */
export const SEES_EVERY_LEAD: readonly Role[] = [
  'intake',
  'dispatch',
  'office_manager',
  'operations',
  'business_owner',
];

/** Who is looking: a roster person's id and role. */
export interface Viewer {
  id: string;
  role: Role;
}

/** How a lead involves people: its accepted owner, and who its open handoff asks to accept. */
export interface LeadInvolvement {
  ownerId?: string;
  askedId?: string;
}

/** The involvement of a lead, read from the lead item. */
export const involvementOf = (lead: Pick<Lead, 'owner' | 'handoff' | 'status'>): LeadInvolvement => ({
  ...(lead.owner ? { ownerId: lead.owner.id } : {}),
  ...(lead.status !== 'closed' && lead.handoff?.state === 'awaiting_acceptance'
    ? { askedId: lead.handoff.to.id }
    : {}),
});

/** True if `viewer` may see a lead involving people as `involvement` says. */
export const maySeeLead = (viewer: Viewer, involvement: LeadInvolvement): boolean =>
  SEES_EVERY_LEAD.includes(viewer.role) ||
  involvement.ownerId === viewer.id ||
  involvement.askedId === viewer.id;
