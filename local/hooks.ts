/**
 * The hooks function in the local runner: the same handler and connectors as on AWS, with credentials
 * from `config/connectors.json` (or the example file) and the URL a source signs taken from the local
 * server's own address.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { makeHandler as makeHooks, queryString } from '../functions/hooks/make-handler';
import type { FailureService } from '../shared/app/failure-service';
import { HookService, type LeadCapture } from '../shared/app/hook-service';
import { DynamoHookInbox } from '../shared/aws/dynamo-hook-inbox';
import { connectorsByName } from '../shared/connectors/registry';
import type { Clock } from '../shared/ports';
import { connectorsFile, FileConnectorSecrets } from './file-connector-secrets';

export interface LocalHooksOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  configDir: string;
  capture: LeadCapture;
  failures: FailureService;
  clock: Clock;
  publicBaseUrl(): string;
}

/** The hooks handler of the local runner. */
export const localHooks = (options: LocalHooksOptions) =>
  makeHooks({
    hooks: new HookService({
      connectors: connectorsByName(),
      secrets: new FileConnectorSecrets(connectorsFile(options.configDir)),
      capture: options.capture,
      inbox: new DynamoHookInbox(options.doc, options.tableName),
      reportUnmapped: async ({ id, connector, reason }) => {
        await options.failures.report({
          leadId: id,
          seq: 0,
          kind: 'unmapped',
          what: `A ${connector} webhook we could not read`,
          reason,
          attempts: 1,
          retry: { type: 'review', inboxId: id, connector },
        });
      },
      clock: options.clock,
      ports: {
        fetchJson: async (url, init) => (await fetch(url, init)).json(),
        get hooksBaseUrl() {
          return `${options.publicBaseUrl()}/hooks`;
        },
        settings: {},
      },
    }),
    requestUrl: (event: APIGatewayProxyEvent) =>
      `${options.publicBaseUrl()}${event.path}${queryString(event)}`,
  });
