import { describe, expect, it } from 'vitest';
import { LeadsService } from '../../../shared/app/leads-service';
import type { Actor } from '../../../shared/domain/lead';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors';
import { completeLead, dispatchLead, pipeline, queued, stored, submitLead, timelineTypes } from './support';

const OPS: Actor = { kind: 'ops', id: 'local-ops' };

const setup = () => {
  const p = pipeline();
  return { ...p, leads: new LeadsService(p.deps) };
};

/** A lead that came in without a name, address or service type. */
const partialLead = { phone: completeLead.phone, notes: 'Missed the rest of the call' };

describe('LeadsService', () => {
  it('routes a needs_info lead once a PATCH completes it: a new handoff to a named person, dispatch queued', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p, partialLead);

    // Act
    const updated = await p.leads.update(
      lead.id,
      {
        fullName: 'Ana Diaz',
        serviceAddress: completeLead.serviceAddress,
        serviceType: 'plumbing_repair',
        urgency: 'standard',
        consent: { sms: true, email: false },
      },
      OPS,
    );

    // Assess
    const after = await stored(p, lead.id);
    expect(after.status).toBe('awaiting_acceptance');
    expect(after.missing).toEqual([]);
    expect(after.handoff).toMatchObject({ seq: 2, kind: 'route', dispatch: 'pending' });
    expect(after.handoff?.to.role).not.toBe('intake');
    expect(timelineTypes(after)).toEqual(
      expect.arrayContaining(['details_updated', 'lead_completed', 'routed', 'handoff_created']),
    );
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 2 }]);
    expect(updated.version).toBe(after.version);
  });

  it('keeps a lead that is still incomplete with intake and queues nothing', async () => {
    // Prepare
    const p = setup();
    const lead = await dispatchLead(p, await submitLead(p, partialLead));

    // Act
    await p.leads.update(lead.id, { fullName: 'Ana Diaz' }, OPS);

    // Assess
    const after = await stored(p, lead.id);
    expect(after.status).toBe('needs_info');
    expect(after.fullName).toBe('Ana Diaz');
    expect(after.missing).toEqual(expect.arrayContaining(['serviceAddress', 'serviceType']));
    expect(after.handoff?.seq).toBe(1);
    expect(timelineTypes(after).at(-1)).toBe('details_updated');
    expect(queued(p, 'dispatch')).toEqual([]);
  });

  it('refuses an empty update and leaves the lead as it was', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p, partialLead);

    // Act
    const error = await p.leads.update(lead.id, {}, OPS).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((await stored(p, lead.id)).version).toBe(lead.version);
  });

  it('refuses to change the fields fixed at intake, naming each one', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);

    // Act
    const error = await p.leads
      .update(lead.id, { externalId: 'call-9', source: 'phone', notes: 'x' }, OPS)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual(['externalId', 'source']);
    const after = await stored(p, lead.id);
    expect(after.version).toBe(lead.version);
    expect(after.notes).toBe(completeLead.notes);
  });

  it('refuses an invalid value by field and stores nothing', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);

    // Act
    const error = await p.leads.update(lead.id, { urgency: 'whenever' }, OPS).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain('urgency');
    expect((await stored(p, lead.id)).urgency).toBe('standard');
  });

  it('answers NotFoundError for an unknown lead', async () => {
    // Prepare
    const p = setup();

    // Act
    const error = await p.leads.update('01TESTNOPE', { notes: 'hello there' }, OPS).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('transfers a lead to a named person: the open handoff is superseded and a new one queued for dispatch', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const from = lead.handoff?.to;

    // Act
    await p.leads.transfer(lead.id, { to: 'sam', reason: 'Customer wants a whole-house repipe quote' }, OPS);

    // Assess
    const after = await stored(p, lead.id);
    expect(after.handoff).toMatchObject({
      seq: 2,
      kind: 'transfer',
      state: 'awaiting_acceptance',
      dispatch: 'pending',
      to: { id: 'sam' },
      from: { id: from?.id },
    });
    expect(after.handoff?.nextAction).toBe(lead.handoff?.nextAction);
    const transferred = after.timeline.find((e) => e.type === 'transferred');
    expect(transferred?.summary).toContain('whole-house repipe');
    expect(queued(p, 'dispatch')).toEqual([{ type: 'dispatch', leadId: lead.id, seq: 2 }]);
  });

  it('refuses a transfer to the person the lead already waits on', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);
    const current = lead.handoff?.to.id ?? '?';

    // Act
    const error = await p.leads
      .transfer(lead.id, { to: current, reason: 'Just to be sure it lands' }, OPS)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((await stored(p, lead.id)).handoff?.seq).toBe(1);
    expect(queued(p, 'dispatch')).toEqual([]);
  });

  it('refuses a transfer of a lead that still needs information', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p, partialLead);

    // Act
    const error = await p.leads
      .transfer(lead.id, { to: 'sam', reason: 'Sales should call them back' }, OPS)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((await stored(p, lead.id)).status).toBe('needs_info');
  });

  it('refuses a transfer to someone not on the roster, and one with a vague next action', async () => {
    // Prepare
    const p = setup();
    const lead = await submitLead(p);

    // Act
    const unknown = await p.leads
      .transfer(lead.id, { to: 'nobody', reason: 'Customer asked for them' }, OPS)
      .catch((e: unknown) => e);
    const vague = await p.leads
      .transfer(lead.id, { to: 'sam', reason: 'Customer asked for them', nextAction: 'follow up' }, OPS)
      .catch((e: unknown) => e);

    // Assess
    expect((unknown as ValidationError).issues.map((i) => i.path)).toEqual(['to']);
    expect((vague as ValidationError).issues.map((i) => i.path)).toEqual(['nextAction']);
    expect((await stored(p, lead.id)).version).toBe(lead.version);
  });
});
