/**
 * Which configured routing rules a lead matches, and who a rule's pool is (docs/product-rules.md §4):
 * the conditions of `when` (all must hold; an absent one holds) and the active people of `assignTo`.
 */
import type { AppConfig, Person, RoutingRule } from './config';
import type { LeadDetails } from './lead';

/** The active people a rule assigns to: its roles and its named roster ids. */
export const poolOf = (rule: RoutingRule, config: AppConfig): Person[] =>
  config.roster.people.filter(
    (person) =>
      person.active &&
      ((rule.assignTo.roles ?? []).includes(person.role) || (rule.assignTo.people ?? []).includes(person.id)),
  );

/** Whether the lead meets every condition of the rule's `when`. */
export const matchesRule = (rule: RoutingRule, lead: LeadDetails): boolean => {
  const { when } = rule;
  const has = <T>(allowed: readonly T[] | undefined, value: T | undefined): boolean =>
    allowed === undefined || (value !== undefined && allowed.includes(value));
  const value = lead.estimatedValue;
  return (
    has(when.urgency, lead.urgency) &&
    has(when.serviceType, lead.serviceType) &&
    has(when.market, lead.market) &&
    has(when.source, lead.source) &&
    has(when.fit, lead.fit) &&
    (when.minValue === undefined || (value !== undefined && value >= when.minValue)) &&
    (when.maxValue === undefined || (value !== undefined && value <= when.maxValue))
  );
};
