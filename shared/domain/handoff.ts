/**
 * Creating leads and handoffs: a handoff names one recipient, a specific next action, a due
 * time and an acceptance deadline. Pure functions returning the next lead state; the caller persists
 * it with a conditional write (the store bumps nothing: callers set `version`).
 */

import { type Captured, withCapture } from './intake-extra';
import type {
  Actor,
  CompletenessField,
  Handoff,
  HandoffKind,
  Ladder,
  Lead,
  LeadDetails,
  PersonRef,
  Source,
} from './lead';
import { formatLocal } from './time';
import { SYSTEM, timelineEvent } from './timeline';
import { describePerson, describeSource } from './wording';

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** What a new handoff needs: from routing, escalation or a transfer. */
export interface HandoffPlan {
  kind: HandoffKind;
  to: PersonRef;
  nextAction: string;
  dueAt: string;
  acceptBy: string;
  ladder: Ladder;
  step: number;
  reason: string;
  /** Routing rule or escalation step id, kept on the timeline. */
  ruleId?: string;
  /** Who routing passed over because they were away, kept on the timeline. */
  away?: { id: string; until: string }[];
}

export interface NewLeadInput {
  id: string;
  channel: Source;
  details: LeadDetails;
  missing: CompletenessField[];
  now: Date;
  /** What intake kept besides the fields: warnings, fields it does not read, whether it is a test lead. */
  capture?: Captured;
}

/**
 * A freshly captured lead (version 1) with its `lead_received` entry; route it with `beginHandoff`. A
 * test lead is stored closed instead: never routed, nobody notified, out of the open work and the numbers.
 */
export const newLead = ({ id, channel, details, missing, now, capture = {} }: NewLeadInput): Lead => {
  const at = now.toISOString();
  const test = capture.test === true;
  const summary = test
    ? `Test lead received from ${describeSource(details)}: stored, never routed, nobody notified`
    : `Lead received from ${describeSource(details)}`;
  return withCapture(
    {
      ...details,
      id,
      version: 1,
      createdAt: at,
      updatedAt: at,
      channel,
      status: test ? 'closed' : missing.length > 0 ? 'needs_info' : 'awaiting_acceptance',
      stage: 'new_lead',
      missing: test ? [] : missing,
      ...(test ? { test } : {}),
      timeline: [
        timelineEvent(now, 'lead_received', { kind: 'source', id: channel }, summary, {
          urgency: details.urgency ?? 'unknown',
          fit: details.fit,
        }),
      ],
    },
    capture,
  );
};

/**
 * Starts a new handoff: any open one is superseded, the lead waits on the new recipient (intake for
 * `needs_info`), and the routing decision and the handoff go on the timeline.
 */
export const beginHandoff = (
  lead: Lead,
  plan: HandoffPlan,
  now: Date,
  timeZone: string,
  actor: Actor = SYSTEM,
): Lead => {
  const previous = lead.handoff;
  const handoff: Handoff = {
    seq: (previous?.seq ?? 0) + 1,
    kind: plan.kind,
    to: plan.to,
    ...(previous ? { from: previous.to } : lead.owner ? { from: lead.owner } : {}),
    nextAction: plan.nextAction,
    dueAt: plan.dueAt,
    acceptBy: plan.acceptBy,
    ladder: plan.ladder,
    step: plan.step,
    reason: plan.reason,
    state: 'awaiting_acceptance',
    createdAt: now.toISOString(),
    dispatch: 'pending',
  };
  const routed =
    plan.kind === 'route' || plan.kind === 'needs_info'
      ? [
          timelineEvent(
            now,
            plan.kind === 'route' ? 'routed' : 'needs_info',
            actor,
            capitalize(plan.reason),
            {
              ...(plan.ruleId ? { ruleId: plan.ruleId } : {}),
              toId: plan.to.id,
              ...(plan.away && plan.away.length > 0 ? { away: plan.away } : {}),
            },
          ),
        ]
      : [];
  return {
    ...lead,
    status: plan.kind === 'needs_info' ? 'needs_info' : 'awaiting_acceptance',
    handoff,
    nextAction: plan.nextAction,
    nextActionDueAt: plan.dueAt,
    updatedAt: now.toISOString(),
    timeline: [
      ...lead.timeline,
      ...routed,
      timelineEvent(
        now,
        'handoff_created',
        actor,
        `Handoff #${handoff.seq} to ${describePerson(plan.to)}: ${plan.nextAction}; accept by ${formatLocal(new Date(plan.acceptBy), timeZone)}`,
        { seq: handoff.seq, toId: plan.to.id, ladder: plan.ladder, step: plan.step, acceptBy: plan.acceptBy },
      ),
    ],
  };
};
