/**
 * The last contact between the business and the customer (docs/product-rules.md §8, seed 003): when,
 * who, what, and who is waiting on whom — from the contact the lead card logged and the lead's
 * timeline (the customer writing again, the automatic acknowledgement).
 */
import type { WaitingOn } from './contact-log';
import type { Lead } from './lead';
import type { TimelineEvent, TimelineEventType } from './timeline';

/** Timeline entries that are a contact between the business and the customer (either way). */
export const CONTACT_EVENTS: readonly TimelineEventType[] = [
  'contact_logged',
  'contacted_again',
  'follow_up_logged',
  'acknowledgement_sent',
];

export interface LastContact {
  /** When it happened (ISO). */
  at: string;
  /** Who made it, in words: a person's name, `the customer`, `an automatic message`. */
  by: string;
  /** The roster id of the person who made it, when it was a person. */
  byId?: string;
  /** What was said or sent. */
  what: string;
  /** Who waits on whom after it: `us` — the customer waits on the business. */
  waitingOn: WaitingOn;
}

const fromTimeline = (event: TimelineEvent): LastContact | undefined => {
  const person = event.actor.kind === 'person' && event.actor.name ? event.actor : undefined;
  const by = person ? { by: person.name ?? '', ...(person.id ? { byId: person.id } : {}) } : undefined;
  switch (event.type) {
    case 'contacted_again':
      return { at: event.at, by: 'the customer', what: event.summary, waitingOn: 'us' };
    case 'acknowledgement_sent':
      return { at: event.at, by: 'an automatic message', what: event.summary, waitingOn: 'us' };
    case 'contact_logged':
      return {
        at: event.data.contactAt,
        ...(by ?? { by: 'staff' }),
        what: event.summary,
        waitingOn: event.data.waitingOn,
      };
    default:
      return undefined;
  }
};

/**
 * The latest contact of `lead`, or undefined when there has been none. The contact the lead card logged
 * (`lastContact`) carries its own words and who waits on whom; it wins a tie with its timeline entry.
 */
export const lastContactOf = (lead: Pick<Lead, 'lastContact' | 'timeline'>): LastContact | undefined => {
  const logged = lead.lastContact;
  let latest: LastContact | undefined = logged && {
    at: logged.at,
    by: logged.by.name,
    byId: logged.by.id,
    what: logged.summary,
    waitingOn: logged.waitingOn,
  };
  for (const event of lead.timeline) {
    if (!CONTACT_EVENTS.includes(event.type)) continue;
    const contact = fromTimeline(event);
    if (contact && (latest === undefined || contact.at > latest.at)) latest = contact;
  }
  return latest;
};
