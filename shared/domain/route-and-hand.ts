/**
 * Handing a lead to whoever routing decides: intake while the lead is incomplete, else the routing
 * rules; the decision becomes the lead's next handoff. Used for a new lead, a `needs_info` lead that
 * became complete, and a handoff sent back to intake.
 */
import type { AppConfig } from './config';
import { beginHandoff } from './handoff';
import type { CompletenessField, Lead, LeadDetails } from './lead';
import { type OwnerLoad, type RoutingDecision, routeLead, routeToIntake } from './routing';

/** The routing decision for a lead: intake while incomplete, else the routing rules. */
export const decideRouting = (
  details: LeadDetails,
  missing: CompletenessField[],
  config: AppConfig,
  loads: ReadonlyMap<string, OwnerLoad>,
  now: Date,
): RoutingDecision => {
  const input = { lead: details, config, loads, now };
  return missing.length > 0 ? routeToIntake(input, missing) : routeLead(input);
};

/** Routes a lead (new, or completed from `needs_info`): a handoff to the decided person. */
export const routeAndHand = (lead: Lead, decision: RoutingDecision, config: AppConfig, now: Date): Lead => {
  const kind = lead.missing.length > 0 ? 'needs_info' : 'route';
  return beginHandoff(
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
    },
    now,
    config.business.timezone,
  );
};

/** A lead sent back by its recipient: a new handoff to intake, with what is missing. */
export const returnToIntake = (
  lead: Lead,
  config: AppConfig,
  loads: ReadonlyMap<string, OwnerLoad>,
  now: Date,
): Lead => routeAndHand(lead, routeToIntake({ lead, config, loads, now }, lead.missing), config, now);
