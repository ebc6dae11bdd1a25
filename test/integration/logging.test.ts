/**
 * docs/product-rules.md §10 "no personal data (phone, email, name) in logs", proved on what a full scenario actually
 * prints: every byte written to stdout/stderr (and every console call) while the local runner takes
 * leads through intake, routing, notifications, failures, the ladder, links and a transfer.
 */
import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { makeHandler as makeDeadlineHandler } from '../../functions/deadline/make-handler';
import { lambdaContext } from '../../local/lambda-context';
import type { DeadlineService } from '../../shared/app/deadline-service';
import type { FollowUpService } from '../../shared/app/follow-up-service';
import type { IdleService } from '../../shared/app/idle-service';
import type { Lead } from '../../shared/domain/lead';
import { DeliveryError } from '../../shared/errors';
import { logger, withLeadContext } from '../../shared/observability';
import { sqsConsumer } from '../../shared/sqs-consumer';
import { KEYS, type LocalApi, startLocalApi, storedLeadIds } from '../support/local-api';
import { acceptLink, getLead, handoffChain, IN_HOURS, linkForLead, rejectLink } from '../support/scenario';

type LogLine = Record<string, unknown>;

/** Everything the process prints while `capture` is on: stream writes and console calls. */
const startCapture = () => {
  const chunks: string[] = [];
  const keep = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep as typeof process.stderr.write),
    ...consoleMethods.map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        chunks.push(`${format(...args)}\n`);
      }),
    ),
  ];
  const previousLevel = logger.getLevelName();
  logger.setLogLevel('DEBUG');
  return {
    text: () => chunks.join(''),
    stop: () => {
      logger.setLogLevel(previousLevel);
      for (const spy of spies) spy.mockRestore();
    },
  };
};

/** The JSON lines of the captured output (a line that is not JSON fails the test that reads it). */
const jsonLines = (text: string): LogLine[] =>
  text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as LogLine);

// The people in the scenario, with what each one told the business.
const CUSTOMERS = {
  emergency: {
    fullName: 'Margaret Thornton',
    lastName: 'Thornton',
    phone: '+1 (512) 555-0142',
    e164: '+15125550142',
    email: 'margaret.thornton@gmail.example.com',
    serviceAddress: '1207 Bramblewood Dr, Round Rock TX 78664',
    street: 'Bramblewood',
    notes: 'Burst pipe flooding the basement, call my daughter Olivia at 512.555.0177 if I do not answer',
    extraPhone: '+15125550177',
  },
  accepted: {
    fullName: 'Desmond Okonkwo-Reyes',
    lastName: 'Okonkwo-Reyes',
    phone: '512-555-0163',
    e164: '+15125550163',
    email: 'desmond.or@outlook.example.com',
    serviceAddress: '88 Pecan Hollow Ln, Round Rock TX 78681',
    street: 'Pecan Hollow',
    notes: 'Water heater pilot keeps going out since the storm',
    referredBy: 'Referred by his neighbour Gloria Villanueva',
  },
  rejected: {
    fullName: 'Yusuf Abernathy',
    lastName: 'Abernathy',
    phone: '(512) 555-0184',
    e164: '+15125550184',
    email: 'yabernathy@proton.example.com',
    serviceAddress: '3400 Quarry Ridge Blvd Apt 12, Round Rock TX 78665',
    street: 'Quarry Ridge',
    notes: 'Slow drain in the upstairs bathroom, tenant lives there',
  },
  transferred: {
    fullName: 'Ingrid Falkenrath',
    lastName: 'Falkenrath',
    phone: '5125550191',
    e164: '+15125550191',
    email: 'ingrid.falkenrath@yahoo.example.com',
    serviceAddress: '15 Sunflower Ct, Round Rock TX 78664',
    street: 'Sunflower',
    notes: 'Garbage disposal jammed and leaking, gate code 4471',
  },
  incomplete: {
    fullName: 'Beatriz Fonseca-Lind',
    lastName: 'Fonseca-Lind',
    phone: '512.555.0128',
    e164: '+15125550128',
    email: 'bea.fonseca@icloud.example.com',
    serviceAddress: '702 Wildflower Trail, Round Rock TX 78660',
    street: 'Wildflower Trail',
    notes: 'Caller hung up before giving the address; said the kitchen faucet sprays everywhere',
  },
  malformed: {
    fullName: 'Harold Quisenberry',
    lastName: 'Quisenberry',
    phone: '512-555-01',
    email: 'harold.quisenberry@',
    serviceAddress: '9 Lantana Path, Round Rock TX 78664',
    street: 'Lantana',
    notes: 'Please call Harold after 5, the dog bites',
  },
} as const;
const REJECTION_TEXT = 'Customer says to call his wife Fatima at 512-555-0116 instead, she handles the house';
const TRANSFER_REASON = 'Tomás Vega is out sick; Kelly Nguyen covers Round Rock plumbing today';

