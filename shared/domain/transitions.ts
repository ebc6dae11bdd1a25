/**
 * Handoff state transitions: accept, reject back to intake, escalate up the ladder, restart an exhausted
 * ladder, transfer, and mark a handoff dispatched. Pure: each takes the lead as read and returns the next
 * state (or a refusal), so the caller can write it with a conditional write and re-decide on a conflict.
 * The delivery record of each notification is in `notification-delivery.ts`.
 */
import type { EscalationStep } from './escalation';
import { beginHandoff } from './handoff';
import type { Actor, CompletenessField, Handoff, Lead, PersonRef, RejectReason } from './lead';
import { entriesOf, SYSTEM, timelineEvent } from './timeline';
import { confirmationWords, describePerson, MINUTE_MS, rejectReasonLabel } from './wording';

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const minutesBetween = (from: string, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - Date.parse(from)) / MINUTE_MS));

/** Why a link action cannot change the handoff. */
export type Refusal =
  | { refused: 'moved'; message: string }
  | { refused: 'resolved'; message: string }
  | { refused: 'not_recipient'; message: string };

export type TransitionResult = { lead: Lead; changed: boolean } | Refusal;

const currentFor = (lead: Lead, seq: number, recipientId: string): Handoff | Refusal => {
  const handoff = lead.handoff;
  if (!handoff || handoff.seq !== seq) {
    const now = handoff ? ` It is now with ${describePerson(handoff.to)}.` : '';
    return { refused: 'moved', message: `This handoff has moved on.${now}` };
  }
  if (handoff.to.id !== recipientId) {
    return { refused: 'not_recipient', message: 'This link belongs to someone else.' };
  }
  return handoff;
};

const isRefusal = (value: Handoff | Refusal): value is Refusal => 'refused' in value;

/**
 * The recipient accepts: the lead has one named owner who confirmed the notes, the next step, the
 * deadline and the context. A second acceptance by the same person changes nothing.
 */
export const acceptHandoff = (
  lead: Lead,
  input: {
    seq: number;
    recipientId: string;
    confirmations: readonly string[];
    now: Date;
    /** `sms_reply`: accepted by replying to the handoff SMS with its code (said on the timeline). */
    via?: 'sms_reply';
  },
): TransitionResult => {
  const handoff = currentFor(lead, input.seq, input.recipientId);
  if (isRefusal(handoff)) return handoff;
  if (handoff.state === 'accepted') return { lead, changed: false };
  if (handoff.state !== 'awaiting_acceptance') {
    return { refused: 'resolved', message: `This handoff was already ${handoff.state}.` };
  }
  const at = input.now.toISOString();
  const latency = minutesBetween(handoff.createdAt, input.now);
  return {
    changed: true,
    lead: {
      ...lead,
      status: lead.status === 'needs_info' ? 'needs_info' : 'accepted',
      owner: handoff.to,
      handoff: { ...handoff, state: 'accepted', resolvedAt: at },
      timeline: [
        ...lead.timeline,
        timelineEvent(
          input.now,
          'accepted',
          { kind: 'person', id: handoff.to.id, name: handoff.to.name },
          `Accepted by ${input.via === 'sms_reply' ? 'SMS reply from ' : ''}${describePerson(handoff.to)} after ${latency} min, confirming ${confirmationWords(input.confirmations)}`,
          {
            seq: handoff.seq,
            latencySeconds: Math.round((input.now.getTime() - Date.parse(handoff.createdAt)) / 1000),
          },
        ),
      ],
    },
  };
};

/** Fields a rejection reason says are missing, so intake sees what to fix. */
const MISSING_FOR_REASON: Partial<Record<RejectReason, CompletenessField>> = {
  missing_phone: 'phone',
  missing_address: 'serviceAddress',
  wrong_service_type: 'serviceType',
  notes_insufficient: 'notes',
};

/**
 * The recipient rejects with a missing-data reason: the lead goes back to intake (`needs_info`) with
 * that reason, never silently parked. The caller then hands it to intake (`beginHandoff`).
 */
export const rejectHandoff = (
  lead: Lead,
  input: { seq: number; recipientId: string; reason: RejectReason; text?: string; now: Date },
): TransitionResult => {
  const handoff = currentFor(lead, input.seq, input.recipientId);
  if (isRefusal(handoff)) return handoff;
  if (handoff.state === 'rejected') return { lead, changed: false };
  if (handoff.state !== 'awaiting_acceptance') {
    return { refused: 'resolved', message: `This handoff was already ${handoff.state}.` };
  }
  const at = input.now.toISOString();
  const field = MISSING_FOR_REASON[input.reason];
  const missing = field && !lead.missing.includes(field) ? [...lead.missing, field] : lead.missing;
  const text = input.text ? ` – "${input.text}"` : '';
  const { owner: _previousOwner, ...withoutOwner } = lead;
  return {
    changed: true,
    lead: {
      ...withoutOwner,
      status: 'needs_info',
      missing,
      returned: { by: handoff.to, reason: input.reason, ...(input.text ? { text: input.text } : {}), at },
      handoff: {
        ...handoff,
        state: 'rejected',
        resolvedAt: at,
        rejection: { reason: input.reason, ...(input.text ? { text: input.text } : {}) },
      },
      timeline: [
        ...lead.timeline,
        timelineEvent(
          input.now,
          'rejected',
          { kind: 'person', id: handoff.to.id, name: handoff.to.name },
          `Sent back to intake by ${describePerson(handoff.to)}: ${rejectReasonLabel(input.reason).toLowerCase()}${text}`,
          { seq: handoff.seq, reason: input.reason },
        ),
      ],
    },
  };
};

