import { describe, expect, it } from 'vitest';
import { DeadlineService } from '../../../shared/app/deadline-service';
import { FollowUpService } from '../../../shared/app/follow-up-service';
import { OpsService } from '../../../shared/app/ops-service';
import type { FailureReport } from '../../../shared/domain/failures';
import type { Lead } from '../../../shared/domain/lead';
import { NotFoundError, ValidationError } from '../../../shared/errors';
import { completeLead, type Pipeline, pipeline, queued, RecordingRedriver, submitLead } from './support';

const setup = () => {
  const p = pipeline();
  const redriver = new RecordingRedriver();
  const ops = new OpsService({
    ...p.deps,
    deadlines: new DeadlineService(p.deps),
    followUps: new FollowUpService(p.deps),
    redriver,
  });
  return { ...p, ops, redriver };
};

const dispatchFailure = (lead: Lead): FailureReport => ({
  leadId: lead.id,
  seq: 1,
  kind: 'dispatch',
  what: 'dispatch of handoff #1',
  reason: 'Error after 5 attempt(s)',
  attempts: 5,
  retry: { type: 'dispatch', leadId: lead.id, seq: 1 },
});

const smsFailure = (lead: Lead): FailureReport => ({
  leadId: lead.id,
  seq: 1,
  kind: 'notification',
  what: 'SMS handoff request',
  reason: 'opted_out',
  attempts: 1,
  retry: { type: 'notify', leadId: lead.id, seq: 1, recipientId: 'dana', channel: 'sms', purpose: 'handoff' },
});

const reported = async (p: Pipeline, report: FailureReport): Promise<string> => {
  const failure = await p.failures.report(report);
  if (!failure) throw new Error('failure not recorded');
  return failure.id;
};

describe('OpsService', () => {
  it('lists the open failed handoffs, not the resolved ones', async () => {
    // Prepare
    const p = setup();
    const one = await submitLead(p);
    const two = await submitLead(p, { ...completeLead, phone: '(512) 555-0142' });
    const open = await reported(p, dispatchFailure(one));
    await p.failures.resolve(await reported(p, dispatchFailure(two)), 'fixed by hand');

    // Act
    const page = await p.ops.listFailures();

    // Assess
    expect(page.items.map((f) => f.id)).toEqual([open]);
  });

  it('retrying a failed dispatch queues it again, tagged with the record it retries', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const id = await reported(p, dispatchFailure(lead));

    // Act
    const result = await p.ops.retry(id);

    // Assess
    expect(result).toEqual({ id, outcome: 'queued' });
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 1, retryOf: id }]);
    expect((await p.failureStore.get(id))?.status).toBe('open');
  });

  it('retrying a failed notification queues it on its lane, tagged with the record it retries', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const id = await reported(p, smsFailure(lead));

    // Act
    const result = await p.ops.retry(id);

    // Assess
    expect(result.outcome).toBe('queued');
    expect(queued(p, 'notify-standard')).toEqual([
      {
        type: 'notify',
        leadId: lead.id,
        seq: 1,
        recipientId: 'dana',
        channel: 'sms',
        purpose: 'handoff',
        retryOf: id,
      },
    ]);
  });

  it('says already_resolved for a closed record and queues nothing', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const id = await reported(p, dispatchFailure(lead));
    await p.failures.resolve(id, 'fixed by hand');

    // Act
    const result = await p.ops.retry(id);

    // Assess
    expect(result).toEqual({ id, outcome: 'already_resolved' });
    expect(p.queue.sent).toEqual([]);
  });

  it('keeps the record open and says still_failing when the retry itself fails', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const id = await reported(p, dispatchFailure(lead));
    p.queue.send = async () => {
      throw new Error('SQS unavailable');
    };

    // Act
    const result = await p.ops.retry(id);

    // Assess
    expect(result).toMatchObject({ id, outcome: 'still_failing' });
    expect((await p.failureStore.get(id))?.status).toBe('open');
  });

  it('refuses a malformed id and answers NotFoundError for an unknown one', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const id = await reported(p, dispatchFailure(lead));
    p.failureStore.failures.delete(id);

    // Act
    const malformed = await p.ops.retry('../etc/passwd').catch((e: unknown) => e);
    const unknown = await p.ops.retry(id).catch((e: unknown) => e);

    // Assess
    expect(malformed).toBeInstanceOf(ValidationError);
    expect(unknown).toBeInstanceOf(NotFoundError);
  });

  it('retry all redrives every pipeline queue, then retries each open record', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const id = await reported(p, dispatchFailure(lead));

    // Act
    const result = await p.ops.retryAll();

    // Assess
    expect(p.redriver.redriven).toEqual(['dispatch', 'notify-urgent', 'notify-standard']);
    expect(result.results).toEqual([{ id, outcome: 'queued' }]);
    expect(result.cursor).toBeUndefined();
  });
});
