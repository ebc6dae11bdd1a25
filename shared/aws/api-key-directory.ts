/**
 * Who an API key belongs to (docs/product-rules.md §10): one intake key per source, a separate ops key.
 *
 * Deployed, the keys are API Gateway API keys named `<prefix>.<scope>[.<source>][.<label>]`, e.g.
 * `leadhandoff-prod.intake.web_form`, `leadhandoff-prod.intake.web_form.spring-promo`,
 * `leadhandoff-prod.ops`, and the stack tells the authorizer their ids (`API_KEY_IDS`): its role may
 * read those keys one by one (`GetApiKey`) and cannot list the region's keys. Locally, a static map
 * stands in for API Gateway.
 */
import { type APIGatewayClient, type ApiKey, GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import * as z from 'zod';
import { SOURCES, type Source } from '../domain/lead';
import type { ApiClient, ApiKeyDirectory, Clock } from '../ports';
import { errorName, toDomainError } from './errors';

/** How long a read of the keys is trusted: a new or disabled key takes effect within this time. */
export const DEFAULT_KEY_CACHE_SECONDS = 300;

/** `API_KEY_IDS` as the stack sets it: comma-separated key ids, at least one. */
export const apiKeyIdsSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  )
  .pipe(z.array(z.string()).min(1, 'list at least one API key id'))
  .transform((ids) => [...new Set(ids)]);

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
 * `ApiKeyDirectory` over the API Gateway API keys with the given ids: each is read with `GetApiKey`
 * (its value included), and counts only when enabled and named `<prefix>.<scope>...`. All of them are
 * read at most once per `cacheSeconds` (by the injected clock), however many unknown keys are tried
 * in between, so guessing keys cannot drive calls to API Gateway. A listed id that no longer exists
 * grants nothing; any other failure fails the read (and is not cached).
 */
export class ApiGatewayKeyDirectory implements ApiKeyDirectory {
  private cached: { promise: Promise<Map<string, ApiClient>>; loadedAt: number } | undefined;

  constructor(
    private readonly client: APIGatewayClient,
    private readonly keyIds: readonly string[],
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
    const items = await Promise.all(this.keyIds.map((id) => this.read(id)));
    const keys = new Map<string, ApiClient>();
    for (const key of items) {
      if (key?.enabled !== true || !key.value || !key.id || !key.name) continue;
      const owner = parseKeyName(key.name, this.prefix);
      if (owner !== undefined) keys.set(key.value, { keyId: key.id, ...owner });
    }
    return keys;
  }

  /** One key with its value, or undefined when it has been deleted. */
  private async read(id: string): Promise<ApiKey | undefined> {
    try {
      return await this.client.send(new GetApiKeyCommand({ apiKey: id, includeValue: true }));
    } catch (error) {
      if (errorName(error) === 'NotFoundException') return undefined;
      throw toDomainError(error, `Reading API key ${id}`);
    }
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
