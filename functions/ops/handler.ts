/** Lambda entry for the ops endpoints, wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { DispatchRequester } from '../../shared/app/dispatch-requester';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { LinkIssuer } from '../../shared/app/link-issuer';
import { OpsService } from '../../shared/app/ops-service';
import { ReviewService } from '../../shared/app/review-service';
import {
  awsClaims,
  awsConfigWriter,
  awsCoreDeps,
  awsFailureStore,
  awsFailures,
  awsMetrics,
  awsSmsContacts,
  awsTokens,
  once,
} from '../../shared/aws/deps';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { awsQueue, awsRedriver } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { ConfigError } from '../../shared/errors';
import type { SmsSender } from '../../shared/ports';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

/** The review links of a digest: only built when a digest is sent (never by the ops API). */
const reviewLinks = once(
  () =>
    new LinkIssuer({ tokens: awsTokens(), clock: core.clock, publicBaseUrl: awsMessaging().publicBaseUrl }),
);

export const handler = publishingMetrics(
  makeHandler({
    ops: new OpsService({
      ...core,
      failureStore: awsFailureStore(),
      deadlines: new DeadlineService({ ...core, dispatches: new DispatchRequester(core) }),
      followUps: new FollowUpService(core),
      redriver: awsRedriver(),
    }),
    config: awsConfigWriter(),
    unknownSms: awsSmsContacts(),
    // The ops API only reads the reports; the sending parts are wired lazily (never built here). It has
    // no SMS sender at all (no End User Messaging client to load, no grant): the review function texts.
    reviews: new ReviewService({
      ...core,
      get sms(): SmsSender {
        throw new ConfigError('The ops function sends no SMS: the review function does');
      },
      get email() {
        return awsMessaging().email;
      },
      get linkIssuer() {
        return reviewLinks();
      },
      get claims() {
        return awsClaims();
      },
    }),
  }),
);
