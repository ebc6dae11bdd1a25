/**
 * The weekly report: speed to first response, acceptance latency, estimates followed up within 48 h,
 * open estimates older than a week, escalations per step, failed handoffs, unowned leads and missed
 * follow-ups; plus a sample of handoffs with the facts that answer the five QA questions. The week is in
 * `report-week.ts`, the numbers in `weekly-numbers.ts`, the sample in `qa-sample.ts` and `qa-answers.ts`,
 * the email in `weekly-email.ts`.
 *
 * Pure: built from the leads, `now` and the configuration. The numbers are about the week's cohort (the
 * leads created in the week) and everything that has happened to them so far; stale estimates look at
 * every open lead. Lead names only: never phones, emails, addresses or the customer's words.
 */
import type { AppConfig } from './config';
import type { Lead } from './lead';
import type { QaItem } from './qa-answers';
import { qaSample } from './qa-sample';
import type { WeekRange } from './report-week';
import { entriesOf, isEntry } from './timeline';
import { numbersBySource, type SourceNumbers } from './weekly-by-source';
import {
  acceptanceLatency,
  type DurationStats,
  type EscalationCount,
  type EstimateFollowUpStats,
  escalationCounts,
  estimateStats,
  type ResponseStats,
  responseStats,
  type StaleEstimate,
  staleEstimates,
} from './weekly-numbers';

export interface WeeklyReport extends WeekRange {
  generatedAt: string;
  leadsReceived: number;
  /** Intake to the first acknowledgement or logged contact. */
  speedToFirstResponse: ResponseStats;
  /** Intake to the first logged contact by a person (acknowledgements left out). */
  firstHumanContact: ResponseStats;
  /** Handoff created to accepted, for every acceptance of the week's leads. */
  acceptanceLatency: DurationStats;
  estimates: EstimateFollowUpStats;
  /** Open leads in Estimate Sent whose estimate is older than `business.review.staleEstimateDays`. */
  staleOpenEstimates: { count: number; leadIds: string[]; leads: StaleEstimate[] };
  escalations: number;
  escalationsByStep: EscalationCount[];
  failedHandoffs: { count: number; byKind: Record<string, number> };
  /** Leads whose ladder ran out with nobody accepting. */
  unownedLeads: { count: number; leadIds: string[] };
  followUpsMissed: number;
  /** The same measures per lead source (web form, phone, Angi…): sources without leads or stale estimates left out. */
  bySource: SourceNumbers[];
  qaSample: QaItem[];
}

const inWeek = (lead: Lead, week: WeekRange): boolean => {
  const created = Date.parse(lead.createdAt);
  return created >= Date.parse(week.from) && created < Date.parse(week.to);
};

/**
 * The weekly numbers of the leads created in `week` (those outside it are ignored), the open estimates
 * older than `business.review.staleEstimateDays` among `openLeads`, and the QA sample of
 * `business.review.qaSampleSize` handoffs.
 */
export const weeklyReport = (input: {
  week: WeekRange;
  /** Leads created in the week. */
  leads: readonly Lead[];
  /** Every lead still open, for the stale estimates. */
  openLeads: readonly Lead[];
  now: Date;
  config: AppConfig;
}): WeeklyReport => {
  const { week, now, config } = input;
  // A source's test lead is never counted (docs/product-rules.md §2).
  const leads = input.leads.filter((lead) => inWeek(lead, week) && !lead.test);
  const stale = staleEstimates(
    input.openLeads.filter((lead) => !lead.test),
    now,
    config,
  );
  const escalationsByStep = escalationCounts(leads, config);
  const failures = leads.flatMap((lead) => entriesOf(lead.timeline, 'failed_handoff'));
  const byKind: Record<string, number> = {};
  for (const { data } of failures) byKind[data.kind] = (byKind[data.kind] ?? 0) + 1;
  const unowned = leads.filter((lead) => lead.timeline.some(isEntry('unowned'))).map((lead) => lead.id);
  return {
    week: week.week,
    from: week.from,
    to: week.to,
    generatedAt: now.toISOString(),
    leadsReceived: leads.length,
    speedToFirstResponse: responseStats(leads, ['acknowledgement_sent', 'contact_logged']),
    firstHumanContact: responseStats(leads, ['contact_logged']),
    acceptanceLatency: acceptanceLatency(leads),
    estimates: estimateStats(leads, now),
    staleOpenEstimates: { count: stale.length, leadIds: stale.map((item) => item.leadId), leads: stale },
    escalations: escalationsByStep.reduce((sum, item) => sum + item.count, 0),
    escalationsByStep,
    failedHandoffs: { count: failures.length, byKind },
    unownedLeads: { count: unowned.length, leadIds: unowned },
    followUpsMissed: leads.reduce(
      (sum, lead) => sum + entriesOf(lead.timeline, 'follow_up_missed').length,
      0,
    ),
    bySource: numbersBySource({ leads, openLeads: input.openLeads, stale, now }),
    qaSample: qaSample(leads, week.week, config.business.review.qaSampleSize, config),
  };
};
