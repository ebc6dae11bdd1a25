import { makeHandler as makeAuthorizer } from '../functions/authorizer/make-handler';
import { makeHandler as makeBoard } from '../functions/board/make-handler';
import { makeHandler as makeDeadline } from '../functions/deadline/make-handler';
import { makeHandler as makeDispatcher } from '../functions/dispatcher/make-handler';
import { makeHandler as makeIntake } from '../functions/intake/make-handler';
import { makeHandler as makeLeads } from '../functions/leads/make-handler';
import { makeHandler as makeLinks } from '../functions/links/make-handler';
import { makeHandler as makeNotifier } from '../functions/notifier/make-handler';
import { makeHandler as makeOps } from '../functions/ops/make-handler';
import { makeHandler as makeReconciler } from '../functions/reconciler/make-handler';
import { makeHandler as makeReview } from '../functions/review/make-handler';
import { awayAwareConfig, CachedAvailability } from '../shared/app/away-aware-config';
import { BoardActionsService } from '../shared/app/board-actions-service';
import { BoardService } from '../shared/app/board-service';
import { DeadlineService } from '../shared/app/deadline-service';
import { DispatchRequester } from '../shared/app/dispatch-requester';
import { DispatchService } from '../shared/app/dispatch-service';
import { FailoverRequests } from '../shared/app/failover-requests';
import { FailureService } from '../shared/app/failure-service';
import { FollowUpService } from '../shared/app/follow-up-service';
import { FollowUpTimers } from '../shared/app/follow-up-timers';
import { HandoffFailover } from '../shared/app/handoff-failover';
import { IdleService } from '../shared/app/idle-service';
import { IntakeService } from '../shared/app/intake-service';
import { LeadsService } from '../shared/app/leads-service';
import { LinkIssuer } from '../shared/app/link-issuer';
import { LinkService } from '../shared/app/link-service';
import { MAX_PACED_WAIT_MS, NotificationService } from '../shared/app/notification-service';
import { OpsService } from '../shared/app/ops-service';
import { optOutAwareSms } from '../shared/app/opt-out-sms';
import { ReconcilerService } from '../shared/app/reconciler-service';
import { ReviewService } from '../shared/app/review-service';
import { RosterService } from '../shared/app/roster-service';
import { SignInSender } from '../shared/app/sign-in-sender';
import { SignInService } from '../shared/app/sign-in-service';
import { StaticKeyDirectory } from '../shared/aws/api-key-directory';
import { DynamoAvailability } from '../shared/aws/dynamo-availability';
import { DynamoClaimStore } from '../shared/aws/dynamo-claims';
import { DynamoCustomerSmsLimits } from '../shared/aws/dynamo-customer-sms-limits';
import { DynamoFailureStore } from '../shared/aws/dynamo-failure-store';
import { DynamoLeadStore, makeDocumentClient } from '../shared/aws/dynamo-lead-store';
import { DynamoSendPacer } from '../shared/aws/dynamo-send-pacer';
import { DynamoSessionStore } from '../shared/aws/dynamo-session-store';
import { DynamoTokenStore } from '../shared/aws/dynamo-token-store';
import { makeIdempotencyStore } from '../shared/aws/idempotency';
import { MemoryMetricSink } from '../shared/aws/powertools-metrics';
import { systemClock } from '../shared/clock';
import { nextDailyReviewAt, nextWeeklyReportAt } from '../shared/domain/review-schedule';
import type { TimerPayload } from '../shared/domain/timer-payloads';
import { randomIds } from '../shared/ids';
import type { SendPacer } from '../shared/ports';
import { AWAY_CACHE_SECONDS, BOARD, DEADLINE_RETRY, QUEUE_SETTINGS, RECONCILER } from '../shared/settings';
import { refusedDemoForm } from '../shared/web/demo-form';
import { LOCAL_KEYS, type LocalApp, type LocalAppOptions, type LocalDeps } from './app-types';
import { faultyEmail, faultyQueue, faultySms, faultyTimers } from './faults';
import { configFiles, FileConfigSource } from './file-config-source';
import { LocalGateway } from './gateway';
import { localHooks } from './hooks';
import { lambdaContext } from './lambda-context';
import { LocalEmailSender, LocalOutbox, LocalSmsSender } from './outbox';
import { LocalQueue, LocalQueues } from './queues';
import { FileConfigWriter, LocalDeadLetterReader, LocalRedriver } from './recovery';
import { LocalRuntime } from './runtime';
import { LocalScheduler } from './scheduler';
import { localSmsContacts, localSmsInbound } from './sms-inbound';

