/**
 * One lead per customer under concurrency (docs/product-rules.md §2, issue 14): parallel submissions
 * from one phone make one lead on real DynamoDB semantics — dynalite, and DynamoDB Local when Java is
 * present — and every submission's words end up on that lead. Before the phone marker, two parallel
 * submissions made two leads 7 times in 10, and 30 made 30.
 */
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type IntakeOutcome, IntakeService } from '../../shared/app/intake-service';
import { DynamoLeadStore, makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import type { Lead } from '../../shared/domain/lead';
import { randomIds } from '../../shared/ids';
import { engines, newTable, useEngine } from '../support/dynamo-engines';
import { fakeDeps } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';

const body = (phone: string, notes: string) => ({
  fullName: 'Ana Diaz',
  phone,
  serviceAddress: '12 Oak St, Austin TX 78704',
  serviceType: 'plumbing_repair',
  urgency: 'standard',
  notes,
  consent: { sms: true, email: false },
});

/** The same submission as a plain HTML form posts it (flat field names). */
const formBody = (phone: string, notes: string): Record<string, string> => {
  const { consent: _, ...fields } = body(phone, notes);
  return { ...fields, consentSms: 'true' };
};

/** Generous: 230 parallel submissions on an in-process engine, or on DynamoDB Local, on a busy machine. */
const SLOW_TEST_MS = 300_000;

/** What the customer said on each contact: the lead's own notes, then each repeat contact's summary. */
const saidOn = (lead: Lead): string =>
  [
    lead.notes ?? '',
    ...lead.timeline.filter((entry) => entry.type === 'contacted_again').map((entry) => entry.summary),
  ].join('\n');

describe.each(engines())('one lead per phone under concurrency on $name', ({ start }) => {
  const engine = useEngine(start);

  it(
    '100 phones × 2 parallel submissions and one phone × 30: one lead per phone, every submission on it',
    async () => {
      // Prepare
      const running = engine();
      const tableName = await newTable(running);
      // DynamoDB Local answers writes that wait too long for its own lock with a 500 that "will succeed in
      // actual DynamoDB". So its client keeps at most 16 requests in flight (the 230 submissions still
      // run at once and interleave) and retries a 500 more often than the SDK's default 3 attempts.
      const client = new DynamoDBClient({
        endpoint: running.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 10,
        requestHandler: {
          httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }),
          // Queued requests are the point here, not a warning.
          socketAcquisitionWarningTimeout: 600_000,
        },
      });
      onTestFinished(() => client.destroy());
      const store = new DynamoLeadStore(makeDocumentClient(client), tableName);
      const { deps, clock } = fakeDeps();
      const intake = new IntakeService({ ...deps, store, ids: randomIds });
      // One lead first, as a warm function has: its routing loads are cached, not read by all 230 at once.
      await intake.submit({ channel: 'web_form', format: 'json', body: body('+15125559999', 'warm-up') });
      const submissions = [
        ...Array.from({ length: 100 }, (_, n) => `+1512555${2000 + n}`).flatMap((phone) => [
          { phone, notes: `${phone} first click` },
          { phone, notes: `${phone} second click` },
        ]),
        ...Array.from({ length: 30 }, (_, n) => ({ phone: '+15125553000', notes: `impatient click ${n}` })),
      ];

      // Act
      const outcomes = await Promise.allSettled(
        submissions.map(({ phone, notes }) =>
          intake.submit({ channel: 'web_form', format: 'json', body: body(phone, notes) }),
        ),
      );

      // Assess: every submission answered, and all those from one phone with the same lead.
      const refused = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [String(outcome.reason)] : [],
      );
      expect(refused.join('\n')).toBe('');
      const byPhone = new Map<string, IntakeOutcome[]>();
      submissions.forEach(({ phone }, index) => {
        const outcome = outcomes[index];
        if (outcome?.status === 'fulfilled')
          byPhone.set(phone, [...(byPhone.get(phone) ?? []), outcome.value]);
      });
      expect(byPhone.size).toBe(101);
      for (const same of byPhone.values()) {
        expect(new Set(same.map((outcome) => outcome.view.leadId)).size).toBe(1);
        expect(same.filter((outcome) => outcome.kind === 'created')).toHaveLength(1);
      }
      // Exactly 101 leads were stored, one per phone (and the warm-up's).
      const now = clock.now().getTime();
      const created = await store.listCreated(
        new Date(now - 60_000).toISOString(),
        new Date(now + 60_000).toISOString(),
      );
      expect(created).toHaveLength(102);
      const leads = (await store.getMany(created.map((ref) => ref.leadId))).filter(
        (lead) => lead.phone !== '+15125559999',
      );
      expect(new Set(leads.map((lead) => lead.phone)).size).toBe(101);
      // Nothing lost: each submission's words are on its phone's lead, the others as repeat contacts.
      const leadOf = new Map(leads.map((lead) => [lead.phone, lead]));
      for (const { phone, notes } of submissions) {
        const lead = leadOf.get(phone);
        expect(lead && saidOn(lead)).toContain(notes);
      }
      const repeats = leads.map((lead) => lead.timeline.filter((e) => e.type === 'contacted_again').length);
      expect(repeats.reduce((sum, n) => sum + n, 0)).toBe(submissions.length - 101);
    },
    SLOW_TEST_MS,
  );
});

describe('double-submitted forms through the local runner', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('10 double clicks (form and JSON at once) make 10 leads, each answered once as created', async () => {
    // Prepare
    const phones = Array.from({ length: 10 }, (_, n) => `512-555-${4000 + n}`);

    // Act
    const answers = await Promise.all(
      phones.map((phone) =>
        Promise.all([
          api.request('POST', '/leads', { key: KEYS.webForm, body: formBody(phone, 'form'), form: true }),
          api.request('POST', '/leads', { key: KEYS.webForm, body: body(phone, 'json') }),
        ]),
      ),
    );

    // Assess
    for (const [form, json] of answers) {
      expect([form?.status, json?.status].sort()).toEqual([200, 201]);
      expect(form?.json.leadId).toBe(json?.json.leadId);
    }
    expect(new Set(answers.map(([form]) => form?.json.leadId)).size).toBe(10);
  });
});
