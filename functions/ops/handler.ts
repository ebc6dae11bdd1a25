/** Lambda entry for the ops endpoints, wired to AWS. */
import { DeadlineService } from '../../shared/app/deadline-service';
import { FollowUpService } from '../../shared/app/follow-up-service';
import { OpsService } from '../../shared/app/ops-service';
import { ReviewService } from '../../shared/app/review-service';
import {
  awsClaims,
  awsConfigWriter,
  awsCoreDeps,
  awsFailureStore,
  awsFailures,
  awsMetrics,
  awsTokens,
} from '../../shared/aws/deps';
import { awsTimers } from '../../shared/aws/deps-scheduler';
import { awsMessaging } from '../../shared/aws/deps-sns';
import { awsQueue, awsRedriver } from '../../shared/aws/deps-sqs';
import { publishingMetrics } from '../../shared/aws/lambda';
import { makeHandler } from './make-handler';

const core = { ...awsCoreDeps(), queue: awsQueue(), metrics: awsMetrics(), failures: awsFailures() };

export const handler = publishingMetrics(
  makeHandler({
    ops: new OpsService({
      ...core,
      failureStore: awsFailureStore(),
      deadlines: new DeadlineService(core),
      followUps: new FollowUpService({
        ...core,
        // Timers are only created by the lead card (links); firing ones never creates any.
        get timers() {
          return awsTimers();
        },
      }),
      redriver: awsRedriver(),
    }),
    config: awsConfigWriter(),
    // The ops API only reads the reports; the sending parts are wired lazily (never built here).
    reviews: new ReviewService({
      ...core,
      get sms() {
        return awsMessaging().sms;
      },
      get email() {
        return awsMessaging().email;
      },
      get publicBaseUrl() {
        return awsMessaging().publicBaseUrl;
      },
      get tokens() {
        return awsTokens();
      },
      get claims() {
        return awsClaims();
      },
    }),
  }),
);