/**
 * The acceptance deadline passed: the next person on the ladder gets a new handoff with its own
 * deadline (or the last one is re-notified); when the ladder is exhausted the lead is marked unowned
 * on the timeline and stays with the last person, who can still accept.
 */
export const escalateHandoff = (lead: Lead, step: EscalationStep, now: Date, timeZone: string): Lead => {
  const handoff = lead.handoff;
  if (!handoff) return lead;
  if (step.kind === 'exhausted') {
    return {
      ...lead,
      timeline: [
        ...lead.timeline,
        timelineEvent(now, 'unowned', SYSTEM, `Nobody accepted: ${step.reason}`, { seq: handoff.seq }),
      ],
    };
  }
  const escalated: Lead = {
    ...lead,
    handoff: { ...handoff, state: 'escalated', resolvedAt: now.toISOString() },
    timeline: [
      ...lead.timeline,
      timelineEvent(now, 'escalated', SYSTEM, capitalize(step.reason), {
        seq: handoff.seq,
        step: step.step,
        kind: step.kind,
        toId: step.to.id,
      }),
    ],
  };
  return beginHandoff(
    escalated,
    {
      kind: step.kind === 'renotify' ? 'renotify' : 'escalation',
      to: step.to,
      nextAction: handoff.nextAction,
      dueAt: step.dueAt,
      acceptBy: step.acceptBy,
      ladder: handoff.ladder,
      step: step.step,
      reason: step.reason,
    },
    now,
    timeZone,
  );
};

/**
 * Restarts an exhausted ladder (an ops retry): the last recipient gets a new handoff with its own
 * deadline and link, and the re-notification count starts again.
 */
export const restartLadder = (
  lead: Lead,
  input: { acceptBy: string; dueAt: string; step: number; now: Date; timeZone: string },
): Lead => {
  const handoff = lead.handoff;
  if (!handoff) return lead;
  const superseded: Lead = {
    ...lead,
    handoff: { ...handoff, state: 'superseded', resolvedAt: input.now.toISOString() },
  };
  return beginHandoff(
    superseded,
    {
      kind: 'renotify',
      to: handoff.to,
      nextAction: handoff.nextAction,
      dueAt: input.dueAt,
      acceptBy: input.acceptBy,
      ladder: handoff.ladder,
      step: input.step,
      reason: `Ladder restarted by ops: ${describePerson(handoff.to)} asked again`,
    },
    input.now,
    input.timeZone,
    { kind: 'ops' },
  );
};

/** True once the ladder ran out for the current handoff (an `unowned` entry for its seq). */
export const isUnowned = (lead: Lead): boolean =>
  lead.handoff !== undefined &&
  lead.timeline.some((event) => event.type === 'unowned' && event.data.seq === lead.handoff?.seq);

/** People who already received a handoff of this lead (the ladder skips them). */
export const triedRecipients = (lead: Lead): string[] => [
  ...new Set(entriesOf(lead.timeline, 'handoff_created').map((event) => event.data.toId)),
];

/**
 * An explicit transfer after (or instead of) acceptance: a new handoff that the new person must
 * accept; until then the current owner stays responsible.
 */
export const transferLead = (
  lead: Lead,
  input: {
    to: PersonRef;
    reason: string;
    nextAction: string;
    acceptBy: string;
    dueAt: string;
    now: Date;
    timeZone: string;
    actor: Actor;
  },
): Lead => {
  const from = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff.to : lead.owner;
  const handoff = lead.handoff;
  const closed: Lead = {
    ...lead,
    ...(handoff?.state === 'awaiting_acceptance'
      ? { handoff: { ...handoff, state: 'superseded', resolvedAt: input.now.toISOString() } }
      : {}),
    timeline: [
      ...lead.timeline,
      timelineEvent(
        input.now,
        'transferred',
        input.actor,
        `Transferred${from ? ` from ${describePerson(from)}` : ''} to ${describePerson(input.to)}: ${input.reason}`,
        { toId: input.to.id, ...(from ? { fromId: from.id } : {}) },
      ),
    ],
  };
  return beginHandoff(
    closed,
    {
      kind: 'transfer',
      to: input.to,
      nextAction: input.nextAction,
      dueAt: input.dueAt,
      acceptBy: input.acceptBy,
      ladder: handoff?.ladder ?? 'standard',
      step: 0,
      reason: `Transfer: ${input.reason}`,
    },
    input.now,
    input.timeZone,
    input.actor,
  );
};

/** The handoff's timer exists and its notifications are queued. */
export const markDispatched = (lead: Lead, seq: number): Lead | undefined =>
  lead.handoff?.seq === seq && lead.handoff.dispatch === 'pending'
    ? { ...lead, handoff: { ...lead.handoff, dispatch: 'done' } }
    : undefined;
