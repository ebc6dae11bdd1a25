import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../../shared/domain/load-config';
import { ConfigError, type Issue } from '../../../shared/errors';
import { exampleBusiness, exampleRoster } from './fixtures';

type Json = Record<string, unknown>;
type JsonList = Json[];

/** Example config with `change` applied to copies of both files; returns the issues `parseAppConfig` reports. */
const issuesAfter = (change: (business: Json, roster: Json) => void): Issue[] => {
  const business = exampleBusiness();
  const roster = exampleRoster();
  change(business, roster);
  try {
    parseAppConfig(business, roster);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
};
const pathsAfter = (change: (business: Json, roster: Json) => void): string[] =>
  issuesAfter(change).map((issue) => issue.path);

const people = (roster: Json): JsonList => roster.people as JsonList;
const rules = (roster: Json): JsonList => roster.rules as JsonList;
const markets = (roster: Json): JsonList => roster.markets as JsonList;
const chains = (business: Json): Json => (business.escalation as Json).chains as Json;
const at = <T>(list: T[], index: number): T => {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
};

describe('parseAppConfig', () => {
  it('roster and rules are validated data: the example configuration parses', () => {
    // Prepare
    const business = exampleBusiness();
    const roster = exampleRoster();
    // Act
    const config = parseAppConfig(business, roster);
    // Assess
    expect({
      timezone: config.business.timezone,
      people: config.roster.people.map((person) => person.id),
      rules: config.roster.rules.length,
      tomasHours: config.roster.people.find((person) => person.id === 'tomas')?.hours,
    }).toEqual({
      timezone: 'America/Chicago',
      people: ['irene', 'dana', 'marco', 'jules', 'tomas', 'kelly', 'sam', 'priya', 'lee', 'ruth'],
      rules: 6,
      tomasHours: 'business',
    });
  });

  it('throws a ConfigError named "Invalid configuration"', () => {
    // Prepare
    const business = { ...exampleBusiness(), timezone: 'Mars/Olympus' };
    // Act
    const act = () => parseAppConfig(business, exampleRoster());
    // Assess
    expect(act).toThrow(/^Invalid configuration: business\.timezone: unknown IANA time zone/);
  });

  it('reports schema problems of both files by path', () => {
    // Prepare
    // Act
    const paths = pathsAfter((business, roster) => {
      business.timezone = 'Mars/Olympus';
      at(people(roster), 2).capacity = 0;
    });
    // Assess
    expect(paths).toEqual(['business.timezone', 'roster.people["marco"].capacity']);
  });

  it('reports every cross-check problem at once, not just the first', () => {
    // Prepare
    // Act
    const paths = pathsAfter((business, roster) => {
      chains(business).standard = ['nobody'];
      at(people(roster), 3).id = 'marco';
      at(rules(roster), 5).nextAction = 'follow up';
    });
    // Assess
    expect(paths).toEqual([
      'business.escalation.chains.standard[0]',
      'roster.people[3].id',
      'roster.rules["dispatch-default"].nextAction',
    ]);
  });

  it('rejects a duplicate person id', () => {
    // Prepare
    // Act
    const issues = issuesAfter((_, roster) => {
      at(people(roster), 3).id = 'marco';
    });
    // Assess
    expect(issues).toEqual([{ path: 'roster.people[3].id', message: 'duplicate person id "marco"' }]);
  });

  it('rejects a duplicate market id', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(markets(roster), 1).id = 'north';
    });
    // Assess: people of the vanished market "south" are reported too.
    expect(paths).toEqual([
      'roster.markets[1].id',
      'roster.people["jules"].markets[0]',
      'roster.people["kelly"].markets[0]',
    ]);
  });

  it('rejects a zip listed in two markets, since the market is derived from the zip', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(markets(roster), 1).zips = ['78704', '78664'];
    });
    // Assess
    expect(paths).toEqual(['roster.markets["south"].zips[1]']);
  });

  it('rejects a duplicate rule id', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(rules(roster), 1).id = 'urgent-dispatch-in-hours';
    });
    // Assess
    expect(paths).toEqual(['roster.rules[1].id']);
  });

  it("rejects a person's unknown market", () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(people(roster), 4).markets = ['north', 'west'];
    });
    // Assess
    expect(paths).toEqual(['roster.people["tomas"].markets[1]']);
  });

  it("rejects a person's unknown service type", () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(people(roster), 5).serviceTypes = ['roofing'];
    });
    // Assess
    expect(paths).toEqual(['roster.people["kelly"].serviceTypes[0]']);
  });

  it('rejects a rule matching an unknown market', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(rules(roster), 4).when = { urgency: ['standard'], market: ['east'] };
    });
    // Assess
    expect(paths).toEqual(['roster.rules["standard-by-territory"].when.market[0]']);
  });

  it('rejects a rule matching an unknown service type', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(rules(roster), 4).when = { serviceType: ['plumbing_repair', 'roofing'] };
    });
    // Assess
    expect(paths).toEqual(['roster.rules["standard-by-territory"].when.serviceType[1]']);
  });

  it('rejects a rule assigning to an unknown person', () => {
    // Prepare
    // Act
    const issues = issuesAfter((_, roster) => {
      at(rules(roster), 2).assignTo = { people: ['zoe'] };
    });
    // Assess
    expect(issues).toEqual([
      { path: 'roster.rules["estimates-by-territory"].assignTo.people[0]', message: 'unknown person "zoe"' },
    ]);
  });

  it('a next action must be specific: rejects a rule with a vague next action', () => {
    // Prepare
    // Act
    const issues = issuesAfter((_, roster) => {
      at(rules(roster), 5).nextAction = 'Follow up with the customer';
    });
    // Assess
    expect(issues).toEqual([
      { path: 'roster.rules["dispatch-default"].nextAction', message: expect.stringMatching(/is too vague/) },
    ]);
  });

  it('emergency work routes to dispatch/on-call: rejects an urgent rule assigning to a tech role', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(rules(roster), 0).assignTo = { roles: ['dispatch', 'tech'] };
    });
    // Assess
    expect(paths).toEqual(['roster.rules["urgent-dispatch-in-hours"].assignTo.roles[1]']);
  });

  it('emergency work routes to dispatch/on-call: rejects an urgent rule assigning to a named tech', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(rules(roster), 1).assignTo = { people: ['tomas'] };
    });
    // Assess
    expect(paths).toEqual(['roster.rules["urgent-on-call"].assignTo.people[0]']);
  });

  it.each(['intake', 'office_manager', 'business_owner'])(
    'a lead is never left without a named person: requires an active %s',
    (role) => {
      // Prepare
      // Act
      const issues = issuesAfter((_, roster) => {
        for (const person of people(roster)) if (person.role === role) person.active = false;
      });
      // Assess
      expect(issues).toEqual([{ path: 'roster.people', message: `no active person with role ${role}` }]);
    },
  );

  it('emergency work cannot sit unowned: requires an active dispatch or on-call person', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      for (const person of people(roster)) {
        if (person.role === 'dispatch' || person.role === 'on_call') person.active = false;
      }
    });
    // Assess
    expect(paths).toEqual(['roster.people']);
  });

  it('rejects an escalation chain entry that is neither a role nor a roster id', () => {
    // Prepare
    // Act
    const paths = pathsAfter((business) => {
      chains(business).estimate = ['sales', 'sam', 'samuel'];
    });
    // Assess
    expect(paths).toEqual(['business.escalation.chains.estimate[2]']);
  });

  it('the chain always ends at a named person: the urgent chain must end at the business owner', () => {
    // Prepare
    // Act
    const paths = pathsAfter((business) => {
      chains(business).urgent = ['on_call', 'office_manager'];
    });
    // Assess
    expect(paths).toEqual(['business.escalation.chains.urgent']);
  });

  it("the urgent chain may end at the business owner's roster id", () => {
    // Prepare
    // Act
    const paths = pathsAfter((business) => {
      chains(business).urgent = ['on_call', 'priya', 'ruth'];
    });
    // Assess
    expect(paths).toEqual([]);
  });

  it('rejects a rule whose maxValue is below its minValue', () => {
    // Prepare
    // Act
    const paths = pathsAfter((_, roster) => {
      at(rules(roster), 3).when = { minValue: 8000, maxValue: 5000 };
    });
    // Assess
    expect(paths).toEqual(['roster.rules["high-value-to-sales"].when.maxValue']);
  });

  it('rejects business hours that are never open', () => {
    // Prepare
    // Act
    const paths = pathsAfter((business) => {
      business.hours = {};
    });
    // Assess
    expect(paths).toEqual(['business.hours']);
  });

  it('rejects a holiday that is not a calendar date', () => {
    // Prepare
    // Act
    const paths = pathsAfter((business) => {
      business.holidays = ['2026-12-25', '2026-02-30'];
    });
    // Assess
    expect(paths).toEqual(['business.holidays[1]']);
  });
});
