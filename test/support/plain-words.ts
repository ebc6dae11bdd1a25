/**
 * Finds internal identifiers in what people read (docs/product-rules.md §8 "in people's words"): any
 * snake_case token, any camelCase token (field keys), and every value of the domain's own enums and
 * tables — roles, sources, urgencies, fits, stages, statuses, rejection reasons, confirmations, ladders,
 * timeline entry types, message purposes, failure kinds, contact words, open-loop kinds, lead-card form
 * names and fields, lead field keys, routing rule ids, market, service and roster ids. The lists are read
 * from the domain and the example roster, so a value added there is checked here without an edit.
 *
 * A value that is also a plain English word people read as such ("emergency", "phone", "tech") is
 * allowed only in `PLAIN_WORDS`; anything else found as a whole word (case-sensitive) is a leak.
 */

import type { AppConfig } from '../../shared/domain/config';
import { CONTACT_CHANNELS, WAITING_ON } from '../../shared/domain/contact-log';
import { OPEN_LOOP_KINDS } from '../../shared/domain/daily-review';
import { FAILURE_KINDS } from '../../shared/domain/failures';
import { ALL_LEAD_FIELDS, CONSENT_FIELDS, CONSENT_KEYS } from '../../shared/domain/intake-fields';
import { CARD_FORM_FIELDS } from '../../shared/domain/lead-card-state';
import {
  CONFIRMATIONS,
  FITS,
  LADDERS,
  LEAD_STATUSES,
  REJECT_REASONS,
  ROLES,
  SOURCES,
  STAGES,
  URGENCIES,
} from '../../shared/domain/lead-details';
import { NOTIFICATION_PURPOSES } from '../../shared/domain/notification-state';
import { TIMELINE_LABELS } from '../../shared/domain/wording';

/** The routing decisions that are not configured rules (`BuiltInRuleId` of `routing.ts`). */
const BUILT_IN_RULE_IDS = [
  'missed-call-owner',
  'poor-fit-office-manager',
  'urgent-fallback',
  'fallback',
  'needs-info-intake',
];

/** Handoff kinds and states (types only in `lead.ts`). */
const HANDOFF_WORDS = ['route', 'needs_info', 'escalation', 'renotify', 'transfer', 'superseded'];

/** Enum values that are ordinary words people read in sentences ("an emergency visit", "Call"). */
export const PLAIN_WORDS = new Set([
  'emergency',
  'premium',
  'standard',
  'estimate',
  'phone',
  'referral',
  'other',
  'good',
  'poor',
  'unknown',
  'intake',
  'dispatch',
  'sales',
  'tech',
  'operations',
  'urgent',
  'routed',
  'accepted',
  'rejected',
  'escalated',
  'transferred',
  'retried',
  'closed',
  'handoff',
  'moved',
  'acknowledgement',
  'notification',
  'timer',
  'deadline',
  'call',
  'email',
  'visit',
  'us',
  'customer',
  'quiet',
  'taken',
  'route',
  'escalation',
  'transfer',
  'superseded',
  'zip',
  'market',
  'notes',
  'fit',
  'urgency',
  'source',
  'campaign',
  'consent',
  'method',
]);

/** Every internal value of the domain (and of `config`'s roster) that must not reach a person. */
export const forbiddenWords = (config: AppConfig): Set<string> => {
  const values = [
    ...ROLES,
    ...SOURCES,
    ...URGENCIES,
    ...FITS,
    ...STAGES,
    ...LEAD_STATUSES,
    ...REJECT_REASONS,
    ...CONFIRMATIONS,
    ...LADDERS,
    ...Object.keys(TIMELINE_LABELS),
    ...NOTIFICATION_PURPOSES,
    ...FAILURE_KINDS,
    ...CONTACT_CHANNELS,
    ...WAITING_ON,
    ...OPEN_LOOP_KINDS,
    ...Object.keys(CARD_FORM_FIELDS),
    ...Object.values(CARD_FORM_FIELDS).flat(),
    ...ALL_LEAD_FIELDS,
    ...CONSENT_KEYS,
    ...CONSENT_KEYS.map((key) => CONSENT_FIELDS[key].formAlias),
    ...HANDOFF_WORDS,
    ...BUILT_IN_RULE_IDS,
    ...config.roster.rules.map((rule) => rule.id),
    ...config.roster.markets.map((market) => market.id),
    ...config.roster.serviceTypes,
    ...config.roster.people.map((person) => person.id),
    'sms',
  ];
  return new Set(values.filter((value) => !PLAIN_WORDS.has(value)));
};

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
};

/** What a person sees of a page: its text (the title included) and its alt/aria-label/placeholder texts. */
export const visibleText = (html: string): string => {
  const shown = [...html.matchAll(/\s(?:alt|aria-label|placeholder|title)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [text, ...shown]
    .join('\n')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, name: string) => HTML_ENTITIES[name] ?? '');
};

/** The leaks in a text a person reads (links and email addresses left out: they are addresses). */
export const leaksIn = (text: string, forbidden: ReadonlySet<string>): string[] => {
  const clean = text.replace(/https?:\/\/\S+/g, ' ').replace(/[^\s<>()"']+@[^\s<>()"']+/g, ' ');
  const leaks = new Set<string>();
  for (const match of clean.matchAll(/\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g)) leaks.add(match[0]);
  for (const match of clean.matchAll(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g)) leaks.add(match[0]);
  for (const match of clean.matchAll(/[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9]|[A-Za-z0-9]/g)) {
    if (forbidden.has(match[0])) leaks.add(match[0]);
  }
  for (const match of clean.matchAll(/\)\s\(|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/g)) {
    leaks.add(match[0]);
  }
  return [...leaks];
};
