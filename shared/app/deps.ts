/** The ports every use case needs; handlers receive them from `shared/aws/deps.ts` or `local/`. */
import type { IdSource } from '../ids';
import type { Clock, ConfigSource, LeadStore } from '../ports';

export interface CoreDeps {
  store: LeadStore;
  config: ConfigSource;
  clock: Clock;
  ids: IdSource;
}
