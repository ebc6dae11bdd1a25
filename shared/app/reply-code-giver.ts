/**
 * Gives a handoff its reply code before its SMS is queued (docs/product-rules.md §12): one not used by
 * the recipient's other open handoffs, found on the `open` index (a Query) and read from those leads.
 * Two handoffs to one person dispatched at the same instant may draw the same code; the hash spread
 * makes that rare, and a reply then matching two handoffs is answered with "use the link".
 */
import type { Lead } from '../domain/lead';
import { assignReplyCode, pickReplyCode } from '../domain/reply-codes';
import type { Clock, LeadStore } from '../ports';
import { allOpenLeads, mutateLead } from './lead-writes';

/** The leads whose current handoff awaits `personId`'s acceptance. */
export const openHandoffsOf = async (store: LeadStore, personId: string): Promise<Lead[]> => {
  const refs = (await allOpenLeads(store)).filter(
    (ref) => ref.assigneeId === personId && ref.handoffState === 'awaiting_acceptance',
  );
  if (refs.length === 0) return [];
  const leads = await store.getMany(refs.map((ref) => ref.leadId));
  return leads.filter(
    (lead) => lead.handoff?.state === 'awaiting_acceptance' && lead.handoff.to.id === personId,
  );
};

/** The lead with its current handoff coded (unchanged when it already has a code or moved on). */
export const giveReplyCode = async (store: LeadStore, clock: Clock, lead: Lead): Promise<Lead> => {
  const handoff = lead.handoff;
  if (!handoff || handoff.replyCode) return lead;
  const others = await openHandoffsOf(store, handoff.to.id);
  const taken = new Set(
    others.flatMap((other) =>
      other.id !== lead.id && other.handoff?.replyCode ? [other.handoff.replyCode] : [],
    ),
  );
  const code = pickReplyCode(lead.id, handoff.seq, taken);
  if (!code) return lead;
  const { lead: written } = await mutateLead(
    store,
    lead.id,
    (current) => assignReplyCode(current, handoff.seq, code),
    () => clock.now(),
  );
  return written;
};