const roster = JSON.parse(readFileSync('config/roster.example.json', 'utf8')) as {
  people: { name: string; phone: string; email: string }[];
};

/** Every way a phone number could show up in text: E.164, 10 digits, and the national formats. */
const phoneForms = (e164: string): string[] => {
  const national = e164.replace(/^\+1/, '');
  const [area, exchange, line] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
  return [
    e164,
    national,
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `${exchange}-${line}`,
    `${exchange}.${line}`,
  ];
};

const CUSTOMER_SECRETS: string[] = Object.values(CUSTOMERS).flatMap((c) => [
  c.fullName,
  c.lastName,
  c.email,
  c.serviceAddress,
  c.street,
  c.notes,
  c.phone,
  ...('e164' in c ? phoneForms(c.e164) : []),
  ...('extraPhone' in c ? phoneForms(c.extraPhone) : []),
  ...('referredBy' in c ? [c.referredBy, 'Villanueva'] : []),
]);
const FREE_TEXT_SECRETS = [REJECTION_TEXT, 'Fatima', ...phoneForms('+15125550116'), TRANSFER_REASON];
const STAFF_SECRETS: string[] = roster.people.flatMap((p) => [
  p.name,
  p.name.split(' ').at(-1) ?? p.name,
  p.email,
  ...phoneForms(p.phone),
]);

