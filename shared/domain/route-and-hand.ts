/**
 * Handing a lead to whoever routing decides: intake while the lead is incomplete, else the routing
 * rules; the decision becomes the lead's next handoff. Used for a new lead, a `needs_info` lead that
 * became complete, and a handoff sent back to intake. A non-urgent lead outside business hours, or with
 * nobody on shift to take it, is held until it can start (docs/product-rules.md §5, Hours;
 * `after-hours.ts`).
 */
import { decideStart, holdHandoff } from './after-hours';
import type { AppConfig } from './config';
import { beginHandoff } from './handoff';
import type { CompletenessField, Lead, LeadDetails } from './lead';
import { type OwnerLoad, type RoutingDecision, routeLead, routeToIntake } from './routing';

/**
 * The routing decision for a lead: intake while incomplete, else the routing rules; decided as of when
 * the handoff can start (`startsAt` when that is not now).
 */
export const decideRouting = (
  details: LeadDetails,
  missing: CompletenessField[],
  config: AppConfig,
  loads: ReadonlyMap<string, OwnerLoad>,
  now: Date,
): RoutingDecision =>
  decideStart(
    (at) => {
      const input = { lead: details, config, loads, now: at };
      return missing.length > 0 ? routeToIntake(input, missing) : routeLead(input);
    },
    details.urgency,
    config,
    now,
  );

/** Routes a lead (new, or completed from `needs_info`): a handoff to the decided person, held if it must wait. */
export const routeAndHand = (lead: Lead, decision: RoutingDecision, config: AppConfig, now: Date): Lead => {
  const kind = lead.missing.length > 0 ? 'needs_info' : 'route';
  const handed = beginHandoff(
    { ...lead, ...(decision.followUpAt ? { followUpAt: decision.followUpAt } : {}) },
    {
      kind,
      to: decision.to,
      nextAction: decision.nextAction,
      dueAt: decision.dueAt,
      acceptBy: decision.acceptBy,
      ladder: decision.ladder,
      step: 0,
      reason: decision.reason,
      ruleId: decision.ruleId,
      ...(decision.away ? { away: decision.away } : {}),
    },
    now,
    config.business.timezone,
  );
  return decision.startsAt === undefined
    ? handed
    : holdHandoff(handed, new Date(decision.startsAt), config.business, now);
};

/** A lead sent back by its recipient: a new handoff to intake, with what is missing. */
export const returnToIntake = (
  lead: Lead,
  config: AppConfig,
  loads: ReadonlyMap<string, OwnerLoad>,
  now: Date,
): Lead => {
  const decision = decideStart(
    (at) => routeToIntake({ lead, config, loads, now: at }, lead.missing),
    lead.urgency,
    config,
    now,
  );
  return routeAndHand(lead, decision, config, now);
};
