/**
 * The board's roster page (docs/product-rules.md §8, §12): who is on call, on shift, off shift and away
 * now, and setting someone away for a while or back at once — the office roles for anyone, everyone
 * else for themselves (`mayChangeAway`). An away is the same record `AWAY 2h` by SMS writes; it ends by
 * itself when its time passes. Who set it is kept with it.
 */
import { AWAY_CHOICES, awayChoice, awayEnd } from '../domain/away';
import { mayChangeAway } from '../domain/board-actions';
import type { AppConfig, Person } from '../domain/config';
import type { PersonRef } from '../domain/lead';
import { awayUntil } from '../domain/pick-person';
import { type RosterNow, rosterNow } from '../domain/roster-now';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { logger } from '../observability';
import type { AvailabilityStore, Clock, ConfigSource } from '../ports';

export interface RosterDeps {
  config: ConfigSource;
  clock: Clock;
  availability: AvailabilityStore;
}

/** What the roster page shows to one person. */
export interface RosterView {
  roster: RosterNow;
  timeZone: string;
  now: Date;
  /** The roster ids this person may set away or back. */
  changeable: string[];
}

export class RosterService {
  constructor(private readonly deps: RosterDeps) {}

  /** Who is on call, on shift, off shift and away now, and whom `viewer` may set away or back. */
  async roster(viewer: PersonRef): Promise<RosterView> {
    const config = await this.deps.config.load();
    const now = this.deps.clock.now();
    const changeable = config.roster.people
      .filter((person) => person.active && mayChangeAway(viewer, person.id))
      .map((person) => person.id);
    return { roster: rosterNow(config, now), timeZone: config.business.timezone, now, changeable };
  }

  /**
   * Sets `personId` away for the posted choice (`1h`, `2h`, `4h`, `today`); returns when they are back.
   * `NotFoundError`: no such active person; `ForbiddenError`: not `viewer`'s to change;
   * `ValidationError`: not one of the choices. Nothing is written when refused.
   */
  async setAway(viewer: PersonRef, personId: string, choice: string): Promise<Date> {
    const { person, config } = await this.changeable(viewer, personId);
    const picked = awayChoice(choice);
    if (picked === undefined) {
      const labels = Object.values(AWAY_CHOICES).map((option) => option.label.toLowerCase());
      throw new ValidationError('Unknown away choice', [
        { path: 'for', message: `Choose how long: ${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}.` },
      ]);
    }
    const now = this.deps.clock.now();
    const until = awayEnd(AWAY_CHOICES[picked].request, now, person.timezone ?? config.business.timezone);
    await this.deps.availability.setAway(person.id, {
      until: until.toISOString(),
      setAt: now.toISOString(),
      setBy: { id: viewer.id, name: viewer.name },
      via: 'board',
    });
    logger.info('Away set from the board', { choice: picked, self: viewer.id === person.id });
    return until;
  }

  /** Puts `personId` back in routing now; false when they were not away. Refused as `setAway` is. */
  async back(viewer: PersonRef, personId: string): Promise<boolean> {
    const { person, config } = await this.changeable(viewer, personId);
    const wasAway = awayUntil(person, config, this.deps.clock.now()) !== undefined;
    await this.deps.availability.clearAway(person.id);
    logger.info('Away ended from the board', { wasAway, self: viewer.id === person.id });
    return wasAway;
  }

  /** The active roster person `viewer` may set away or back, and the config they were found in. */
  private async changeable(
    viewer: PersonRef,
    personId: string,
  ): Promise<{ person: Person; config: AppConfig }> {
    const config = await this.deps.config.load();
    const person = config.roster.people.find((p) => p.id === personId && p.active);
    if (!person) throw new NotFoundError('No such person on the roster');
    if (!mayChangeAway(viewer, person.id)) throw new ForbiddenError('Not allowed to change this away');
    return { person, config };
  }
}
