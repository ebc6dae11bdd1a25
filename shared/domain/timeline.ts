/**
 * Timeline entries (SPEC §8): every intake, routing decision, handoff, acceptance, rejection,
 * escalation, notification, follow-up and status change, with who and when.
 */
import type { Actor, TimelineEvent, TimelineEventType } from './lead';

export const SYSTEM: Actor = { kind: 'system' };

export const timelineEvent = (
  now: Date,
  type: TimelineEventType,
  actor: Actor,
  summary: string,
  data?: TimelineEvent['data'],
): TimelineEvent => ({ at: now.toISOString(), type, actor, summary, ...(data ? { data } : {}) });
