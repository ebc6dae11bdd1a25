/**
 * Messaging lanes. The urgent lane is for emergency, active-loss and premium work: its messages never
 * wait behind standard ones. A handoff's messages travel in the lane of its ladder; follow-up messages
 * always travel standard.
 */
import type { Handoff, Ladder, NotificationPurpose } from './lead';

/** The two lanes messages travel in. */
export type Lane = 'urgent' | 'standard';

/** The lane a ladder's messages travel in: the urgent ladder never waits behind standard messages. */
export const laneOf = (ladder: Ladder): Lane => (ladder === 'urgent' ? 'urgent' : 'standard');

/**
 * The lane of a message: a handoff's request, moved note, "taken by" and acknowledgement by its ladder
 * (people paged at night for an emergency learn at once that it was taken); others standard.
 */
export const messageLane = (
  purpose: NotificationPurpose,
  handoff: Pick<Handoff, 'ladder'> | undefined,
): Lane =>
  handoff &&
  (purpose === 'handoff' || purpose === 'moved' || purpose === 'taken' || purpose === 'acknowledgement')
    ? laneOf(handoff.ladder)
    : 'standard';
