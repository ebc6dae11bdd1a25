/**
 * Which open leads are unowned (docs/product-rules.md §5, §8): nobody has accepted them and nobody is
 * asked to, or the escalation ladder ran out and the last person is only being re-notified. The same
 * leads raise the `UnownedLead` alarm, so the board's "Unowned" view and the alarm agree.
 */
import type { Lead } from './lead';
import { isUnowned as ladderRanOut } from './transitions';

/** True if `lead` is open, has no accepted owner, and either nobody is asked or its ladder ran out. */
export const isUnownedLead = (lead: Lead): boolean => {
  if (lead.status === 'closed' || lead.owner !== undefined) return false;
  const handoff = lead.handoff;
  if (handoff?.state !== 'awaiting_acceptance') return true;
  return handoff.kind === 'renotify' || ladderRanOut(lead);
};
