/** The hooks function's wiring: connector credentials from Secrets Manager, unreadable payloads kept in the table. */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import type { LeadCapture } from '../app/hook-service';
import { HookService, reportUnmappedTo } from '../app/hook-service';
import { systemClock } from '../clock';
import { connectorsByName } from '../connectors/registry';
import { readEnv } from '../env';
import { ENV } from '../settings';
import { awsCoreDeps, awsFailures, documentClient, tableName } from './deps';
import { DynamoHookInbox } from './dynamo-hook-inbox';
import { SecretsManagerConnectorSecrets } from './secrets-manager-connector-secrets';

/** The hook service, capturing leads through `capture` (the hooks function's intake). Built once per cold start. */
export const awsHooks = (capture: LeadCapture): HookService => {
  const env = readEnv({
    [ENV.CONNECTORS_SECRET_ARN]: z.string().startsWith('arn:'),
    [ENV.PUBLIC_BASE_URL]: z.url(),
  });
  const failures = awsFailures();
  return new HookService({
    connectors: connectorsByName(),
    secrets: new SecretsManagerConnectorSecrets(new SecretsManagerClient({}), env[ENV.CONNECTORS_SECRET_ARN]),
    capture,
    inbox: new DynamoHookInbox(documentClient, tableName()),
    reportUnmapped: reportUnmappedTo(failures),
    clock: systemClock,
    config: awsCoreDeps().config,
    ports: {
      fetchJson: async (url, init) => (await fetch(url, init)).json(),
      hooksBaseUrl: `${env[ENV.PUBLIC_BASE_URL].replace(/\/+$/, '')}/hooks`,
    },
  });
};
