/** Lambda entry for `POST /leads`, wired to AWS. */
import { IntakeService } from '../../shared/app/intake-service';
import { awsCoreDeps, dynamoClient, tableName } from '../../shared/aws/deps';
import { makeIdempotencyStore } from '../../shared/aws/idempotency';
import { makeHandler } from './make-handler';

export const handler = makeHandler({
  intake: new IntakeService(awsCoreDeps()),
  idempotency: makeIdempotencyStore(dynamoClient, tableName(), 'intake'),
});
