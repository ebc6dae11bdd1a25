/**
 * A reply, the link and the deadline racing (docs/product-rules.md §12, issue 16): the owner texts the
 * reply code, taps Accept on the link page and the acceptance deadline fires, all at once, on real
 * DynamoDB semantics (dynalite). Each handoff ends with exactly one outcome — accepted once, or
 * escalated — and whoever lost is told what became of it instead of a second outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineService } from '../../shared/app/deadline-service';
import { HandoffDecisions } from '../../shared/app/handoff-decisions';
import { InboundSmsService } from '../../shared/app/inbound-sms-service';
import { makeDocumentClient } from '../../shared/aws/dynamo-lead-store';
import { DynamoSmsContacts } from '../../shared/aws/dynamo-sms-contacts';
import type { Lead } from '../../shared/domain/lead';
import { type LocalApi, startLocalApi } from '../support/local-api';
import { acceptLink, getLead, IN_HOURS, leadBody, linkForLead, postLead } from '../support/scenario';

const ORIGINATION = '+15125550100';
const LEADS = 12;

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi(IN_HOURS);
});
afterAll(async () => {
  await api.stop();
});

/** The outcomes the timeline records for handoff `seq`. */
const outcomesOf = (lead: Lead, seq: number) =>
  lead.timeline.filter(
    (event) =>
      (event.type === 'accepted' || event.type === 'rejected' || event.type === 'escalated') &&
      event.data.seq === seq,
  );

describe('reply, link and deadline racing on dynalite', () => {
  it('gives every handoff exactly one outcome and tells the losers what happened', async () => {
    // Prepare: leads, each with its reply code and link.
    const deps = api.app.deps;
    const decisions = new HandoffDecisions(deps);
    const contacts = new DynamoSmsContacts(makeDocumentClient(api.engine.client), api.tableName);
    const inbound = new InboundSmsService({ ...deps, contacts, decisions });
    const deadlines = new DeadlineService(deps);
    const config = await deps.config.load();
    const leads: { id: string; code: string; link: string; from: string; personId: string }[] = [];
    for (let i = 0; i < LEADS; i += 1) {
      const id = await postLead(api, leadBody());
      await api.advance(2); // standard-lane SMS are paced
      const lead = await getLead(api, id);
      const code = lead.handoff?.replyCode;
      const person = config.roster.people.find((p) => p.id === lead.handoff?.to.id);
      if (!code || !person?.phone) throw new Error('expected a coded handoff to someone with a phone');
      const link = await linkForLead(api, person.id, id);
      leads.push({ id, code, link, from: person.phone, personId: person.id });
    }

    // Act: for each lead the three arrive together. A third start the deadline 60 ms ahead, a third
    // the two accepts, a third all at once in a different order each time: both outcomes happen.
    const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const results = await Promise.all(
      leads.map(async ({ id, code, link, from, personId }, i) => {
        const [replyDelay, linkDelay, deadlineDelay] = [
          [60, 60, 0],
          [0, 0, 60],
          [0, 0, 0],
        ][i % 3] as [number, number, number];
        const [reply, page, deadline] = await Promise.all([
          waitMs(replyDelay).then(() =>
            inbound.receive({ from, to: ORIGINATION, body: code, messageId: `race-${i}` }),
          ),
          waitMs(linkDelay).then(() => acceptLink(api, link)),
          waitMs(deadlineDelay).then(() =>
            deadlines.onDeadline({ kind: 'acceptance_deadline', leadId: id, seq: 1 }),
          ),
        ]);
        return { id, code, personId, reply, page, deadline };
      }),
    );

    // Assess: one outcome per handoff; the answers agree with it.
    let accepted = 0;
    let escalated = 0;
    for (const result of results) {
      const lead = await getLead(api, result.id);
      const outcomes = outcomesOf(lead, 1);
      expect(outcomes).toHaveLength(1);
      const { reply, page } = result;
      expect(page.status).toBeLessThan(500);
      if (outcomes[0]?.type === 'accepted') {
        accepted += 1;
        expect(lead).toMatchObject({ status: 'accepted', owner: { id: result.personId } });
        expect(result.deadline).toBe('no_change');
        // Whichever of the reply and the link lost was told the lead is already theirs.
        expect(reply.reply).toMatch(new RegExp(`^${result.code} (accepted|is already yours)`));
      } else {
        escalated += 1;
        expect(outcomes[0]?.type).toBe('escalated');
        expect(result.deadline).toBe('escalated');
        expect(lead.handoff?.seq).toBe(2);
        expect(lead.owner).toBeUndefined();
        expect(reply.reply).not.toMatch(/accepted: it is your lead now/);
      }
    }
    expect(accepted + escalated).toBe(LEADS);
    expect(accepted).toBeGreaterThanOrEqual(LEADS / 3);
    expect(escalated).toBeGreaterThanOrEqual(LEADS / 3);
  }, 120_000);
});
