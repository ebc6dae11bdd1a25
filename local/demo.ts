/**
 * `npm run demo`: the whole handoff ladder in a few seconds, over HTTP, on the local runner.
 *
 * Starts the local runner on the manual clock (embedded dynalite, the example business, a free port),
 * posts an emergency, a standard and an estimate lead, moves the clock past two 5-minute acceptance
 * windows so the emergency escalates twice, accepts it through the link in its new owner's SMS,
 * sends the standard lead back to intake with a reason through its link, and prints each lead's
 * timeline. Everything goes through the HTTP API and the local-only endpoints (`/_local/...`), as a
 * person with curl would do it.
 */
import { pathToFileURL } from 'node:url';
import type { Lead, PersonRef } from '../shared/domain/lead';
import {
  actorLabel,
  describePerson,
  LEAD_STATUS_LABELS,
  MINUTE_MS,
  TIMELINE_LABELS,
  urgencyLabel,
} from '../shared/domain/wording';

/** Wed 10:00 AM in Austin: dispatch and the techs are on shift. */
export const DEMO_START = '2026-11-18T16:00:00Z';
const TABLE = 'lead-handoff-demo';
const WEB_FORM_KEY = 'local-web-form-key';
const OPS_KEY = 'local-ops-key';
const CONFIRMATIONS = ['saw_notes', 'understands_next_step', 'knows_deadline', 'enough_context'];

const LEADS = {
  emergency: {
    fullName: 'Ana Diaz',
    phone: '512-555-0199',
    email: 'ana@example.com',
    serviceAddress: '12 Oak St, Round Rock TX 78664',
    serviceType: 'plumbing_repair',
    urgency: 'emergency',
    notes: 'Burst pipe under the kitchen sink, water on the floor',
    promisedNextStep: 'We call back within 5 minutes',
    consent: { sms: true, email: true },
  },
  standard: {
    fullName: 'Boris Chen',
    phone: '(512) 555-0177',
    serviceAddress: '400 Main St, Round Rock TX 78664',
    serviceType: 'drain_cleaning',
    urgency: 'standard',
    notes: 'Shower drain is slow',
    consent: { sms: true, email: false },
  },
  estimate: {
    fullName: 'Cyrus Park',
    phone: '512-555-0142',
    email: 'cyrus@example.com',
    serviceAddress: '9 Elm St, Austin TX 78745',
    serviceType: 'hvac_install',
    urgency: 'estimate',
    notes: 'Wants a quote to replace a 20-year-old AC unit before summer',
    consent: { sms: true, email: true },
  },
} as const;

type DemoLead = keyof typeof LEADS;

export interface DemoResult {
  url: string;
  leads: Record<DemoLead, Lead>;
  /** Simulated minutes the clock moved. */
  minutes: number;
}

interface OutboxEntry {
  channel: 'sms' | 'email';
  recipientId: string;
  body: string;
  link?: string;
  sentAt: string;
}

const firstName = (lead: DemoLead): string => LEADS[lead].fullName.split(' ')[0] ?? '';

const pad = (text: string, width: number): string =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** A lead's timeline as aligned columns, in people's words: local time, what kind of entry, who, what. */
export const timelineTable = (lead: Lead, timeZone: string): string => {
  const time = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  const rows = lead.timeline.map((event) => [
    time.format(new Date(event.at)),
    TIMELINE_LABELS[event.type],
    actorLabel(event.actor),
    event.summary,
  ]);
  const header = ['time', 'event', 'by', 'what'];
  const widths = [8, Math.max(5, ...rows.map((r) => r[1]?.length ?? 0)), 18];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < widths.length ? pad(cell, widths[i] ?? 0) : cell)).join('  ');
  return [
    line(header),
    line(header.map((_h, i) => '─'.repeat(i < widths.length ? (widths[i] ?? 0) : 60))),
    ...rows.map(line),
  ].join('\n');
};

