/** Lookups on the roster: who a person is, where they can be reached, who the operations lead is. */
import type { AppConfig, Person } from './config';
import type { Channel, PersonRef } from './lead';
import { personRef } from './routing';

/** The person with this roster id, active or not. */
export const personById = (config: AppConfig, id: string): Person | undefined =>
  config.roster.people.find((person) => person.id === id);

/** The channels a person is reachable on: their preferences, where the roster has the address. */
export const channelsOf = (person: Person): Channel[] =>
  person.notify.filter((channel) =>
    channel === 'sms' ? person.phone !== undefined : person.email !== undefined,
  );

/** The operations lead a missed follow-up and the end-of-day review go to (then office manager, owner). */
export const operationsLead = (config: AppConfig): PersonRef | undefined => {
  for (const role of ['operations', 'office_manager', 'business_owner'] as const) {
    const person = config.roster.people.find((p) => p.role === role && p.active);
    if (person) return personRef(person);
  }
  return undefined;
};
