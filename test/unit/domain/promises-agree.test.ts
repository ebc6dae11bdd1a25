/**
 * Promises that agree (issue 13, docs/product-rules.md §5, §7): the next action's text, its due time, the
 * acceptance window and what the customer is promised come from the same settings. Each test changes one
 * setting away from the example's value and checks every text that mentions it, so a number written
 * into a text by hand fails here.
 */
import { describe, expect, it } from 'vitest';
import { missingFields } from '../../../shared/domain/completeness';
import type { AppConfig } from '../../../shared/domain/config';
import { formatLocalDate } from '../../../shared/domain/date-wording';
import { nextEscalation } from '../../../shared/domain/escalation';
import { estimateFollowUps, firstEstimateFollowUpDue } from '../../../shared/domain/follow-ups';
import { newLead } from '../../../shared/domain/handoff';
import { handoffNote } from '../../../shared/domain/handoff-note';
import type { Lead, LeadDetails } from '../../../shared/domain/lead';
import { followUpHint } from '../../../shared/domain/lead-card-state';
import { parseAppConfig } from '../../../shared/domain/load-config';
import { handoffEmail, handoffSms } from '../../../shared/domain/messages';
import { noteFacts } from '../../../shared/domain/note-facts';
import { decideRouting, routeAndHand } from '../../../shared/domain/route-and-hand';
import { acknowledgementSms } from '../../../shared/domain/sop-messages';
import { formatLocal } from '../../../shared/domain/time';
import { linkPage } from '../../../shared/web/link-page';
import { exampleBusiness, exampleRoster, leadDetails, TUESDAY_10AM } from './fixtures';

const TZ = 'America/Chicago';
const MINUTE = 60_000;
const at = (minutes: number) => new Date(TUESDAY_10AM.getTime() + minutes * MINUTE);

/** The example configuration with `change` applied to its business settings. */
const configWith = (change: (business: Record<string, Record<string, unknown>>) => void): AppConfig => {
  const business = exampleBusiness() as Record<string, Record<string, unknown>>;
  change(business);
  return parseAppConfig(business, exampleRoster());
};

/** A lead as intake stores it at `now`: routed, with its first handoff. */
const routed = (config: AppConfig, details: Partial<LeadDetails>, now = TUESDAY_10AM): Lead => {
  const lead = leadDetails(details);
  const missing = missingFields(lead);
  return routeAndHand(
    newLead({ id: 'lead-1', channel: 'web_form', details: lead, missing, now }),
    decideRouting(lead, missing, config, new Map(), now),
    config,
    now,
  );
};

/** Every staff text about the lead's current handoff: SMS, email, the note's facts, the open link page. */
const staffTexts = (lead: Lead, config: AppConfig): string => {
  const handoff = lead.handoff;
  if (!handoff) throw new Error('no handoff');
  const note = handoffNote(lead, handoff, config);
  const input = {
    note,
    link: 'https://x.example/h/abc',
    timeZone: TZ,
    businessName: config.business.name,
    kind: handoff.kind,
    step: handoff.step,
  };
  const email = handoffEmail(input);
  return [
    handoffSms(input),
    email.subject,
    email.body,
    noteFacts(note)
      .map((fact) => `${fact.label}: ${fact.value}`)
      .join('\n'),
    linkPage({ kind: 'open', note, actionUrl: './abc' }),
  ].join('\n');
};

describe('the reply time (nextActionDueMinutes): the next action says it, is due then, the customer is told it', () => {
  it('an emergency due in 7 minutes: "within 7 minutes" in the action, due at +7, the customer told 7', () => {
    // Prepare
    const config = configWith((b) => {
      b.nextActionDueMinutes = { ...b.nextActionDueMinutes, emergency: 7 };
    });

    // Act
    const lead = routed(config, { urgency: 'emergency' });
    const ack = acknowledgementSms(lead, config.business, TUESDAY_10AM).text;

    // Assess
    expect(lead.handoff?.nextAction).toBe('Call the customer within 7 minutes and dispatch the nearest tech');
    expect(lead.handoff?.dueAt).toBe(at(7).toISOString());
    expect(lead.nextActionDueAt).toBe(at(7).toISOString());
    expect(ack).toContain('will call you within 7 minutes.');
    const texts = staffTexts(lead, config);
    expect(texts).toContain('within 7 minutes');
    expect(texts).toContain(`Next action due: ${formatLocalDate(at(7).toISOString(), TZ)}`);
    expect(`${texts}\n${ack}`).not.toMatch(/\b(5|15) ?min/);
  });

  it('the example emergency: "within 5 minutes", due in 5, the customer told 5', () => {
    // Prepare
    const config = configWith(() => undefined);

    // Act
    const lead = routed(config, { urgency: 'emergency' });

    // Assess
    expect(lead.handoff?.nextAction).toContain('within 5 minutes');
    expect(lead.handoff?.dueAt).toBe(at(5).toISOString());
    expect(acknowledgementSms(lead, config.business, TUESDAY_10AM).text).toContain('within 5 minutes.');
  });

  it('a standard lead due in 45 minutes: the customer is told 45; due in 3 hours: told the due time itself', () => {
    // Prepare
    const soon = configWith((b) => {
      b.nextActionDueMinutes = { ...b.nextActionDueMinutes, standard: 45 };
    });
    const later = configWith((b) => {
      b.nextActionDueMinutes = { ...b.nextActionDueMinutes, standard: 180 };
    });

    // Act
    const first = routed(soon, { urgency: 'standard' });
    const second = routed(later, { urgency: 'standard' });

    // Assess
    expect(first.handoff?.dueAt).toBe(at(45).toISOString());
    expect(acknowledgementSms(first, soon.business, at(1)).text).toContain(
      'will call you within 45 minutes.',
    );
    expect(second.handoff?.dueAt).toBe(at(180).toISOString());
    expect(acknowledgementSms(second, later.business, at(1)).text).toContain(
      `will call you by ${formatLocal(at(180), TZ)}.`,
    );
  });

  it('an incomplete lead goes to intake with the needs-info time, and the customer is told that', () => {
    // Prepare
    const config = configWith((b) => {
      b.nextActionDueMinutes = { ...b.nextActionDueMinutes, needs_info: 20 };
    });

    // Act
    const lead = routed(config, {
      urgency: 'standard',
      serviceAddress: undefined,
      market: undefined,
      zip: undefined,
    });

    // Assess
    expect(lead.status).toBe('needs_info');
    expect(lead.handoff?.dueAt).toBe(at(20).toISOString());
    expect(acknowledgementSms(lead, config.business, TUESDAY_10AM).text).toContain('within 20 minutes.');
  });
});

