/**
 * The DynamoDB the local runner uses: embedded dynalite (in memory, or on disk with a data dir), or any
 * DynamoDB-compatible endpoint given by `DYNAMODB_ENDPOINT` (DynamoDB Local, or real DynamoDB).
 */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from '../shared/aws/table-schema';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  embedded: boolean;
  close(): Promise<void>;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export const startLocalDynamo = async (options: {
  endpoint?: string;
  dataDir?: string;
  tableName: string;
}): Promise<LocalDynamo> => {
  let endpoint = options.endpoint;
  let close = async () => {};
  if (!endpoint) {
    const server = dynalite({
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(options.dataDir ? { path: options.dataDir } : {}),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const embedded = options.endpoint === undefined;
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    ...(embedded || !process.env.AWS_ACCESS_KEY_ID ? { credentials: LOCAL_CREDENTIALS } : {}),
  });
  await ensureTable(client, options.tableName);
  return {
    client,
    endpoint,
    embedded,
    close: async () => {
      client.destroy();
      await close();
    },
  };
};