/** Runs the demo; `print` receives every line (default: the console). */
export const runDemo = async (print: (line: string) => void = console.log): Promise<DemoResult> => {
  // Loaded here so a caller's environment (log level) is settled before the logger is created.
  const [
    { createLocalApp },
    { startLocalDynamo },
    { FileConfigSource },
    { localPages },
    { ManualClock },
    { startServer },
  ] = await Promise.all([
    import('./app'),
    import('./dynamo-engine'),
    import('./file-config-source'),
    import('./local-pages'),
    import('./manual-clock'),
    import('./server'),
  ]);
  const dynamo = await startLocalDynamo({ tableName: TABLE });
  const clock = new ManualClock(DEMO_START);
  const app = createLocalApp({
    client: dynamo.client,
    tableName: TABLE,
    clock,
    config: new FileConfigSource({
      business: 'config/business.example.json',
      roster: 'config/roster.example.json',
    }),
  });
  const server = await startServer(app, {
    port: 0,
    pages: [localPages(app, clock)],
    settleAfterRequest: true,
  });
  const { url } = server;
  const { business } = await app.deps.config.load();
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone: business.timezone,
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });

  const call = async (
    method: string,
    path: string,
    init: { key?: string; json?: unknown; form?: [string, string][] } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (init.key) headers['x-api-key'] = init.key;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, text };
  };
  const expect = (what: string, status: number, wanted: number, text: string) => {
    if (status !== wanted)
      throw new Error(`${what}: HTTP ${status} (expected ${wanted}): ${text.slice(0, 300)}`);
  };
  const getLead = async (id: string): Promise<Lead> => {
    const res = await call('GET', `/leads/${id}`, { key: OPS_KEY });
    expect(`GET /leads/${id}`, res.status, 200, res.text);
    return JSON.parse(res.text) as Lead;
  };
  const advance = async (seconds: number) => {
    const res = await call('POST', '/_local/clock/advance', { json: { seconds } });
    expect('advance the clock', res.status, 200, res.text);
  };
  /** The newest handoff link the lead's current recipient got by SMS (found in the outbox, by customer name). */
  const currentLink = async (which: DemoLead, id: string): Promise<{ path: string; to: string }> => {
    const lead = await getLead(id);
    const to = lead.handoff?.to.id ?? '';
    const res = await call('GET', `/_local/outbox?recipientId=${encodeURIComponent(to)}`);
    expect('GET /_local/outbox', res.status, 200, res.text);
    const link = (JSON.parse(res.text) as OutboxEntry[])
      .filter((m) => m.channel === 'sms' && m.link && m.body.includes(firstName(which)))
      .at(-1)?.link;
    if (!link) throw new Error(`${to} got no SMS link for ${LEADS[which].fullName}`);
    return { path: new URL(link).pathname, to: lead.handoff?.to.name ?? to };
  };

  try {
    print(
      `Lead Handoff demo: local runner at ${url}, manual clock at ${local.format(clock.now())} (${business.timezone})\n`,
    );
    const ids = {} as Record<DemoLead, string>;
    for (const which of Object.keys(LEADS) as DemoLead[]) {
      const res = await call('POST', '/leads', { key: WEB_FORM_KEY, json: LEADS[which] });
      expect(`POST /leads (${which})`, res.status, 201, res.text);
      const view = JSON.parse(res.text) as {
        leadId: string;
        owner?: PersonRef;
        acceptBy?: string;
      };
      ids[which] = view.leadId;
      const by = view.acceptBy ? local.format(new Date(view.acceptBy)) : '–';
      print(
        `POST /leads  ${pad(which, 9)} ${pad(LEADS[which].fullName, 11)} → 201, handed to ${view.owner ? describePerson(view.owner) : 'nobody'}, accept by ${by}`,
      );
    }

    for (const step of [1, 2]) {
      await advance(5 * 60 + 1);
      const lead = await getLead(ids.emergency);
      print(
        `\nClock +5 min → ${local.format(clock.now())}: nobody accepted the emergency; escalation ${step}: now with ${lead.handoff ? describePerson(lead.handoff.to) : 'nobody'}`,
      );
    }

    const accept = await currentLink('emergency', ids.emergency);
    const page = await call('GET', accept.path);
    expect('open the emergency link', page.status, 200, page.text);
    const accepted = await call('POST', accept.path, {
      form: [['action', 'accept'], ...CONFIRMATIONS.map((c): [string, string] => ['confirm', c])],
    });
    expect('accept the emergency', accepted.status, 200, accepted.text);
    print(`\n${accept.to} opens the link in the SMS (GET ${accept.path.slice(0, 12)}…) and accepts it: 200`);

    const reject = await currentLink('standard', ids.standard);
    const rejected = await call('POST', reject.path, {
      form: [
        ['action', 'reject'],
        ['reason', 'missing_address'],
        ['text', 'No unit number: it is an apartment complex'],
      ],
    });
    expect('reject the standard lead', rejected.status, 200, rejected.text);
    print(`${reject.to} sends the standard lead back to intake: missing address ("No unit number"): 200`);

    const leads = {} as Record<DemoLead, Lead>;
    for (const which of Object.keys(LEADS) as DemoLead[]) {
      const lead = await getLead(ids[which]);
      leads[which] = lead;
      const waiting = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff.to.name : undefined;
      const where = waiting
        ? `${LEAD_STATUS_LABELS[lead.status].toLowerCase()}, waiting on ${waiting}`
        : `${LEAD_STATUS_LABELS[lead.status].toLowerCase()}${lead.owner ? ` by ${lead.owner.name}` : ''}`;
      print(`\n■ ${LEADS[which].fullName} (${urgencyLabel(lead.urgency).toLowerCase()}): ${where}`);
      print(timelineTable(lead, business.timezone));
    }
    const minutes = (clock.now().getTime() - Date.parse(DEMO_START)) / MINUTE_MS;
    print(
      `\n${Math.round(minutes)} simulated minutes. Messages sent: ${app.outbox.list().length} (see ${url}/_local/phone while it runs).`,
    );
    return { url, leads, minutes };
  } finally {
    await app.runtime.stop();
    await server.close();
    await dynamo.close();
  }
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Paced standard-lane SMS retry with a warning each time: only errors belong in the demo's output.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.POWERTOOLS_DEV ??= 'true';
  await runDemo();
}
