/**
 * What the reports read off a lead's timeline: when things happened, and its handoffs by step.
 */
import { NAME_NOT_CAPTURED } from './handoff-note';
import type { Lead } from './lead';
import { entriesOf, type TimelineEvent, type TimelineEventOf, type TimelineEventType } from './timeline';

/** Whole seconds from `from` to `to` (never negative). */
export const secondsBetween = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** When an entry happened: a contact's `contactAt` (it may be logged later), else when it was written. */
export const happenedAt = (event: TimelineEvent): string =>
  event.type === 'contact_logged' || event.type === 'follow_up_logged' ? event.data.contactAt : event.at;

/** The earliest moment among entries of `types` (by when it happened), or undefined. */
export const firstHappened = (lead: Lead, types: readonly TimelineEventType[]): string | undefined =>
  entriesOf(lead.timeline, ...types)
    .map(happenedAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];

/** The `handoff_created` entry of step `seq`. */
export const handoffCreated = (lead: Lead, seq: number): TimelineEventOf<'handoff_created'> | undefined =>
  entriesOf(lead.timeline, 'handoff_created').find((event) => event.data.seq === seq);

/** The steps (seq) of every handoff the lead had, ascending. */
export const handoffSeqs = (lead: Lead): number[] =>
  [...new Set(entriesOf(lead.timeline, 'handoff_created').map((event) => event.data.seq))].sort(
    (a, b) => a - b,
  );

/** The customer's name as the reports show it. */
export const nameOf = (lead: Lead): string => lead.fullName?.trim() || NAME_NOT_CAPTURED;
