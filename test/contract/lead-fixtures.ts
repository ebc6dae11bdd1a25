/**
 * Leads for store tests: complete, with unicode text, nested objects and a timeline, so a store that
 * loses or reshapes any field fails. Shared by the contract suite and the DynamoDB adapter tests.
 */
import { randomUUID } from 'node:crypto';
import type { FollowUp, Handoff, Lead } from '../../shared/domain/lead';

const T0 = Date.parse('2026-03-02T15:00:00.000Z');

/** `minutes` after 2026-03-02 15:00 UTC, as ISO. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

let phoneCounter = 0;

/** An E.164 phone no other lead of this process has. */
export const uniquePhone = (): string => {
  phoneCounter += 1;
  return `+1512555${String(1000 + phoneCounter).slice(-4)}`;
};

/** Handoff 1 to Dana, awaiting acceptance by `at(15)`, dispatched. */
export const handoffFor = (overrides: Partial<Handoff> = {}): Handoff => ({
  seq: 1,
  kind: 'route',
  to: { id: 'dana', name: 'Dana Whitfield', role: 'dispatch' },
  nextAction: 'Call the customer to qualify the job and book a visit',
  dueAt: at(120),
  acceptBy: at(15),
  ladder: 'standard',
  step: 0,
  reason: 'rule dispatch-default',
  state: 'awaiting_acceptance',
  createdAt: at(0),
  dispatch: 'done',
  ...overrides,
});

/** A complete lead awaiting acceptance, with unicode text, nested objects and a timeline. */
export const makeLead = (overrides: Partial<Lead> = {}): Lead => ({
  id: randomUUID(),
  version: 1,
  createdAt: at(0),
  updatedAt: at(0),
  channel: 'web_form',
  source: 'web_form',
  fit: 'good',
  status: 'awaiting_acceptance',
  stage: 'new_lead',
  missing: [],
  fullName: 'Zoë Ångström-Nuñez 🚰',
  phone: uniquePhone(),
  email: 'zoe@example.com',
  serviceAddress: '12 Calle Año Nuevo, Apt «3»',
  zip: '78704',
  market: 'south',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  campaign: 'spring-promo',
  notes: 'Water heater leaking — "drip, drip" 💧\nSecond line.',
  promisedNextStep: 'Call back within the hour',
  consent: { sms: true, email: false, capturedAt: at(0), method: 'web_form checkbox' },
  estimatedValue: 1234.56,
  handoff: handoffFor(),
  timeline: [
    {
      at: at(0),
      type: 'lead_received',
      actor: { kind: 'source', id: 'web_form' },
      summary: 'Lead received from web form',
      data: { urgency: 'standard', fit: 'good' },
    },
    {
      at: at(0),
      type: 'handoff_created',
      actor: { kind: 'system' },
      summary: 'Handoff 1 to Dana Whitfield (dispatch)',
      data: { seq: 1, toId: 'dana', ladder: 'standard', step: 0, acceptBy: at(15) },
    },
    {
      at: at(0),
      type: 'follow_up_logged',
      actor: { kind: 'person', id: 'dana', name: 'Dana Whitfield' },
      summary: 'Follow-up 1 of 3 logged late',
      data: { sequence: 1, n: 1, late: true, contactAt: at(0) },
    },
  ],
  ...overrides,
});

/** The same lead one state change later. */
export const next = (lead: Lead, changes: Partial<Lead> = {}): Lead => ({
  ...lead,
  ...changes,
  version: lead.version + 1,
  updatedAt: at(1),
});

/** The lead accepted by its handoff's recipient, with the next action due at `nextActionDueAt`. */
export const accepted = (lead: Lead, nextActionDueAt?: string): Lead => {
  const changed = next(lead, {
    status: 'accepted',
    owner: lead.handoff?.to,
    handoff: handoffFor({ ...lead.handoff, state: 'accepted', resolvedAt: at(2), dispatch: 'done' }),
    nextAction: lead.handoff?.nextAction,
  });
  if (nextActionDueAt !== undefined) changed.nextActionDueAt = nextActionDueAt;
  return changed;
};

/** A follow-up of sequence 1 in `state`, reminding at `remindAt` and due at `dueAt`. */
export const followUp = (n: number, state: FollowUp['state'], remindAt: string, dueAt: string): FollowUp => ({
  sequence: 1,
  n,
  kind: 'estimate',
  opensAt: at(0),
  remindAt,
  dueAt,
  state,
});
