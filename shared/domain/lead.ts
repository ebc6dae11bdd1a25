/**
 * The lead record and its current handoff (SPEC §2, §3).
 *
 * Pure types and constants: no AWS, no environment, no clock. Times are ISO-8601 UTC strings.
 */

export const URGENCIES = ['emergency', 'active_loss', 'premium', 'standard', 'estimate'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Urgencies that may never sit unowned: they route to dispatch/on-call and climb the 5-minute ladder. */
export const URGENT_URGENCIES: readonly Urgency[] = ['emergency', 'active_loss', 'premium'];
export const isUrgent = (urgency: Urgency | undefined): boolean =>
  urgency !== undefined && URGENT_URGENCIES.includes(urgency);

export const SOURCES = ['web_form', 'phone', 'missed_call', 'referral', 'other'] as const;
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

/** Locked pipeline status names after acceptance (SPEC §7, seed 002). */
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

/** Missing-data reasons an owner can reject a handoff with (SPEC §3). */
export const REJECT_REASONS = [
  'missing_phone',
  'missing_address',
  'wrong_service_type',
  'not_my_territory',
  'notes_insufficient',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface PersonRef {
  id: string;
  name: string;
  role: Role;
}

export interface Consent {
  sms: boolean;
  email: boolean;
  /** When consent was captured (defaults to the intake time). */
  capturedAt: string;
  /** How it was captured, e.g. "web_form checkbox" or "verbal on call". */
  method: string;
}

/** What intake captures about a lead (SPEC §2). Every field but `source` and `fit` may be missing. */
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

/** Handoff-contract fields a lead can be missing while still being stored (SPEC §2, "incomplete"). */
export const COMPLETENESS_FIELDS = [
  'fullName',
  'phone',
  'serviceAddress',
  'serviceType',
  'urgency',
  'notes',
  'consent',
  'referredBy',
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

export type HandoffKind = 'route' | 'needs_info' | 'escalation' | 'renotify' | 'transfer';
export type HandoffState = 'awaiting_acceptance' | 'accepted' | 'rejected' | 'escalated' | 'superseded';
/** Which escalation ladder a handoff climbs (SPEC §5). */
export const LADDERS = ['urgent', 'standard', 'estimate', 'needs_info'] as const;
export type Ladder = (typeof LADDERS)[number];

/**
 * One handoff: a named recipient, a specific next action, a due time and an acceptance deadline.
 * The lead item carries its current handoff; earlier ones live on the timeline.
 */
export interface Handoff {
  /** 1-based, unique within the lead; keys the timer, the links and the notifications of this step. */
  seq: number;
  kind: HandoffKind;
  to: PersonRef;
  /** The previous recipient or owner, when there was one. */
  from?: PersonRef;
  nextAction: string;
  /** When the next action is due. */
  dueAt: string;
  /** The acceptance deadline; the timer fires then. */
  acceptBy: string;
  ladder: Ladder;
  /** 0 for the first recipient; n for the n-th step up the ladder (beyond its end: re-notifications). */
  step: number;
  /** Why this person: the routing rule, the escalation step or the transfer reason. */
  reason: string;
  state: HandoffState;
  createdAt: string;
  resolvedAt?: string;
  rejection?: { reason: RejectReason; text?: string };
  /** `pending` until its timer exists and its notifications are queued (durable dispatch). */
  dispatch: 'pending' | 'done';
}

export type TimelineEventType =
  | 'lead_received'
  | 'needs_info'
  | 'lead_completed'
  | 'details_updated'
  | 'contacted_again'
  | 'routed'
  | 'handoff_created'
  | 'notification_sent'
  | 'notification_failed'
  | 'accepted'
  | 'rejected'
  | 'escalated'
  | 'transferred'
  | 'unowned'
  | 'status_changed'
  | 'next_action_set'
  | 'contact_logged'
  | 'follow_up_scheduled'
  | 'follow_up_due'
  | 'follow_up_logged'
  | 'follow_up_missed'
  | 'follow_up_cancelled'
  | 'acknowledgement_sent'
  | 'failed_handoff'
  | 'retried';

/** Who did it: a person on the roster, ops, the posting source, or the system itself. */
export interface Actor {
  kind: 'system' | 'person' | 'ops' | 'source';
  id?: string;
  name?: string;
}

export interface TimelineEvent {
  at: string;
  type: TimelineEventType;
  actor: Actor;
  /** One readable line: what happened and why. */
  summary: string;
  /** Small structured facts (handoff seq, rule id, reason code...). No free-form personal data. */
  data?: Record<string, string | number | boolean>;
}

/** Channels a person can be reached on. */
export type Channel = 'sms' | 'email';

/**
 * Why a message is sent: `handoff` asks the recipient to accept (it carries a link); `moved` tells a
 * previous recipient/owner the lead went to someone else; `acknowledgement` is the customer's first
 * response (SPEC §7); `follow_up` reminds the owner of a follow-up (with the lead card link);
 * `follow_up_missed` tells the operations lead a follow-up was not logged in time.
 */
export const NOTIFICATION_PURPOSES = [
  'handoff',
  'moved',
  'acknowledgement',
  'follow_up',
  'follow_up_missed',
] as const;
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];

/** The recipient id of messages to the customer (the lead's own phone), never a roster id. */
export const CUSTOMER_RECIPIENT = 'customer';

/** One notification's delivery state, keyed by `notificationKey` on the lead (the dedupe record). */
export interface NotificationState {
  state: 'sending' | 'sent' | 'failed';
  /** When the state was last set. */
  at: string;
  attempts: number;
  /** Set while `sending`: another attempt may take over after this instant (crashed sender). */
  leaseUntil?: string;
  /** Why it failed (`opted_out`, `invalid_number`, `throttled`...). */
  reason?: string;
  messageId?: string;
}

/**
 * The dedupe key of one message: a handoff step, a recipient, a channel, a purpose and, for follow-up
 * messages, which follow-up (`f<sequence>-<n>`).
 */
export const notificationKey = (
  seq: number,
  recipientId: string,
  channel: Channel,
  purpose: NotificationPurpose,
  followUp?: FollowUpRef,
) => `${seq}.${recipientId}.${channel}.${purpose}${followUp ? `.f${followUp.sequence}-${followUp.n}` : ''}`;

/** How a contact with the customer happened. */
export const CONTACT_CHANNELS = ['call', 'sms', 'email', 'visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** After a contact, who waits on whom (seed 003): `us` — the customer waits on the business. */
export const WAITING_ON = ['us', 'customer'] as const;
export type WaitingOn = (typeof WAITING_ON)[number];

/** The last contact of seed 003: when, who, what was said or sent, and who is waiting on whom. */
export interface ContactLog {
  /** When the contact happened (may be earlier than when it was logged). */
  at: string;
  /** Who contacted the customer. */
  by: PersonRef;
  channel: ContactChannel;
  /** What was said or sent, in the owner's words. */
  summary: string;
  waitingOn: WaitingOn;
  loggedAt: string;
}

/** Which follow-up: its sequence (one per Estimate Sent / No Decision) and its 1-based number in it. */
export interface FollowUpRef {
  sequence: number;
  n: number;
}

/** `estimate`: the SOP sequence after Estimate Sent (same day/next morning, 48 h, day 5). */
export type FollowUpKind = 'estimate' | 'no_decision';

/**
 * One scheduled follow-up (SPEC §7). A contact logged at or after `opensAt` logs it; a reminder goes to
 * the owner at `remindAt`; if it is still not logged at `dueAt`, the operations lead is told.
 * - `scheduled` → `reminded` (reminder sent) → `logged` | `missed` (escalated; a later contact still logs it)
 * - `cancelled` when the stage moves on (a new estimate, won, lost...).
 */
export interface FollowUp extends FollowUpRef {
  kind: FollowUpKind;
  opensAt: string;
  remindAt: string;
  dueAt: string;
  state: 'scheduled' | 'reminded' | 'logged' | 'missed' | 'cancelled';
  loggedAt?: string;
  missedAt?: string;
  /** Who was told it was missed. */
  escalatedTo?: PersonRef;
}

export interface Lead extends LeadDetails {
  id: string;
  /** Incremented by every state change; the store writes only if it still holds the version it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The source of the API key the lead was posted with. */
  channel: Source;
  status: LeadStatus;
  stage: Stage;
  /** Handoff-contract fields still missing (non-empty only while `needs_info`). */
  missing: CompletenessField[];
  /** The accepted owner; undefined until someone accepts. */
  owner?: PersonRef;
  /** The current (or last) handoff. */
  handoff?: Handoff;
  /** The current next action and when it is due (mirrors the accepted handoff, then the owner's updates). */
  nextAction?: string;
  nextActionDueAt?: string;
  /** Target follow-up date: estimate leads, No Decision (SPEC §4, §7). */
  followUpAt?: string;
  timeline: TimelineEvent[];
  /** Delivery state per notification (see `notificationKey`): nothing is sent twice for the same step. */
  notifications?: Record<string, NotificationState>;
  /** Ids of this lead's open failed-handoff records, so the work that later succeeds can close them. */
  openFailures?: string[];
  /** Why the lead came back to intake (a rejection), until it is routed again. */
  returned?: { by: PersonRef; reason: RejectReason; text?: string; at: string };
  /** When the stage last changed (set by the lead card). */
  stageChangedAt?: string;
  /** The latest contact logged on the lead card. */
  lastContact?: ContactLog;
  /** When the latest estimate was sent (Estimate Sent), for the follow-up numbers. */
  estimateSentAt?: string;
  /** The follow-ups of the current sequence, and the number of the latest sequence. */
  followUps?: FollowUp[];
  followUpSequence?: number;
  /** Ids of recent lead-card form posts, so a double-submitted form is applied once. */
  submissions?: string[];
}

/** The person a lead is currently waiting on: the recipient of an open handoff, or the accepted owner. */
export const assigneeOf = (lead: Lead): PersonRef | undefined => {
  if (lead.status === 'closed') return undefined;
  if (lead.handoff?.state === 'awaiting_acceptance') return lead.handoff.to;
  return lead.owner;
};

/** Sort key for "nothing due": far in the future. */
export const NO_DUE_AT = '9999-12-31T23:59:59.999Z';

/**
 * What the lead waits for next, which orders it in the `open` index: a handoff not yet dispatched is
 * due at once (its creation time), an open handoff at its acceptance deadline, an accepted lead at the
 * earliest of its next action, its next follow-up timer and its follow-up date. "Due before T" therefore
 * finds stuck dispatches, missed deadlines and lost follow-up timers alike.
 */
export const leadDueAt = (lead: Lead): string => {
  const handoff = lead.handoff;
  if (handoff?.state === 'awaiting_acceptance')
    return handoff.dispatch === 'pending' ? handoff.createdAt : handoff.acceptBy;
  const candidates = [lead.nextActionDueAt, followUpTimerAt(lead), lead.followUpAt].filter(
    (at): at is string => at !== undefined,
  );
  return candidates.sort()[0] ?? NO_DUE_AT;
};

/** When the lead's next follow-up timer should fire: a reminder, or the due check of a reminded one. */
export const followUpTimerAt = (lead: Pick<Lead, 'followUps'>): string | undefined =>
  (lead.followUps ?? [])
    .flatMap((f) => (f.state === 'scheduled' ? [f.remindAt] : f.state === 'reminded' ? [f.dueAt] : []))
    .sort()[0];