/** Secrets are matched whole: a run of digits inside a longer id is not a phone number. */
const occursIn = (text: string, secret: string): boolean => {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`).test(text);
};

describe('logs of a full scenario (docs/product-rules.md §10)', () => {
  let api: LocalApi;
  let output = '';
  const ids: Record<string, string> = {};
  let malformedStatus = 0;
  let leads: Record<string, Lead> = {};

  beforeAll(async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const capture = startCapture();
    try {
      // Act
      api.app.sms.optedOut.add('+15125550103'); // Marco, second on the emergency ladder
      const post = async (key: string, body: Record<string, unknown>, form = false) => {
        const res = await api.request('POST', '/leads', { key, body, form });
        if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
        return res.json.leadId as string;
      };
      const { emergency, accepted, rejected, transferred, incomplete, malformed } = CUSTOMERS;
      const contact = (c: (typeof CUSTOMERS)[keyof typeof CUSTOMERS]) => ({
        fullName: c.fullName,
        phone: c.phone,
        email: c.email,
        serviceAddress: c.serviceAddress,
        notes: c.notes,
      });

      malformedStatus = (
        await api.request('POST', '/leads', {
          key: KEYS.webForm,
          body: { ...contact(malformed), urgency: 'whenever', serviceType: 'plumbing_repair' },
        })
      ).status;
      ids.emergency = await post(KEYS.phone, {
        ...contact(emergency),
        serviceType: 'plumbing_repair',
        urgency: 'emergency',
        externalId: 'call-7731',
        consent: { sms: true, email: true },
      });
      api.app.sms.throttleNext(2);
      ids.accepted = await post(
        KEYS.webForm,
        {
          ...contact(accepted),
          referredBy: accepted.referredBy,
          serviceType: 'water_heater',
          urgency: 'standard',
          'consent.sms': 'true',
          'consent.email': 'true',
        },
        true,
      );
      ids.rejected = await post(KEYS.webForm, {
        ...contact(rejected),
        serviceType: 'drain_cleaning',
        urgency: 'standard',
        consent: { sms: true, email: false },
      });
      ids.transferred = await post(KEYS.webForm, {
        ...contact(transferred),
        serviceType: 'plumbing_repair',
        urgency: 'standard',
        consent: { sms: false, email: true },
      });
      ids.incomplete = await post(KEYS.phone, {
        fullName: incomplete.fullName,
        phone: incomplete.phone,
        notes: incomplete.notes,
        externalId: 'call-7744',
      });
      await api.advance(120); // throttled SMS retried, paced SMS delivered

      // The current recipient's link (by email: standard-lane SMS are paced).
      const link = async (id: string) => {
        const recipient = (await getLead(api, id)).handoff?.to.id ?? '';
        return linkForLead(api, recipient, id, 'email');
      };
      await acceptLink(api, await link(ids.accepted));
      await rejectLink(api, await link(ids.rejected), 'other', REJECTION_TEXT);
      await acceptLink(api, await link(ids.transferred));
      await api.request('POST', `/leads/${ids.transferred}/transfer`, {
        key: KEYS.ops,
        body: { to: 'kelly', reason: TRANSFER_REASON },
      });
      await api.advance(61);
      await acceptLink(api, await link(ids.transferred));
      await api.request('PATCH', `/leads/${ids.incomplete}`, {
        key: KEYS.ops,
        body: {
          email: incomplete.email,
          serviceAddress: incomplete.serviceAddress,
          serviceType: 'plumbing_repair',
          urgency: 'standard',
          consent: { sms: true, email: true },
        },
      });
      await api.advance(16 * 60); // the emergency climbs the ladder; unaccepted standard leads escalate
      leads = Object.fromEntries(
        await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await getLead(api, id)] as const)),
      );
    } finally {
      capture.stop();
      output = capture.text();
    }
  });

  afterAll(async () => {
    await api.stop();
  });

  it('ran every path the scenario is about', async () => {
    // Assess
    expect(malformedStatus).toBe(400);
    expect(await storedLeadIds(api)).toHaveLength(5);
    expect(handoffChain(leads.emergency as Lead).length).toBeGreaterThanOrEqual(3);
    expect(leads.emergency?.timeline.some((e) => e.type === 'notification_failed')).toBe(true);
    expect(leads.accepted?.status).toBe('accepted');
    expect(leads.rejected?.timeline.some((e) => e.type === 'rejected')).toBe(true);
    expect(leads.transferred?.owner?.id).toBe('kelly');
    expect(handoffChain(leads.incomplete as Lead)[0]).toBe('irene');
    expect(leads.incomplete?.timeline.some((e) => e.type === 'lead_completed')).toBe(true);
  });

  it('prints structured JSON log lines', () => {
    // Assess
    const lines = jsonLines(output);
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.every((line) => typeof line.level === 'string' && typeof line.message === 'string')).toBe(
      true,
    );
  });

  it('correlates every lead: it has log lines, and every line that names a lead carries it as leadId', () => {
    // Assess
    const lines = jsonLines(output);
    for (const id of Object.values(ids)) {
      expect(lines.filter((line) => line.leadId === id).length, id).toBeGreaterThan(0);
      const naming = lines.filter((line) => JSON.stringify(line).includes(id));
      expect(naming.filter((line) => line.leadId !== id)).toEqual([]);
    }
  });

  it('carries the gateway request id as correlation id on API lines, and only while the request runs', () => {
    // Assess
    const lines = jsonLines(output);
    const refused = lines.find((line) => line.message === 'Request refused');
    expect(refused).toMatchObject({
      function_name: 'intake',
      correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const dispatched = lines.filter((line) => line.message === 'Handoff dispatched');
    expect(dispatched.length).toBeGreaterThan(0);
    expect(dispatched.filter((line) => 'correlation_id' in line)).toEqual([]);
  });

  it('contains no customer name, phone, email, address or notes', () => {
    // Assess
    expect(CUSTOMER_SECRETS.filter((secret) => occursIn(output, secret))).toEqual([]);
  });

  it('contains no rejection or transfer free text', () => {
    // Assess
    expect(FREE_TEXT_SECRETS.filter((secret) => occursIn(output, secret))).toEqual([]);
  });

  it('contains no staff name, phone or email from the roster', () => {
    // Assess
    expect(STAFF_SECRETS.length).toBe(roster.people.length * 10);
    expect(STAFF_SECRETS.filter((secret) => occursIn(output, secret))).toEqual([]);
  });

  it('contains no handoff link token', () => {
    // Assess
    const links = api.app.outbox.list().flatMap((m) => (m.link ? [m.link] : []));
    const tokens = links.map((link) => new URL(link).pathname.split('/').pop() ?? '');
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.filter((token) => output.includes(token))).toEqual([]);
  });
});

describe('the product logger', () => {
  it('masks personal data a careless call passes, including in errors', () => {
    // Prepare
    const capture = startCapture();

    // Act
    try {
      logger.warn('Send failed for +15125550142', {
        leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2',
        lead: { fullName: 'Margaret Thornton', phone: '+15125550142', email: 'm@t.example.com', seq: 2 },
        error: new DeliveryError('Phone number +15125550142 is opted out', 'opted_out', true),
      });
    } finally {
      capture.stop();
    }

    // Assess
    const [line] = jsonLines(capture.text());
    expect(line).toMatchObject({
      level: 'WARN',
      message: 'Send failed for [phone]',
      leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2',
      lead: { fullName: '[redacted]', phone: '[redacted]', email: '[redacted]', seq: 2 },
      error: { name: 'DeliveryError', message: 'Phone number [phone] is opted out', reason: 'opted_out' },
    });
    expect(capture.text()).not.toContain('5550142');
  });

  it('masks persistent keys too', () => {
    // Prepare
    const capture = startCapture();
    logger.appendPersistentKeys({ customerEmail: 'someone@example.com' });

    // Act
    try {
      logger.info('hello');
    } finally {
      logger.removePersistentKeys(['customerEmail']);
      capture.stop();
    }

    // Assess
    expect(jsonLines(capture.text())[0]?.customerEmail).toBe('[email]');
  });

  it('adds the lead id to every line logged inside withLeadContext, and only there', async () => {
    // Prepare
    const capture = startCapture();

    // Act
    try {
      await withLeadContext('01KAB2C3D4E5F6G7H8J9K0M1N2', async () => {
        await Promise.resolve();
        logger.info('inside');
      });
      logger.info('outside');
    } finally {
      capture.stop();
    }

    // Assess
    const lines = jsonLines(capture.text());
    expect(lines.map((line) => [line.message, line.leadId])).toEqual([
      ['inside', '01KAB2C3D4E5F6G7H8J9K0M1N2'],
      ['outside', undefined],
    ]);
  });

  it('tags every line a deadline invocation logs with the lead of its timer', async () => {
    // Prepare
    const deadlines = {
      onDeadline: async () => {
        logger.info('checking the handoff');
        return 'no_change' as const;
      },
    } as unknown as DeadlineService;
    const handler = makeDeadlineHandler({
      deadlines,
      followUps: {} as unknown as FollowUpService,
      idles: {} as unknown as IdleService,
    });
    const capture = startCapture();

    // Act
    try {
      await handler(
        { kind: 'acceptance_deadline', leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2', seq: 2 },
        lambdaContext('deadline'),
      );
    } finally {
      capture.stop();
    }

    // Assess
    expect(jsonLines(capture.text())).toMatchObject([
      { message: 'checking the handoff', leadId: '01KAB2C3D4E5F6G7H8J9K0M1N2', function_name: 'deadline' },
    ]);
  });

  it('keeps each record of an SQS batch handled in parallel on its own lead id', async () => {
    // Prepare
    const leadIds = [
      '01KAB2C3D4E5F6G7H8J9K0M1N2',
      '01KAB2C3D4E5F6G7H8J9K0M1N3',
      '01KAB2C3D4E5F6G7H8J9K0M1N4',
    ];
    const consumer = sqsConsumer(z.object({ leadId: z.string(), marker: z.number() }), async ({ marker }) => {
      logger.info('before wait', { marker });
      await new Promise((resolve) => setTimeout(resolve, (3 - marker) * 5));
      logger.info('after wait', { marker });
    });
    const event = {
      Records: leadIds.map((leadId, marker) => ({
        messageId: `m-${marker}`,
        body: JSON.stringify({ leadId, marker }),
        attributes: { ApproximateReceiveCount: '1' },
        eventSource: 'aws:sqs',
      })),
    } as unknown as SQSEvent;
    const capture = startCapture();

    // Act
    try {
      await consumer(event, lambdaContext('notifier'));
    } finally {
      capture.stop();
    }

    // Assess
    const lines = jsonLines(capture.text());
    expect(lines).toHaveLength(6);
    expect(lines.every((line) => line.leadId === leadIds[line.marker as number])).toBe(true);
    expect(lines.every((line) => line.function_name === 'notifier')).toBe(true);
  });
});
