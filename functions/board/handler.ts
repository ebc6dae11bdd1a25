/** Lambda entry for the board and its sign-in (`/sign-in`, `/s/{token}`, `/sign-out`, `/board`), wired to AWS. */
import { BoardService } from '../../shared/app/board-service';
import { SignInService } from '../../shared/app/sign-in-service';
import { awsCoreDeps, awsFailureStore, awsSessions } from '../../shared/aws/deps';
import { awsQueue } from '../../shared/aws/deps-sqs';
import { BOARD } from '../../shared/settings';
import { makeHandler } from './make-handler';

const core = awsCoreDeps();

export const handler = makeHandler({
  signIn: new SignInService({ ...core, sessions: awsSessions(), queue: awsQueue() }),
  board: new BoardService({ ...core, failureStore: awsFailureStore() }),
  config: core.config,
  cookie: { name: BOARD.sessionCookie, secure: true },
});
