/**
 * Lambda entry for the board and its sign-in (`/sign-in`, `/s/{token}`, `/sign-out`, `/board/...`), wired to
 * AWS. The board's actions use the same use cases as the ops API: `LeadsService` (complete, transfer) and
 * `OpsService` (retry failed handoffs, redrive the pipeline's dead-letter queues).
 */
import { BoardActionsService } from '../../shared/app/board-actions-service';
import { BoardService } from '../../shared/app/board-service';
import { DeadlineService } from '../../shared/app/deadline-service';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { FollowUpTimers } from '../../shared/app/follow-up-timers';
import { LeadsService } from '../../shared/app/leads-service';
import { OpsService } from '../../shared/app/ops-service';
import { RosterService } from '../../shared/app/roster-service';
import { SignInService } from '../../shared/app/sign-in-service';
import {
  awsAvailability,
  awsCoreDeps,
  awsFailureStore,
  awsFailures,
  awsMetrics,
  awsSessions,
} from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsQueue, awsRedriver } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { BOARD } from '../../shared/settings';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };
const dispatches = new DispatchRequester(core);
// Delete only: a close deletes the acceptance timer of the handoff it supersedes and pending follow-ups.
const timers = awsTimers();

export const handler = publishingMetrics(
  makeHandler({
    signIn: new SignInService({ ...core, sessions: awsSessions() }),
    board: new BoardService({ ...core, failureStore: awsFailureStore() }),
    actions: new BoardActionsService({
      ...core,
      timers,
      followUpTimers: new FollowUpTimers({ timers }),
      leads: new LeadsService({ ...core, dispatches }),
      retries: new OpsService({
        ...core,
        failureStore: awsFailureStore(),
        deadlines: new DeadlineService({ ...core, dispatches }),
        followUps: new FollowUpService(core),
        redriver: awsRedriver(),
      }),
    }),
    roster: new RosterService({ ...core, availability: awsAvailability() }),
    config: core.config,
    cookie: { name: BOARD.sessionCookie, secure: true },
  }),
);
