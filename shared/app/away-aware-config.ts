/**
 * Who is away, in every config load (docs/product-rules.md §12): the composition roots wrap their
 * `ConfigSource` with `awayAwareConfig`, so every routing decision — intake, the escalation ladder, a
 * completed lead, a send-back to intake — and the roster page see the same `config.away`, without each
 * use case asking. `CachedAvailability` keeps one read for a few seconds; a write through it drops
 * what it read, so the function that set an away routes with it at once.
 */
import type { AppConfig, AwayEntry } from '../domain/config';
import { logger } from '../observability';
import type { AvailabilityStore, Clock, ConfigSource } from '../ports';

/** `AvailabilityStore` whose reads are trusted for `cacheSeconds` by `clock`; its own writes refresh them. */
export class CachedAvailability implements AvailabilityStore {
  private cached: { promise: Promise<Record<string, AwayEntry>>; at: number } | undefined;

  constructor(
    private readonly store: AvailabilityStore,
    private readonly clock: Clock,
    private readonly cacheSeconds: number,
  ) {}

  read(): Promise<Record<string, AwayEntry>> {
    const now = this.clock.now().getTime();
    if (this.cached && now >= this.cached.at && now - this.cached.at < this.cacheSeconds * 1000) {
      return this.cached.promise;
    }
    const entry = { promise: this.store.read(), at: now };
    this.cached = entry;
    entry.promise.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.promise;
  }

  async setAway(personId: string, entry: AwayEntry): Promise<void> {
    this.cached = undefined;
    await this.store.setAway(personId, entry);
    this.cached = undefined;
  }

  async clearAway(personId: string): Promise<void> {
    this.cached = undefined;
    await this.store.clearAway(personId);
    this.cached = undefined;
  }
}

/**
 * `config` with `away` set from `availability` at every load (left out when nobody has an entry). When
 * who is away cannot be read, routing goes on as if nobody were: a lead offered to someone away (who
 * can send it back, and whose deadline escalates it) is better than a lead not routed at all.
 */
export const awayAwareConfig = (config: ConfigSource, availability: AvailabilityStore): ConfigSource => ({
  async load(): Promise<AppConfig> {
    const [loaded, away] = await Promise.all([
      config.load(),
      availability.read().catch((error: unknown) => {
        logger.warn('Who is away could not be read; routing as if nobody were', { error: error as Error });
        return {};
      }),
    ]);
    return Object.keys(away).length === 0 ? loaded : { ...loaded, away };
  },
});
