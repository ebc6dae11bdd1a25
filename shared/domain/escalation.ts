/**
 * The escalation ladder: when a handoff is not accepted in time, the lead moves to the next
 * entry of its ladder's chain (urgent: next on call, office manager, business owner, 5 min each). A
 * chain that runs out keeps re-notifying the last person, up to `maxRenotify` times, then reports
 * `exhausted` so ops is alarmed. Each step is a new handoff with its own deadline.
 */

import { acceptanceWindow, givenWindowMinutes } from './acceptance-window';
import type { AppConfig } from './config';
import type { Handoff, Lead, PersonRef } from './lead';
import { AwaySkips, type OwnerLoad, peopleFor, personRef, pickNamed } from './pick-person';
import { describePerson, roleLabel } from './wording';

export type EscalationStep =
  | { kind: 'escalate'; to: PersonRef; step: number; reason: string; acceptBy: string; dueAt: string }
  | { kind: 'renotify'; to: PersonRef; step: number; reason: string; acceptBy: string; dueAt: string }
  | { kind: 'exhausted'; reason: string };

export interface EscalationInput {
  lead: Lead;
  /** The handoff whose acceptance deadline passed. */
  handoff: Handoff;
  config: AppConfig;
  loads: ReadonlyMap<string, OwnerLoad>;
  /** Ids of everyone this lead was already handed to; they are not picked again. */
  triedIds: readonly string[];
  now: Date;
  /** Why the handoff moves on, when not its deadline (default: not accepted by X within N min). */
  cause?: string;
}

/**
 * The next step after `handoff` was not accepted in time. At step n the chain entry n is tried (a role or
 * a roster id), preferring eligible untried people, then any active untried one; an entry with nobody
 * untried is skipped; so is someone away (docs/product-rules.md §12), and the reason names them. Past the
 * chain's end the last recipient is re-notified (`step - chain.length` re-notifications so far) until
 * `maxRenotify`, then the ladder is `exhausted`.
 */
export const nextEscalation = (input: EscalationInput): EscalationStep => {
  const { lead, handoff, config, loads, triedIds, now, cause } = input;
  const chain = config.business.escalation.chains[handoff.ladder];
  const tried = new Set([...triedIds, handoff.to.id]);
  // Each step gets a fresh window of its ladder's length.
  const { acceptBy, dueAt } = acceptanceWindow(config, lead.urgency, now, handoff.ladder);
  const windows = { acceptBy, dueAt };
  const missed =
    cause ??
    `not accepted by ${describePerson(handoff.to)} within ${givenWindowMinutes(handoff, lead.urgency, config)} min`;
  const skips = new AwaySkips(config, now);
  const awayNote = () => (skips.list.length === 0 ? '' : ` (${skips.words().join('; ')})`);

  for (let index = Math.max(handoff.step, 0); index < chain.length; index += 1) {
    const entry = chain[index];
    if (entry === undefined) continue;
    const untried = peopleFor(config, entry).filter((person) => !tried.has(person.id));
    const picked = pickNamed(untried, lead, config, loads, now);
    skips.add(untried, picked?.person);
    if (picked === undefined) continue;
    const next = picked.person;
    return {
      kind: 'escalate',
      to: personRef(next),
      step: index + 1,
      reason: `${missed}: next ${roleLabel(next.role)} ${next.name}${awayNote()}`,
      ...windows,
    };
  }

  const maxRenotify = config.business.escalation.maxRenotify;
  const renotified = Math.max(handoff.step - chain.length, 0);
  if (renotified < maxRenotify) {
    const step = Math.max(handoff.step, chain.length) + 1;
    return {
      kind: 'renotify',
      to: handoff.to,
      step,
      reason: `chain exhausted: re-notifying ${describePerson(handoff.to)}, ${step - chain.length} of ${maxRenotify}${awayNote()}`,
      ...windows,
    };
  }
  return {
    kind: 'exhausted',
    reason: `chain exhausted: ${describePerson(handoff.to)} was re-notified ${maxRenotify} times without accepting`,
  };
};