describe('the acceptance window (acceptanceWindowMinutes): every "accept by" and every escalation says it', () => {
  it('an emergency window of 3 minutes: accept by +3 in the SMS, email and page; escalation says "within 3 min"', () => {
    // Prepare
    const config = configWith((b) => {
      b.acceptanceWindowMinutes = { ...b.acceptanceWindowMinutes, emergency: 3 };
    });
    const lead = routed(config, { urgency: 'emergency' });
    const handoff = lead.handoff;
    if (!handoff) throw new Error('no handoff');

    // Act
    const texts = staffTexts(lead, config);
    const step = nextEscalation({ lead, handoff, config, loads: new Map(), triedIds: [], now: at(3) });

    // Assess
    expect(handoff.acceptBy).toBe(at(3).toISOString());
    expect(texts).toContain(`Accept by ${formatLocal(at(3), TZ)}`);
    expect(texts).toContain(`Accept by: ${formatLocalDate(at(3).toISOString(), TZ)}`);
    expect(texts).toContain(`Accept by <strong>${formatLocalDate(at(3).toISOString(), TZ)}</strong>`);
    expect(step.kind).toBe('escalate');
    expect(step.reason).toContain('within 3 min');
    expect(step.kind === 'escalate' ? step.acceptBy : '').toBe(at(6).toISOString());
  });
});

describe('the follow-up settings: the lead card hint and the sequence say the same', () => {
  it('a cut-off of 1:30 PM, the second at 72 hours, the third on day 6', () => {
    // Prepare
    const config = configWith((b) => {
      b.followUps = { sameDayCutoff: '13:30', secondAfterHours: 72, thirdAfterDays: 6 };
    });
    const business = config.business;
    const sentAt = new Date('2026-03-10T18:00:00Z'); // Tue 1:00 PM in Austin

    // Act
    const hint = followUpHint(business);
    const dues = estimateFollowUps(sentAt, business, 1).map((f) => f.dueAt);

    // Assess
    expect(hint).toContain('the same day if sent before 1:30 PM, else the next business morning');
    expect(hint).toContain('then 72 hours after the estimate; then on day 6.');
    expect(hint).not.toMatch(/3 PM|48|day 5/);
    expect(firstEstimateFollowUpDue(sentAt, business).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(
      firstEstimateFollowUpDue(new Date('2026-03-10T19:00:00Z'), business).toISOString().slice(0, 10),
    ).toBe('2026-03-11');
    expect(dues.slice(1)).toEqual(['2026-03-13T18:00:00.000Z', '2026-03-16T18:00:00.000Z']);
  });

  it('an estimate lead’s target follow-up date follows estimateFollowUpBusinessDays, and the note shows it', () => {
    // Prepare
    const config = configWith((b) => {
      (b as Record<string, unknown>).estimateFollowUpBusinessDays = 2;
    });

    // Act
    const lead = routed(config, {
      urgency: 'estimate',
      serviceType: 'hvac_install',
      market: 'south',
      zip: '78745',
    });
    const texts = staffTexts(lead, config);

    // Assess: Tue 10 AM + 2 business days = Thu at opening (7:30 AM)
    expect(lead.followUpAt).toBe('2026-03-12T12:30:00.000Z');
    expect(texts).toContain(`Next follow-up: ${formatLocalDate('2026-03-12T12:30:00.000Z', TZ)}`);
  });
});
