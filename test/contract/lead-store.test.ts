import { describe } from 'vitest';
import { DynamoLeadStore, makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { engines, newTable, useEngine } from '../support/dynamo-engines';
import { InMemoryLeadStore } from '../support/fakes';
import { describeLeadStoreContract } from './lead-store.contract';
import { describePhoneMarkerContract } from './phone-marker.contract';

describeLeadStoreContract('InMemoryLeadStore', async () => new InMemoryLeadStore());
describePhoneMarkerContract('InMemoryLeadStore', async () => new InMemoryLeadStore());

describe.each(engines())('DynamoLeadStore on $name', ({ start }) => {
  const engine = useEngine(start);
  const makeStore = async () => {
    const running = engine();
    return new DynamoLeadStore(makeDocumentClient(running.client), await newTable(running));
  };
  describeLeadStoreContract('DynamoLeadStore', makeStore);
  describePhoneMarkerContract('DynamoLeadStore', makeStore);
});
