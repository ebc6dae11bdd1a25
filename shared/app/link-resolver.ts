/**
 * Resolving a link token to its record and lead. The token is stored only as a hash and stops working
 * after its expiry, except that the accepted owner's own link keeps opening their lead card for a
 * while after acceptance.
 */
import type { Lead } from '../domain/lead';
import { DAY_MS } from '../domain/wording';
import { hashToken, isWellFormedToken } from '../link-tokens';
import type { LinkTokenRecord } from '../ports';
import type { PipelineDeps } from './deps';

export type ResolvedLink = 'not_found' | 'expired' | { record: LinkTokenRecord; lead: Lead };

/** The record and lead of a token, or why there is none. */
export const resolveLink = async (
  deps: Pick<PipelineDeps, 'tokens' | 'store' | 'config' | 'clock'>,
  token: string,
): Promise<ResolvedLink> => {
  if (!isWellFormedToken(token)) return 'not_found';
  const record = await deps.tokens.get(hashToken(token));
  if (!record) return 'not_found';
  const now = deps.clock.now().getTime();
  if (Date.parse(record.expiresAt) > now) {
    const lead = await deps.store.get(record.leadId);
    return lead ? { record, lead } : 'not_found';
  }
  // Past its expiry, the owner's own link still opens their lead card for a while after acceptance.
  const lead = await deps.store.get(record.leadId);
  if (!lead || !isCardOf(lead, record)) return 'expired';
  const config = await deps.config.load();
  const acceptedAt = Date.parse(lead.handoff?.resolvedAt ?? record.createdAt);
  const cardUntil = acceptedAt + config.business.messaging.cardLinkTtlDays * DAY_MS;
  return cardUntil > now ? { record, lead } : 'expired';
};

/** Whether the link is the accepted owner's: then its page is the lead card. */
export const isCardOf = (lead: Lead, record: LinkTokenRecord): boolean =>
  record.purpose === undefined &&
  lead.owner?.id === record.recipientId &&
  lead.handoff?.seq === record.seq &&
  lead.handoff.state === 'accepted' &&
  lead.handoff.to.id === record.recipientId;
