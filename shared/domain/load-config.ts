/**
 * Loads the business settings and the roster together (docs/product-rules.md §4): schema first, then the cross-checks no
 * single schema can make (ids that must exist, urgent work that must reach dispatch/on-call, an urgent
 * chain that ends at the business owner). Every problem is reported by path, never just the first.
 */
import type { z } from 'zod';
import { ConfigError, type Issue } from '../errors';
import {
  type AppConfig,
  type BusinessSettings,
  businessSchema,
  type Roster,
  type RoutingRule,
  rosterSchema,
} from './config';
import { isUrgent, ROLES, type Role } from './lead';
import { checkRuleNextAction } from './next-action';

/** Roles that may receive urgent (emergency, active-loss, premium) work straight from a rule. */
export const URGENT_ROLES: readonly Role[] = ['dispatch', 'on_call'];
/** Roles the roster must always have someone active in, so every lead has a named person to go to. */
const REQUIRED_ROLES: readonly Role[] = ['intake', 'office_manager', 'business_owner'];

const schemaIssues = (prefix: string, error: z.ZodError): Issue[] =>
  error.issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${String(key)}`),
      prefix,
    ),
    message: issue.message,
  }));

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

const duplicates = <T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (index: number) => string,
  what: string,
): Issue[] => {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) issues.push({ path: path(index), message: `duplicate ${what} "${value}"` });
    seen.add(value);
  });
  return issues;
};

const unknownIn = (
  values: readonly string[] | undefined,
  known: ReadonlySet<string>,
  path: string,
  what: string,
): Issue[] =>
  (values ?? []).flatMap((value, index) =>
    known.has(value) ? [] : [{ path: `${path}[${index}]`, message: `unknown ${what} "${value}"` }],
  );

const isValidDate = (iso: string): boolean => {
  const [year, month, day] = iso.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const ruleIssues = (rule: RoutingRule, index: number, roster: Roster): Issue[] => {
  const path = `roster.rules[${index}]`;
  const marketIds = new Set(roster.markets.map((market) => market.id));
  const serviceTypes = new Set(roster.serviceTypes);
  const people = new Map(roster.people.map((person) => [person.id, person]));
  const issues: Issue[] = [
    ...unknownIn(rule.when.market, marketIds, `${path}.when.market`, 'market'),
    ...unknownIn(rule.when.serviceType, serviceTypes, `${path}.when.serviceType`, 'service type'),
    ...unknownIn(rule.assignTo.people, new Set(people.keys()), `${path}.assignTo.people`, 'person'),
  ];
  const action = checkRuleNextAction(rule.nextAction);
  if (!action.ok) issues.push({ path: `${path}.nextAction`, message: action.message });
  const { minValue, maxValue } = rule.when;
  if (minValue !== undefined && maxValue !== undefined && minValue > maxValue) {
    issues.push({
      path: `${path}.when.maxValue`,
      message: `maxValue ${maxValue} is below minValue ${minValue}`,
    });
  }
  if ((rule.when.urgency ?? []).some((urgency) => isUrgent(urgency))) {
    (rule.assignTo.roles ?? []).forEach((role, roleIndex) => {
      if (!URGENT_ROLES.includes(role)) {
        issues.push({
          path: `${path}.assignTo.roles[${roleIndex}]`,
          message: `urgent work must go to dispatch or on_call, not ${role}`,
        });
      }
    });
    (rule.assignTo.people ?? []).forEach((id, personIndex) => {
      const person = people.get(id);
      if (person !== undefined && !URGENT_ROLES.includes(person.role)) {
        issues.push({
          path: `${path}.assignTo.people[${personIndex}]`,
          message: `urgent work must go to dispatch or on_call, but "${id}" is ${person.role}`,
        });
      }
    });
  }
  return issues;
};

const rosterIssues = (roster: Roster): Issue[] => {
  const marketIds = new Set(roster.markets.map((market) => market.id));
  const serviceTypes = new Set(roster.serviceTypes);
  const zipOwner = new Map<string, string>();
  const zipIssues = roster.markets.flatMap((market, marketIndex) =>
    market.zips.flatMap((zip, zipIndex) => {
      const owner = zipOwner.get(zip);
      zipOwner.set(zip, owner ?? market.id);
      return owner === undefined
        ? []
        : [
            {
              path: `roster.markets[${marketIndex}].zips[${zipIndex}]`,
              message: `zip ${zip} is already in market "${owner}"`,
            },
          ];
    }),
  );
  const active = roster.people.filter((person) => person.active);
  const missingRoles = [
    ...REQUIRED_ROLES.filter((role) => !active.some((person) => person.role === role)).map((role) => ({
      path: 'roster.people',
      message: `no active person with role ${role}`,
    })),
    ...(active.some((person) => URGENT_ROLES.includes(person.role))
      ? []
      : [
          {
            path: 'roster.people',
            message: 'no active person with role dispatch or on_call for urgent work',
          },
        ]),
  ];
  return [
    ...duplicates(
      roster.markets,
      (market) => market.id,
      (i) => `roster.markets[${i}].id`,
      'market id',
    ),
    ...zipIssues,
    ...duplicates(
      roster.serviceTypes,
      (type) => type,
      (i) => `roster.serviceTypes[${i}]`,
      'service type',
    ),
    ...duplicates(
      roster.people,
      (person) => person.id,
      (i) => `roster.people[${i}].id`,
      'person id',
    ),
    ...roster.people.flatMap((person, index) => [
      ...unknownIn(person.markets, marketIds, `roster.people[${index}].markets`, 'market'),
      ...unknownIn(person.serviceTypes, serviceTypes, `roster.people[${index}].serviceTypes`, 'service type'),
    ]),
    ...missingRoles,
    ...duplicates(
      roster.rules,
      (rule) => rule.id,
      (i) => `roster.rules[${i}].id`,
      'rule id',
    ),
    ...roster.rules.flatMap((rule, index) => ruleIssues(rule, index, roster)),
  ];
};

const businessIssues = (business: BusinessSettings, roster: Roster): Issue[] => {
  const people = new Map(roster.people.map((person) => [person.id, person]));
  const chainIssues = Object.entries(business.escalation.chains).flatMap(([ladder, chain]) =>
    chain.flatMap((entry, index) =>
      isRole(entry) || people.has(entry)
        ? []
        : [
            {
              path: `business.escalation.chains.${ladder}[${index}]`,
              message: `"${entry}" is neither a role nor a roster id`,
            },
          ],
    ),
  );
  const last = business.escalation.chains.urgent.at(-1);
  const endsAtOwner =
    last === 'business_owner' || (last !== undefined && people.get(last)?.role === 'business_owner');
  const hasOpenHours = Object.values(business.hours).some((ranges) => (ranges ?? []).length > 0);
  return [
    ...(hasOpenHours ? [] : [{ path: 'business.hours', message: 'the business is never open' }]),
    ...business.holidays.flatMap((holiday, index) =>
      isValidDate(holiday)
        ? []
        : [{ path: `business.holidays[${index}]`, message: `${holiday} is not a calendar date` }],
    ),
    ...chainIssues,
    ...(endsAtOwner
      ? []
      : [
          {
            path: 'business.escalation.chains.urgent',
            message:
              'the urgent chain must end at the business owner (role business_owner or their roster id)',
          },
        ]),
  ];
};

const LISTED = /^roster\.(people|markets|rules)\[(\d+)\]/;

/**
 * `roster.people[10].phone` becomes `roster.people["zoe"].phone`: people, markets and rules are named
 * by their id (whoever edits roster.json looks for "zoe", not the eleventh entry); by position only when
 * the entry has no id of its own or shares it with another.
 */
const namedById =
  (roster: unknown) =>
  (issue: Issue): Issue => {
    const idsOf = (list: string): unknown[] => {
      const items = typeof roster === 'object' && roster !== null ? Reflect.get(roster, list) : undefined;
      return Array.isArray(items)
        ? items.map((item: unknown) =>
            typeof item === 'object' && item !== null ? Reflect.get(item, 'id') : undefined,
          )
        : [];
    };
    const path = issue.path.replace(LISTED, (whole, list: string, index: string) => {
      const ids = idsOf(list);
      const id = ids[Number(index)];
      const unique = typeof id === 'string' && id !== '' && ids.filter((other) => other === id).length === 1;
      return unique ? `roster.${list}[${JSON.stringify(id)}]` : whole;
    });
    return { ...issue, path };
  };

/**
 * Parses `business.json` and `roster.json` (already JSON-decoded) into an `AppConfig`, or throws
 * `ConfigError('Invalid configuration', issues)` listing every problem by path, people, markets and
 * rules named by id, e.g. `roster.rules["after-hours"].assignTo.people[0]: unknown person "zoe"`.
 */
export const parseAppConfig = (business: unknown, roster: unknown): AppConfig => {
  const parsedBusiness = businessSchema.safeParse(business);
  const parsedRoster = rosterSchema.safeParse(roster);
  if (!parsedBusiness.success || !parsedRoster.success) {
    throw new ConfigError(
      'Invalid configuration',
      [
        ...(parsedBusiness.success ? [] : schemaIssues('business', parsedBusiness.error)),
        ...(parsedRoster.success ? [] : schemaIssues('roster', parsedRoster.error)),
      ].map(namedById(roster)),
    );
  }
  const issues = [
    ...businessIssues(parsedBusiness.data, parsedRoster.data),
    ...rosterIssues(parsedRoster.data),
  ];
  if (issues.length > 0) throw new ConfigError('Invalid configuration', issues.map(namedById(roster)));
  return { business: parsedBusiness.data, roster: parsedRoster.data };
};
