/**
 * The words of a lead: urgencies, sources, fits, roles, stages, statuses, rejection reasons and ladders,
 * and the details intake captures (who the customer is, what they asked, how they may be contacted).
 *
 * Pure types and constants: no AWS, no environment, no clock. Times are ISO-8601 UTC strings.
 */

export const URGENCIES = ['emergency', 'active_loss', 'premium', 'standard', 'estimate'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Urgencies that may never sit unowned: they route to dispatch/on-call and climb the 5-minute ladder. */
export const URGENT_URGENCIES: readonly Urgency[] = ['emergency', 'active_loss', 'premium'];
export const isUrgent = (urgency: Urgency | undefined): boolean =>
  urgency !== undefined && URGENT_URGENCIES.includes(urgency);

export const SOURCES = [
  'web_form',
  'phone',
  'missed_call',
  'referral',
  'google_lead_form',
  'meta',
  'angi',
  'thumbtack',
  'callrail',
  'typeform',
  'jotform',
  'gravity_forms',
  'other',
] as const;
export type Source = (typeof SOURCES)[number];

export const FITS = ['good', 'poor', 'unknown'] as const;
export type Fit = (typeof FITS)[number];

export const ROLES = [
  'intake',
  'dispatch',
  'on_call',
  'office_manager',
  'sales',
  'tech',
  'operations',
  'business_owner',
] as const;
export type Role = (typeof ROLES)[number];

/** Locked pipeline status names after acceptance. */
export const STAGES = [
  'new_lead',
  'qualified',
  'estimate_sent',
  'work_approved',
  'no_decision',
  'closed_won',
  'closed_lost',
] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  new_lead: 'New Lead – Needs Qualification',
  qualified: 'Qualified – Ready to Schedule',
  estimate_sent: 'Estimate Sent',
  work_approved: 'Work Approved',
  no_decision: 'No Decision',
  closed_won: 'Closed Won',
  closed_lost: 'Closed Lost',
};

/**
 * Where the lead is in the handoff contract.
 * - `needs_info`: well-formed but incomplete; it belongs to intake until completed.
 * - `awaiting_acceptance`: routed; the current handoff waits for its recipient to accept.
 * - `accepted`: one named owner has confirmed acceptance.
 * - `closed`: the work is won or lost; nothing is due any more.
 */
export const LEAD_STATUSES = ['needs_info', 'awaiting_acceptance', 'accepted', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** How a lead ends when it is closed from the board (docs/product-rules.md §8): booked, lost (with a reason), duplicate, spam. */
export const CLOSE_OUTCOMES = ['booked', 'lost', 'duplicate', 'spam'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** Missing-data reasons an owner can reject a handoff with. */
export const REJECT_REASONS = [
  'missing_phone',
  'missing_address',
  'wrong_service_type',
  'not_my_territory',
  'notes_insufficient',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** What a recipient confirms by accepting: saw the notes, the next step, the deadline, enough context. */
export const CONFIRMATIONS = [
  'saw_notes',
  'understands_next_step',
  'knows_deadline',
  'enough_context',
] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

export interface PersonRef {
  id: string;
  name: string;
  role: Role;
}

/** How, when and by whom a lead was closed from the board. */
export interface Closure {
  outcome: CloseOutcome;
  /** Why (required for `lost`). */
  reason?: string;
  at: string;
  by: PersonRef;
}

export interface Consent {
  sms: boolean;
  email: boolean;
  /** When consent was captured (defaults to the intake time). */
  capturedAt: string;
  /** How it was captured, e.g. "web_form checkbox" or "verbal on call". */
  method: string;
}

/** What intake captures about a lead. Every field but `source` and `fit` may be missing. */
export interface LeadDetails {
  fullName?: string;
  /** E.164, e.g. +15125550123. */
  phone?: string;
  email?: string;
  serviceAddress?: string;
  market?: string;
  zip?: string;
  serviceType?: string;
  urgency?: Urgency;
  source: Source;
  campaign?: string;
  /** What the customer asked, in their words or intake's summary. */
  notes?: string;
  /** What the business promised the customer would happen next. */
  promisedNextStep?: string;
  consent?: Consent;
  fit: Fit;
  estimatedValue?: number;
  /** Referral context; required when source is `referral`. */
  referredBy?: string;
  /** Roster id of the person who missed the call (source `missed_call`). */
  missedBy?: string;
  /** The caller system's id (e.g. the call id), used to make retries idempotent. */
  externalId?: string;
}

/** Which escalation ladder a handoff climbs. */
export const LADDERS = ['urgent', 'standard', 'estimate', 'needs_info'] as const;
export type Ladder = (typeof LADDERS)[number];
