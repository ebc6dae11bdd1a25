/**
 * Who an API key belongs to (SPEC §10): one intake key per source, a separate ops key.
 *
 * Deployed, the keys are API Gateway API keys named `<prefix>.<scope>[.<source>][.<label>]`, e.g.
 * `leadhandoff-prod.intake.web_form`, `leadhandoff-prod.intake.web_form.spring-promo`,
 * `leadhandoff-prod.ops`. Locally, a static map stands in for API Gateway.
 */
import { type APIGatewayClient, type ApiKey, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { SOURCES, type Source } from '../domain/lead';
import type { ApiClient, ApiKeyDirectory, Clock } from '../ports';
import { toDomainError } from './errors';

const PAGE_SIZE = 500;

/** How long a read of the key list is trusted: a new or disabled key takes effect within this time. */
export const DEFAULT_KEY_CACHE_SECONDS = 300;

const isSource = (value: string | undefined): value is Source =>
  value !== undefined && (SOURCES as readonly string[]).includes(value);

/**
 * Reads a key name into its scope and source, or undefined when the name does not follow the
 * convention (such keys grant nothing): `ops` keys may carry a label, intake keys need a known source.
 */
export const parseKeyName = (name: string, prefix: string): Omit<ApiClient, 'keyId'> | undefined => {
  if (!name.startsWith(`${prefix}.`)) return undefined;
  const [scope, source, ...rest] = name.slice(prefix.length + 1).split('.');
  if (scope === 'ops') return rest.length === 0 ? { scope: 'ops' } : undefined;
  if (scope === 'intake' && isSource(source) && rest.length <= 1) return { scope: 'intake', source };
  return undefined;
};

/**
 * `ApiKeyDirectory` over API Gateway API keys whose name starts with the app's prefix; only enabled keys
 * count. The whole list is read at most once per `cacheSeconds` (by the injected clock), however many
 * unknown keys are tried in between, so guessing keys cannot drive calls to API Gateway.
 */
export class ApiGatewayKeyDirectory implements ApiKeyDirectory {
  private cached: { promise: Promise<Map<string, ApiClient>>; loadedAt: number } | undefined;

  constructor(
    private readonly client: APIGatewayClient,
    private readonly prefix: string,
    private readonly clock: Clock,
    private readonly cacheSeconds: number = DEFAULT_KEY_CACHE_SECONDS,
  ) {}

  async lookup(apiKey: string): Promise<ApiClient | undefined> {
    if (apiKey === '') return undefined;
    const keys = await this.keys();
    const client = keys.get(apiKey);
    return client === undefined ? undefined : { ...client };
  }

  private keys(): Promise<Map<string, ApiClient>> {
    const now = this.clock.now().getTime();
    if (this.cached !== undefined && now - this.cached.loadedAt < this.cacheSeconds * 1000) {
      return this.cached.promise;
    }
    const entry = { promise: this.fetch(), loadedAt: now };
    this.cached = entry;
    entry.promise.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.promise;
  }

  private async fetch(): Promise<Map<string, ApiClient>> {
    const items: ApiKey[] = [];
    let position: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new GetApiKeysCommand({ includeValues: true, nameQuery: this.prefix, limit: PAGE_SIZE, position }),
        );
        items.push(...(page.items ?? []));
        position = page.position;
      } while (position !== undefined && position !== '');
    } catch (error) {
      throw toDomainError(error, 'Listing API keys');
    }
    const keys = new Map<string, ApiClient>();
    for (const key of items) {
      if (key.enabled !== true || !key.value || !key.id || !key.name) continue;
      const owner = parseKeyName(key.name, this.prefix);
      if (owner !== undefined) keys.set(key.value, { keyId: key.id, ...owner });
    }
    return keys;
  }
}

/** `ApiKeyDirectory` over a fixed map of key value to client (local runner, tests). */
export class StaticKeyDirectory implements ApiKeyDirectory {
  private readonly keys: ReadonlyMap<string, ApiClient>;

  constructor(keys: Record<string, ApiClient>) {
    this.keys = new Map(Object.entries(keys));
  }

  async lookup(apiKey: string): Promise<ApiClient | undefined> {
    const client = this.keys.get(apiKey);
    return client === undefined ? undefined : { ...client };
  }
}
