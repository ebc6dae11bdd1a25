/**
 * The local composition root: the same handlers as on AWS, wired to the embedded DynamoDB engine,
 * config files and static API keys. Used by `npm start`, the demo, tests and benchmarks.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeHandler as makeAuthorizer } from '../functions/authorizer/make-handler';
import { makeHandler as makeIntake } from '../functions/intake/make-handler';
import { makeHandler as makeLeads } from '../functions/leads/make-handler';
import type { CoreDeps } from '../shared/app/deps';
import { IntakeService } from '../shared/app/intake-service';
import { LeadsService } from '../shared/app/leads-service';
import { StaticKeyDirectory } from '../shared/aws/api-key-directory';
import { DynamoLeadStore, makeDocumentClient } from '../shared/aws/dynamo-lead-store';
import { makeIdempotencyStore } from '../shared/aws/idempotency';
import { systemClock } from '../shared/clock';
import { type IdSource, randomIds } from '../shared/ids';
import type { ApiClient, Clock, ConfigSource } from '../shared/ports';
import { configFiles, FileConfigSource } from './file-config-source';
import { LocalGateway } from './gateway';

/** The keys the local runner accepts, one per source plus ops (printed at start). */
export const LOCAL_KEYS: Readonly<Record<string, ApiClient>> = {
  'local-web-form-key': { keyId: 'local-web-form', scope: 'intake', source: 'web_form' },
  'local-phone-key': { keyId: 'local-phone', scope: 'intake', source: 'phone' },
  'local-ops-key': { keyId: 'local-ops', scope: 'ops' },
};

export interface LocalAppOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Directory with business/roster JSON (default `config`). */
  configDir?: string;
  config?: ConfigSource;
  clock?: Clock;
  ids?: IdSource;
}

export interface LocalApp {
  deps: CoreDeps;
  gateway: LocalGateway;
}

export const createLocalApp = (options: LocalAppOptions): LocalApp => {
  const deps: CoreDeps = {
    store: new DynamoLeadStore(makeDocumentClient(options.client), options.tableName),
    config: options.config ?? new FileConfigSource(configFiles(options.configDir ?? 'config')),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
  };
  const gateway = new LocalGateway(
    {
      intake: makeIntake({
        intake: new IntakeService(deps),
        idempotency: makeIdempotencyStore(options.client, options.tableName, 'intake'),
      }),
      leads: makeLeads({ leads: new LeadsService(deps) }),
    },
    makeAuthorizer({ keys: new StaticKeyDirectory(LOCAL_KEYS) }),
  );
  return { deps, gateway };
};
