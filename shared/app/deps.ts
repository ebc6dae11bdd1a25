/** The ports use cases need; handlers receive them from `shared/aws/deps.ts` or `local/`. */
import type { IdSource } from '../ids';
import type {
  Clock,
  ConfigSource,
  EmailSender,
  LeadStore,
  MetricSink,
  SendPacer,
  SmsSender,
  TimerService,
  TokenStore,
  WorkQueue,
} from '../ports';

export interface CoreDeps {
  store: LeadStore;
  config: ConfigSource;
  clock: Clock;
  ids: IdSource;
}

/** Everything the handoff pipeline (dispatch, notify, deadlines, links, transfers) needs. */
export interface PipelineDeps extends CoreDeps {
  queue: WorkQueue;
  timers: TimerService;
  sms: SmsSender;
  email: EmailSender;
  tokens: TokenStore;
  pacer: SendPacer;
  metrics: MetricSink;
  /** Base URL of the public API; links are `<publicBaseUrl>/h/<token>`. */
  publicBaseUrl: string;
}
