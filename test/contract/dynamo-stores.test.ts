import { describe } from 'vitest';
import { DynamoAvailability } from '../../shared/aws/dynamo-availability';
import { DynamoClaimStore } from '../../shared/aws/dynamo-claims';
import { DynamoFailureStore } from '../../shared/aws/dynamo-failure-store';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { DynamoSessionStore } from '../../shared/aws/dynamo-session-store';
import { DynamoTokenStore } from '../../shared/aws/dynamo-token-store';
import { engines, newTable, useEngine } from '../support/dynamo-engines';
import {
  InMemoryAvailability,
  InMemoryClaimStore,
  InMemoryFailureStore,
  InMemorySessionStore,
  InMemoryTokenStore,
} from '../support/fakes';
import { describeAvailabilityContract } from './availability.contract';
import { describeClaimStoreContract } from './claim-store.contract';
import { describeFailureStoreContract } from './failure-store.contract';
import { describeSessionStoreContract } from './session-store.contract';
import { describeTokenStoreContract } from './token-store.contract';

describeFailureStoreContract('InMemoryFailureStore', async () => new InMemoryFailureStore());
describeTokenStoreContract('InMemoryTokenStore', async () => new InMemoryTokenStore());
describeClaimStoreContract('InMemoryClaimStore', async () => new InMemoryClaimStore());
describeSessionStoreContract('InMemorySessionStore', async () => new InMemorySessionStore());
describeAvailabilityContract('InMemoryAvailability', async () => new InMemoryAvailability());

describe.each(engines())('DynamoDB stores on $name', ({ start }) => {
  const engine = useEngine(start);
  const table = async () => {
    const running = engine();
    return { doc: makeDocumentClient(running.client), name: await newTable(running) };
  };

  describeFailureStoreContract('DynamoFailureStore', async () => {
    const { doc, name } = await table();
    return new DynamoFailureStore(doc, name);
  });
  describeTokenStoreContract('DynamoTokenStore', async () => {
    const { doc, name } = await table();
    return new DynamoTokenStore(doc, name);
  });
  describeClaimStoreContract('DynamoClaimStore', async () => {
    const { doc, name } = await table();
    return new DynamoClaimStore(doc, name);
  });
  describeSessionStoreContract('DynamoSessionStore', async () => {
    const { doc, name } = await table();
    return new DynamoSessionStore(doc, name);
  });
  describeAvailabilityContract('DynamoAvailability', async () => {
    const { doc, name } = await table();
    return new DynamoAvailability(doc, name);
  });
});
