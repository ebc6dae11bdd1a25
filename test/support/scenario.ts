/**
 * Helpers for pipeline scenarios on the manual clock: post leads, read the outbox like a phone, follow
 * handoff links like a browser (GET shows, POST acts).
 */

import type { OutboxMessage } from '../../local/outbox';
import type { AppConfig } from '../../shared/domain/config';
import type { Lead } from '../../shared/domain/lead';
import { hashToken } from '../../shared/link-tokens';
import { exampleConfig } from './fakes';
import { KEYS, type LocalApi } from './local-api';

export const AFTER_HOURS = '2026-11-18T05:00:00Z'; // Tue 11 PM in Austin
export const IN_HOURS = '2026-11-18T16:00:00Z'; // Wed 10 AM in Austin

let phone = 200;
/** A complete lead; a fresh customer phone each time so the 24-hour duplicate rule keeps them apart. */
export const leadBody = (overrides: Record<string, unknown> = {}) => {
  phone += 1;
  return {
    fullName: 'Ana Diaz',
    phone: `512-555-0${phone}`,
    serviceAddress: '400 Main St, Round Rock TX 78664',
    serviceType: 'plumbing_repair',
    urgency: 'standard',
    notes: 'Water leaking under the kitchen sink',
    consent: { sms: true, email: true },
    ...overrides,
  };
};

export const postLead = async (api: LocalApi, body: Record<string, unknown>): Promise<string> => {
  const res = await api.request('POST', '/leads', { key: KEYS.webForm, body });
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.body}`);
  return res.json.leadId as string;
};

export const getLead = async (api: LocalApi, id: string): Promise<Lead> => {
  const lead = await api.app.deps.store.get(id);
  if (!lead) throw new Error(`lead ${id} not found`);
  return lead;
};

/** What a person received about a lead (SMS and email), oldest first. */
export const received = (api: LocalApi, personId: string, leadName?: string): OutboxMessage[] =>
  api.app.outbox.list(personId).filter((m) => leadName === undefined || m.body.includes(leadName));

/** The newest handoff link a person received (by SMS unless told otherwise). */
export const latestLink = (api: LocalApi, personId: string, channel: 'sms' | 'email' = 'sms'): string => {
  const link = api.app.outbox
    .list(personId)
    .filter((m) => m.channel === channel && m.link)
    .at(-1)?.link;
  if (!link) throw new Error(`${personId} has no link`);
  return link;
};

/** The newest link a person received for one lead (the token's record names the lead). */
export const linkForLead = async (
  api: LocalApi,
  personId: string,
  leadId: string,
  channel: 'sms' | 'email' = 'sms',
): Promise<string> => {
  const links = api.app.outbox
    .list(personId)
    .filter((m) => m.channel === channel && m.link)
    .map((m) => m.link ?? '')
    .reverse();
  for (const link of links) {
    const token = new URL(link).pathname.split('/').pop() ?? '';
    if ((await api.app.deps.tokens.get(hashToken(token)))?.leadId === leadId) return link;
  }
  throw new Error(`${personId} has no ${channel} link for lead ${leadId}`);
};

export const linkPath = (link: string): string => new URL(link).pathname;

export const openLink = (api: LocalApi, link: string) => api.request('GET', linkPath(link));

export const ALL_CONFIRMATIONS = ['saw_notes', 'understands_next_step', 'knows_deadline', 'enough_context'];

export const acceptLink = (api: LocalApi, link: string, confirmations: string[] = ALL_CONFIRMATIONS) =>
  api.request('POST', linkPath(link), {
    body: [['action', 'accept'], ...confirmations.map((c) => ['confirm', c])]
      .map(([k, v]) => `${k}=${encodeURIComponent(v ?? '')}`)
      .join('&'),
    contentType: 'application/x-www-form-urlencoded',
  });

export const rejectLink = (api: LocalApi, link: string, reason: string, text?: string) =>
  api.request('POST', linkPath(link), {
    body: new URLSearchParams({ action: 'reject', reason, ...(text ? { text } : {}) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });

/** Who got each handoff of this lead, in order (from its timeline). */
export const handoffChain = (lead: Lead): string[] =>
  lead.timeline.filter((e) => e.type === 'handoff_created').map((e) => String(e.data?.toId));

/**
 * The example configuration with Marco the only on-call tech and nobody after him on the urgent ladder:
 * an after-hours emergency whose SMS to him fails has nowhere to fall over to (docs/product-rules.md §12),
 * so it keeps waiting on him and its failed handoff stays open for a retry.
 */
export const onlyMarcoOnCall = (): AppConfig => {
  const config = exampleConfig();
  const people = config.roster.people.map((p) => (p.id === 'jules' ? { ...p, active: false } : p));
  const chains = { ...config.business.escalation.chains, urgent: ['on_call'] };
  return {
    business: { ...config.business, escalation: { ...config.business.escalation, chains } },
    roster: { ...config.roster, people },
  };
};