export type { LocalApp, LocalAppOptions, LocalDeps } from './app-types';
export { LOCAL_KEYS } from './app-types';

export const createLocalApp = (options: LocalAppOptions): LocalApp => {
  const clock = options.clock ?? systemClock;
  const { faults } = options;
  faults?.attachTo(options.client);
  const doc = makeDocumentClient(options.client);
  // Who is away lives in the table, as on AWS; every config load merges it in.
  const availability = new CachedAvailability(
    new DynamoAvailability(doc, options.tableName),
    clock,
    AWAY_CACHE_SECONDS,
  );
  const config = awayAwareConfig(
    options.config ?? new FileConfigSource(configFiles(options.configDir ?? 'config')),
    availability,
  );
  const queues = new LocalQueues(clock, QUEUE_SETTINGS);
  // A failing deadline function is retried as Lambda retries async invocations, then lands in the
  // function's on-failure destination (`deadline-failures` on AWS).
  const schedulerDeadLetter = new LocalQueue('deadline-failures', { visibilityTimeoutSeconds: 30 }, clock);
  const scheduler = new LocalScheduler(clock, {
    maxRetries: DEADLINE_RETRY.lambdaAsyncRetries,
    retryDelaySeconds: DEADLINE_RETRY.lambdaRetryDelaySeconds,
    deadLetter: schedulerDeadLetter,
  });
  const outbox = new LocalOutbox();
  let smsPerSecond = 1;
  const sms = new LocalSmsSender(outbox, clock, () => smsPerSecond);
  const metrics = new MemoryMetricSink();
  let publicBaseUrl = options.publicBaseUrl ?? 'http://localhost:3000';
  const localPacer = async () => {
    const { messaging } = (await config.load()).business;
    smsPerSecond = messaging.smsPerSecond;
    return new DynamoSendPacer(doc, options.tableName, {
      perSecond: messaging.smsPerSecond,
      share: messaging.standardLaneShare,
    });
  };
  const pacer: SendPacer = {
    // The pacer follows the business settings, which can change while running.
    tryAcquire: async (now) => (await localPacer()).tryAcquire(now),
    reserve: async (now, maxWaitMs) => (await localPacer()).reserve(now, maxWaitMs),
  };
  const store = new DynamoLeadStore(doc, options.tableName);
  const failureStore = new DynamoFailureStore(doc, options.tableName);
  const failures = new FailureService({ store, clock, metrics, failures: failureStore });
  const schedulerDlq = new LocalQueue('scheduler-dlq', { visibilityTimeoutSeconds: 30 }, clock);
  const queue = faults ? faultyQueue(queues, faults) : queues;
  const timers = faults ? faultyTimers(scheduler, faults) : scheduler;
  const tokens = new DynamoTokenStore(doc, options.tableName);
  const sessions = new DynamoSessionStore(doc, options.tableName);
  const contacts = localSmsContacts(doc, options.tableName);
  const deps: LocalDeps = {
    store,
    failures,
    failureStore,
    config,
    clock,
    ids: options.ids ?? randomIds,
    queue,
    timers,
    // A number that replied STOP gets no SMS (docs/product-rules.md §12).
    sms: optOutAwareSms(faults ? faultySms(sms, faults) : sms, contacts),
    email: faults
      ? faultyEmail(new LocalEmailSender(outbox, clock), faults)
      : new LocalEmailSender(outbox, clock),
    tokens,
    pacer,
    metrics,
    // The runtime is built below; handlers only run once it exists.
    sleep: (ms: number) => runtime.sleep(ms),
    pacedWaitMs: () => runtime.sleepableMs(MAX_PACED_WAIT_MS),
    get publicBaseUrl() {
      return publicBaseUrl;
    },
    dispatches: new DispatchRequester({ queue, metrics }),
    linkIssuer: new LinkIssuer({
      tokens,
      clock,
      get publicBaseUrl() {
        return publicBaseUrl;
      },
    }),
    followUpTimers: new FollowUpTimers({ timers }),
    availability,
  };
  // A handoff SMS that failed (send or carrier report): its email, or the next step, at once (§12);
  // asked on the dispatch queue and run by the dispatcher, as on AWS.
  const failover = new FailoverRequests(deps);
  const deadlines = new DeadlineService(deps);
  const followUps = new FollowUpService(deps);
  const idles = new IdleService(deps);
  const claims = new DynamoClaimStore(doc, options.tableName);
  const reviews = new ReviewService({ ...deps, claims });
  const reconciler = new ReconcilerService({
    ...deps,
    deadlines,
    followUps,
    idles,
    deadLetters: new LocalDeadLetterReader({
      'deadline-failures': schedulerDeadLetter,
      'scheduler-dlq': schedulerDlq,
    }),
  });
  const intake = new IntakeService(deps);
  const leads = new LeadsService(deps);
  const ops = new OpsService({ ...deps, deadlines, followUps, redriver: new LocalRedriver(queues) });
  const gateway = new LocalGateway(
    {
      intake: makeIntake({
        intake,
        idempotency: makeIdempotencyStore(options.client, options.tableName, 'intake'),
        config,
        formPage: async (refused) => refusedDemoForm(await deps.config.load(), refused),
      }),
      leads: makeLeads({ leads, board: new BoardService(deps) }),
      links: makeLinks({ links: new LinkService(deps) }),
      ops: makeOps({
        ops,
        config: new FileConfigWriter(options.configDir ?? 'config'),
        reviews,
        unknownSms: contacts,
      }),
      board: makeBoard({
        signIn: new SignInService({ ...deps, sessions }),
        board: new BoardService(deps),
        actions: new BoardActionsService({ ...deps, leads, retries: ops }),
        roster: new RosterService(deps),
        config,
        // Plain http locally: a `__Host-` cookie must be Secure, so the local runner uses its own name.
        cookie: { name: BOARD.localSessionCookie, secure: false },
      }),
      hooks: localHooks({
        doc,
        tableName: options.tableName,
        configDir: options.configDir ?? 'config',
        capture: intake,
        failures: deps.failures,
        clock,
        config,
        publicBaseUrl: () => publicBaseUrl,
      }),
    },
    makeAuthorizer({ keys: new StaticKeyDirectory(LOCAL_KEYS) }),
  );
  const dispatcher = makeDispatcher({
    dispatch: new DispatchService(deps),
    failover: new HandoffFailover(deps),
  });
  const notifier = makeNotifier({
    notifications: new NotificationService({
      ...deps,
      customerSms: new DynamoCustomerSmsLimits(doc, options.tableName),
      failover,
    }),
    signInLinks: new SignInSender({
      ...deps,
      sessions,
      claims,
      get publicBaseUrl() {
        return publicBaseUrl;
      },
    }),
  });
  const deadline = makeDeadline({ deadlines, followUps, idles });
  const smsInbound = localSmsInbound(deps, contacts, clock, failover);
  const reconcile = makeReconciler({ reconciler });
  const review = makeReview({ reviews });
  const consumer = (name: keyof typeof QUEUE_SETTINGS, functionName: string, handler: typeof notifier) => ({
    queue: queues.queues[name],
    functionName,
    handler,
    batchSize: QUEUE_SETTINGS[name].batchSize,
  });
  const runtime = new LocalRuntime({
    scheduler,
    now: () => clock.now().getTime(),
    recurring: [
      { name: 'reconciler', everySeconds: RECONCILER.everyMinutes * 60, run: () => reconcile({}) },
      {
        name: 'daily-review',
        next: async (after) => nextDailyReviewAt(new Date(after), (await config.load()).business).getTime(),
        run: () => review({ kind: 'daily_review' }),
      },
      {
        name: 'weekly-report',
        next: async (after) => nextWeeklyReportAt(new Date(after), (await config.load()).business).getTime(),
        run: () => review({ kind: 'weekly_report' }),
      },
    ],
    consumers: [
      consumer('notify-urgent', 'notifier', notifier),
      smsInbound.consumer,
      consumer('dispatch', 'dispatcher', dispatcher),
      consumer('notify-standard', 'notifier', notifier),
    ],
    deadline: (payload: TimerPayload) => {
      if (faults?.shouldFail('deadline')) return Promise.reject(new Error('deadline function timed out'));
      return deadline(payload, lambdaContext('deadline'));
    },
  });
  return {
    deps,
    gateway,
    runtime,
    queues,
    scheduler,
    schedulerDeadLetter,
    schedulerDlq,
    reconciler,
    reviews,
    outbox,
    sms,
    smsInbound,
    metrics,
    setPublicBaseUrl: (url) => {
      publicBaseUrl = url;
    },
  };
};
