/**
 * The hooks function in the local runner: the same handler and connectors as on AWS, with credentials
 * from `config/connectors.json` (or the example file) and the URL a source signs taken from the local
 * server's own address.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { makeHandler as makeHooks, queryString } from '../functions/hooks/make-handler';
import type { FailureService } from '../shared/app/failure-service';
import { HookService, type LeadCapture, reportUnmappedTo } from '../shared/app/hook-service';
import { DynamoHookInbox } from '../shared/aws/dynamo-hook-inbox';
import { connectorsByName } from '../shared/connectors/registry';
import type { Clock, ConfigSource } from '../shared/ports';
import { fakeGraph } from './fake-graph';
import { connectorsFile, FileConnectorSecrets } from './file-connector-secrets';

export interface LocalHooksOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  configDir: string;
  capture: LeadCapture;
  failures: FailureService;
  clock: Clock;
  config: ConfigSource;
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
      reportUnmapped: reportUnmappedTo(options.failures),
      clock: options.clock,
      config: options.config,
      ports: {
        // The fake Graph API (local/fake-graph.ts) answers in process; anything else goes out.
        fetchJson: async (url, init) => fakeGraph(new URL(url))?.body ?? (await fetch(url, init)).json(),
        get hooksBaseUrl() {
          return `${options.publicBaseUrl()}/hooks`;
        },
      },
    }),
    requestUrl: (event: APIGatewayProxyEvent) =>
      `${options.publicBaseUrl()}${event.path}${queryString(event)}`,
  });
