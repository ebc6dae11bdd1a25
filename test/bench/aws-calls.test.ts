import { describe, expect, it } from 'vitest';
import { runAwsCalls } from '../../bench/aws-calls';

interface JourneyFigures {
  perLead: {
    dynamo: { calls: number };
    scheduler: { creates: number; invocations: number };
    sns: { sms: number; email: number };
    lambda: { invocations: number };
    apiGatewayRequests: number;
  };
  facts: { messages: number };
  meter: { dynamo: Record<string, Record<string, { failed: number }>> };
  minimum: {
    dynamoCalls: number;
    snsPublishes: number;
    schedulerInvocations: number;
    apiGatewayRequests: number;
  };
  costPer1000Leads: { total: number };
}

describe('bench: AWS calls per lead', () => {
  it('counts every journey at or above its minimum, with the meter agreeing with the fault plan', async () => {
    // Act (the section throws if the meter and the local fault plan's counts disagree)
    const section = await runAwsCalls({ leads: 2, escalations: 1 });

    // Assess
    const journeys = Object.entries(section.figures).filter(([name]) => name !== 'fixed') as [
      string,
      JourneyFigures,
    ][];
    expect(journeys.map(([name]) => name)).toEqual([
      'happy path',
      'happy path, with Idempotency-Key',
      'emergency, full escalation',
    ]);
    for (const [, j] of journeys) {
      expect(j.perLead.dynamo.calls).toBeGreaterThanOrEqual(j.minimum.dynamoCalls);
      expect(j.perLead.sns.sms + j.perLead.sns.email).toBe(j.facts.messages);
      expect(j.perLead.scheduler.invocations).toBe(j.minimum.schedulerInvocations);
      expect(j.perLead.apiGatewayRequests).toBe(j.minimum.apiGatewayRequests);
      expect(j.costPer1000Leads.total).toBeGreaterThan(0);
    }
    const [, escalation] = journeys[2] ?? [];
    expect(escalation?.perLead.scheduler.creates).toBeGreaterThanOrEqual(4);
    // An escalation step's messages to several people arrive in one batch; handled one lead at a time,
    // none of their conditional writes to the lead item loses a race.
    const refused = Object.entries(escalation?.meter.dynamo ?? {}).flatMap(([fn, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.failed > 0)
        .map(([op, { failed }]) => `${fn} ${op}: ${failed}`),
    );
    expect(refused).toEqual([]);
  });
});
