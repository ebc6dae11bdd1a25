/**
 * Realistic test data for the domain rules: the example business settings and roster from `config/`,
 * plus small builders for leads and handoffs.
 */
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../../../shared/domain/config';
import type { Handoff, Lead, LeadDetails } from '../../../shared/domain/lead';
import { parseAppConfig } from '../../../shared/domain/load-config';
import type { OwnerLoad } from '../../../shared/domain/routing';

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../config/${name}`, import.meta.url), 'utf8'));

/** A fresh, mutable copy of `config/business.example.json`. */
export const exampleBusiness = (): Record<string, unknown> =>
  readJson('business.example.json') as Record<string, unknown>;

/** A fresh, mutable copy of `config/roster.example.json`. */
export const exampleRoster = (): Record<string, unknown> =>
  readJson('roster.example.json') as Record<string, unknown>;

/** The parsed example configuration (Lone Star Plumbing & Air, America/Chicago). */
export const exampleConfig = (): AppConfig => parseAppConfig(exampleBusiness(), exampleRoster());

/**
 * Instants in the example business's week (America/Chicago, CDT = UTC-5 from 2026-03-08):
 * a Tuesday morning in business hours, a Tuesday night, a Sunday afternoon.
 */
export const TUESDAY_10AM = new Date('2026-03-10T15:00:00Z');
export const TUESDAY_11PM = new Date('2026-03-11T04:00:00Z');
export const SUNDAY_2PM = new Date('2026-03-15T19:00:00Z');

/** A complete lead; override what the test is about. */
export const leadDetails = (overrides: Partial<LeadDetails> = {}): LeadDetails => ({
  fullName: 'Avery Customer',
  phone: '+15125550199',
  email: 'avery@example.com',
  serviceAddress: '12 Elm St, Round Rock, TX 78664',
  market: 'north',
  zip: '78664',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  source: 'web_form',
  notes: 'Kitchen sink leaking under the cabinet',
  consent: { sms: true, email: true, capturedAt: '2026-03-10T15:00:00.000Z', method: 'web_form checkbox' },
  fit: 'unknown',
  ...overrides,
});

/** A stored lead built from `leadDetails`. */
export const storedLead = (overrides: Partial<Lead> = {}): Lead => ({
  ...leadDetails(),
  id: 'lead-1',
  version: 1,
  createdAt: '2026-03-10T15:00:00.000Z',
  updatedAt: '2026-03-10T15:00:00.000Z',
  channel: 'web_form',
  status: 'awaiting_acceptance',
  stage: 'new_lead',
  missing: [],
  timeline: [],
  ...overrides,
});

/** An open handoff waiting for acceptance. */
export const handoff = (overrides: Partial<Handoff> = {}): Handoff => ({
  seq: 1,
  kind: 'route',
  to: { id: 'dana', name: 'Dana Whitfield', role: 'dispatch' },
  nextAction: 'Call the customer within 5 minutes and dispatch the nearest tech',
  dueAt: '2026-03-10T15:15:00.000Z',
  acceptBy: '2026-03-10T15:05:00.000Z',
  ladder: 'urgent',
  step: 0,
  reason: 'rule urgent-dispatch-in-hours',
  state: 'awaiting_acceptance',
  createdAt: '2026-03-10T15:00:00.000Z',
  dispatch: 'done',
  ...overrides,
});

/** Loads from a plain object: `{ tomas: 3 }` or `{ tomas: { open: 3, lastAssignedAt: '...' } }`. */
export const loads = (entries: Record<string, number | OwnerLoad> = {}): Map<string, OwnerLoad> =>
  new Map(
    Object.entries(entries).map(([id, load]) => [id, typeof load === 'number' ? { open: load } : load]),
  );
