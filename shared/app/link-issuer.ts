/**
 * Issues links: a fresh random token (see `shared/link-tokens.ts`), its record stored under the
 * token's hash only, and the URL `<publicBaseUrl>/h/<token>`. Handoff and lead-card links (notifier)
 * and the review links of the end-of-day digest all come from here.
 */
import type { Lead } from '../domain/lead';
import { DAY_MS, HOUR_MS } from '../domain/wording';
import { hashToken, newLinkToken } from '../link-tokens';
import type { Clock, LinkTokenRecord, TokenStore } from '../ports';

/** Who and what a link is for. */
export type LinkTarget = Pick<LinkTokenRecord, 'leadId' | 'seq' | 'recipientId' | 'purpose'>;

export interface LinkIssuerDeps {
  tokens: TokenStore;
  clock: Clock;
  /** Base URL of the public API. */
  publicBaseUrl: string;
}

export class LinkIssuer {
  constructor(private readonly deps: LinkIssuerDeps) {}

  /** A new link to `target` that works for `ttlHours`. */
  async issue(target: LinkTarget, ttlHours: number): Promise<string> {
    const now = this.deps.clock.now();
    const token = newLinkToken();
    const { purpose, ...rest } = target;
    await this.deps.tokens.put({
      tokenHash: hashToken(token),
      ...rest,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlHours * HOUR_MS).toISOString(),
      ...(purpose ? { purpose } : {}),
    });
    return `${this.deps.publicBaseUrl}/h/${token}`;
  }
}

/**
 * How long a link of step `seq` lives: a handoff link for the acceptance; once the lead is accepted on
 * that step, a lead card or review link for the follow-up work.
 */
export const linkTtlHours = (
  lead: Pick<Lead, 'handoff' | 'status'>,
  seq: number,
  messaging: { linkTtlHours: number; cardLinkTtlDays: number },
): number =>
  seq === lead.handoff?.seq && lead.status === 'accepted'
    ? (messaging.cardLinkTtlDays * DAY_MS) / HOUR_MS
    : messaging.linkTtlHours;
