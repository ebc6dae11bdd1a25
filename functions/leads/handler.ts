/** Lambda entry for the ops lead endpoints (the lists, one lead, its changes), wired to AWS. */
import { BoardService } from '../../shared/app/board-service';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { LeadsService } from '../../shared/app/leads-service';
import { awsCoreDeps, awsFailureStore, awsMetrics } from '../../shared/aws/deps';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

export const handler = publishingMetrics(
  makeHandler({
    leads: new LeadsService({
      ...awsCoreDeps(),
      dispatches: new DispatchRequester({ queue: awsQueue(), metrics: awsMetrics() }),
    }),
    board: new BoardService({ ...awsCoreDeps(), failureStore: awsFailureStore() }),
  }),
);
