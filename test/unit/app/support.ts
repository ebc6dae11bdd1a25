/**
 * A whole pipeline on in-memory fakes for the app-service unit tests: the store fakes of
 * `test/support/fakes.ts`, plus small recording fakes of the ports that have none there (timers, SMS,
 * email, send pacer, redriver), and the collaborators the composition roots build (failure reports,
 * dispatch requests, link issuing, follow-up timers, the failover of a handoff SMS that failed). Leads are created the way production creates
 * them, through `IntakeService`, so each test starts from a real stored lead.
 */

import { ManualClock } from '../../../local/manual-clock';
import { DispatchRequester } from '../../../shared/app/dispatch-requester';
import { DispatchService } from '../../../shared/app/dispatch-service';
import { FailureService } from '../../../shared/app/failure-service';
import { FollowUpTimers } from '../../../shared/app/follow-up-timers';
import { HandoffFailover } from '../../../shared/app/handoff-failover';
import { IntakeService } from '../../../shared/app/intake-service';
import { LinkIssuer } from '../../../shared/app/link-issuer';
import { MemoryMetricSink } from '../../../shared/aws/powertools-metrics';
import type { AppConfig } from '../../../shared/domain/config';
import type { Lead } from '../../../shared/domain/lead';
import type { TimerPayload } from '../../../shared/domain/timer-payloads';
import { DeliveryError } from '../../../shared/errors';
import type {
  EmailMessage,
  EmailSender,
  NotifyMessage,
  Redriver,
  SendPacer,
  SmsMessage,
  SmsSender,
  TimerService,
} from '../../../shared/ports';
import type { QueueName } from '../../../shared/settings';
import { InMemoryCustomerSmsLimits } from '../../support/customer-sms-limits';
import {
  InMemoryFailureStore,
  InMemoryLeadStore,
  InMemoryTokenStore,
  RecordingQueue,
  sequentialIds,
  staticConfig,
} from '../../support/fakes';

/** Wednesday 2026-11-18, 10:00 in Austin (America/Chicago): business hours. */
export const WEDNESDAY_10AM = '2026-11-18T16:00:00Z';

/** `TimerService` in memory: the live timers by name, and every create and delete in order. */
export class RecordingTimers implements TimerService {
  readonly live = new Map<string, { at: string; payload: TimerPayload }>();
  readonly created: string[] = [];
  readonly cancelled: string[] = [];
  /** The next `n` calls to `schedule` throw (a Scheduler outage). */
  failNextSchedules = 0;

  async schedule(timer: { name: string; at: Date; payload: TimerPayload }): Promise<void> {
    if (this.failNextSchedules > 0) {
      this.failNextSchedules -= 1;
      throw new Error('scheduler unavailable');
    }
    this.created.push(timer.name);
    if (!this.live.has(timer.name)) {
      this.live.set(timer.name, { at: timer.at.toISOString(), payload: structuredClone(timer.payload) });
    }
  }

  async cancel(name: string): Promise<void> {
    this.cancelled.push(name);
    this.live.delete(name);
  }
}

/** `SmsSender` in memory: what was sent, and numbers that fail as a carrier would. */
export class RecordingSms implements SmsSender {
  readonly sent: SmsMessage[] = [];
  readonly optedOut = new Set<string>();
  /** The next `n` sends answer "throttled" (transient). */
  throttleNext = 0;

  async send(sms: SmsMessage): Promise<{ messageId: string }> {
    if (this.throttleNext > 0) {
      this.throttleNext -= 1;
      throw new DeliveryError('Rate exceeded', 'throttled', false);
    }
    if (this.optedOut.has(sms.to)) throw new DeliveryError('Phone number is opted out', 'opted_out', true);
    this.sent.push(structuredClone(sms));
    return { messageId: `sms-${this.sent.length}` };
  }
}

/** `EmailSender` in memory. */
export class RecordingEmail implements EmailSender {
  readonly sent: EmailMessage[] = [];

  async send(email: EmailMessage): Promise<{ messageId: string }> {
    this.sent.push(structuredClone(email));
    return { messageId: `email-${this.sent.length}` };
  }
}

/** A pacer with a free slot now, every time (pacing is tested against DynamoDB). */
export const freePacer: SendPacer = {
  tryAcquire: async () => true,
  reserve: async (now) => now,
};

/** `Redriver` that records which queues it was asked to redrive. */
export class RecordingRedriver implements Redriver {
  readonly redriven: QueueName[] = [];

  async redrive(queue: QueueName): Promise<{ started: boolean; detail: string }> {
    this.redriven.push(queue);
    return { started: true, detail: 'moved 0 messages' };
  }
}

export const BASE_URL = 'https://leads.example.test';

/** Every port as a fake, and the collaborators wired as `local/app.ts` wires them. */
export const pipeline = (start = WEDNESDAY_10AM, appConfig?: AppConfig) => {
  const clock = new ManualClock(start);
  const store = new InMemoryLeadStore();
  const queue = new RecordingQueue();
  const metrics = new MemoryMetricSink(clock);
  const timers = new RecordingTimers();
  const sms = new RecordingSms();
  const email = new RecordingEmail();
  const tokens = new InMemoryTokenStore();
  const failureStore = new InMemoryFailureStore();
  const config = staticConfig(appConfig);
  const failures = new FailureService({ store, clock, metrics, failures: failureStore });
  const base = {
    store,
    config,
    clock,
    ids: sequentialIds(),
    queue,
    timers,
    sms,
    email,
    tokens,
    pacer: freePacer,
    metrics,
    publicBaseUrl: BASE_URL,
    failures,
    failureStore,
    dispatches: new DispatchRequester({ queue, metrics }),
    linkIssuer: new LinkIssuer({ tokens, clock, publicBaseUrl: BASE_URL }),
    customerSms: new InMemoryCustomerSmsLimits(),
    followUpTimers: new FollowUpTimers({ timers }),
    sleep: async () => {},
    pacedWaitMs: () => 0,
  };
  // A failed handoff SMS falls over inline here (on AWS and locally the dispatcher runs it).
  const deps = { ...base, failover: new HandoffFailover(base) };
  return { deps, clock, store, queue, metrics, timers, sms, email, tokens, failureStore, failures };
};

export type Pipeline = ReturnType<typeof pipeline>;

/** A complete standard lead in South Austin (the example roster routes it to one named person). */
export const completeLead = {
  fullName: 'Ana Diaz',
  phone: '(512) 555-0199',
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes: 'Kitchen sink drains slowly',
  consent: { sms: true, email: false },
};

/** Submits a lead through intake and returns it as stored; the dispatch request it queued is cleared. */
export const submitLead = async (
  p: Pipeline,
  body: Record<string, unknown> = completeLead,
): Promise<Lead> => {
  const { view } = await new IntakeService(p.deps).submit({ channel: 'web_form', format: 'json', body });
  p.queue.sent.length = 0;
  const lead = await p.store.get(view.leadId);
  if (!lead) throw new Error(`lead ${view.leadId} was not stored`);
  return lead;
};

/** Runs the dispatch of the lead's pending handoff and clears what it queued and created. */
export const dispatchLead = async (p: Pipeline, lead: Lead): Promise<Lead> => {
  const seq = lead.handoff?.seq ?? 0;
  await new DispatchService(p.deps).dispatch(lead.id, seq);
  p.queue.sent.length = 0;
  p.timers.created.length = 0;
  p.timers.cancelled.length = 0;
  return stored(p, lead.id);
};

/** The stored lead (it must exist). */
export const stored = async (p: Pipeline, id: string): Promise<Lead> => {
  const lead = await p.store.get(id);
  if (!lead) throw new Error(`lead ${id} is not stored`);
  return lead;
};

/** The types of the lead's timeline entries, in order. */
export const timelineTypes = (lead: Lead): string[] => lead.timeline.map((event) => event.type);

/** The messages queued on `queue`. */
export const queued = (p: Pipeline, queue: QueueName) =>
  p.queue.sent.filter((sent) => sent.queue === queue).map((sent) => sent.message);

/** The notify messages queued on either notify lane. */
export const notifyMessages = (p: Pipeline): NotifyMessage[] =>
  p.queue.sent.flatMap((sent) => (sent.message.type === 'notify' ? [sent.message] : []));

/** A fresh handoff link token for the lead's current handoff recipient (as the notifier issues it). */
export const handoffToken = async (
  p: Pipeline,
  lead: Lead,
  recipientId = lead.handoff?.to.id,
): Promise<string> =>
  tokenOf(
    await p.deps.linkIssuer.issue(
      { leadId: lead.id, seq: lead.handoff?.seq ?? 0, recipientId: recipientId ?? '?' },
      24,
    ),
  );

/** The four confirmations the handoff page asks for. */
export const ALL_CONFIRMATIONS = ['saw_notes', 'understands_next_step', 'knows_deadline', 'enough_context'];

/** The token at the end of a link URL `<base>/h/<token>`. */
export const tokenOf = (url: string): string => {
  const token = /\/h\/([A-Za-z0-9_-]+)/.exec(url)?.[1];
  if (!token) throw new Error(`no link token in ${url}`);
  return token;
};
