/**
 * The weekly report as a plain-text email for the operations lead.
 */
import type { AppConfig } from './config';
import { formatLocalDate } from './date-wording';
import type { FailureKind } from './failures';
import type { Ladder } from './lead';
import type { EmailText } from './messages';
import { dayLabel, formatDuration } from './report-text';
import { localDate } from './time';
import type { SourceNumbers } from './weekly-by-source';
import type { DurationStats, EstimateFollowUpStats, ResponseStats } from './weekly-numbers';
import type { WeeklyReport } from './weekly-report';
import { describePerson, FAILURE_KIND_LABELS, plural, SOURCE_LABELS, URGENCY_LABELS } from './wording';

const stats = (value: DurationStats): string =>
  value.medianSeconds === null || value.p90Seconds === null
    ? 'no data'
    : `median ${formatDuration(value.medianSeconds)}, p90 ${formatDuration(value.p90Seconds)}`;

const LADDER_LABELS: Record<Ladder | 'unknown', string> = {
  urgent: 'Urgent',
  standard: 'Standard',
  estimate: 'Estimate',
  needs_info: 'Needs-info',
  unknown: 'Unknown',
};

const estimateLine = (estimates: EstimateFollowUpStats): string =>
  estimates.percent === null
    ? `none due yet (${estimates.sent} sent)`
    : `${estimates.followedUpWithin48h} of ${estimates.sent - estimates.windowOpen} (${estimates.percent}%)${estimates.windowOpen ? `; ${estimates.windowOpen} still inside their 48 h` : ''}`;

/** One source's block: "Angi: 4 leads", then its measures, indented. */
const sourceLines = (numbers: SourceNumbers): string[] => [
  `${SOURCE_LABELS[numbers.source]}: ${plural(numbers.leadsReceived, 'lead')}`,
  `  - Speed to first response: ${stats(numbers.speedToFirstResponse)}${numbers.speedToFirstResponse.withoutResponse ? ` (${numbers.speedToFirstResponse.withoutResponse} without one yet)` : ''}`,
  `  - Acceptance latency: ${stats(numbers.acceptanceLatency)}`,
  `  - Estimates followed up within 48 h: ${estimateLine(numbers.estimates)}`,
  `  - Stale open estimates: ${numbers.staleOpenEstimates}`,
];

/**
 * The weekly report as a plain-text email for the operations lead: the numbers with humanised durations,
 * then the QA sample with the five questions and the facts that answer them.
 */
export const weeklyEmail = (report: WeeklyReport, config: AppConfig): EmailText => {
  const { name, timezone, review } = config.business;
  const first = dayLabel(localDate(new Date(report.from), timezone));
  const last = dayLabel(localDate(new Date(Date.parse(report.to) - 1), timezone));
  const subject = `Weekly handoff report ${report.week} (${first} – ${last}): ${plural(report.leadsReceived, 'lead')}`;
  const response = (label: string, value: ResponseStats): string =>
    `${label}: ${stats(value)} (${plural(value.count, 'lead')}${value.withoutResponse ? `; ${value.withoutResponse} without one yet` : ''})`;
  const { estimates } = report;
  const lines = [
    `${name}: handoff report for ${report.week}, ${first} to ${last} (times in ${timezone}).`,
    '',
    'NUMBERS',
    `Leads received: ${report.leadsReceived}`,
    response('Speed to first response', report.speedToFirstResponse),
    response('First contact by a person', report.firstHumanContact),
    `Acceptance latency: ${stats(report.acceptanceLatency)} (${plural(report.acceptanceLatency.count, 'acceptance')})`,
    `Estimates followed up within 48 h: ${estimateLine(estimates)}`,
    `Open estimates older than ${review.staleEstimateDays} days: ${report.staleOpenEstimates.count}`,
    ...report.staleOpenEstimates.leads.map(
      (item) =>
        `  - ${item.leadName}, sent ${formatLocalDate(item.estimateSentAt, timezone)} (${plural(item.ageDays, 'day')} ago), owner ${item.owner ? describePerson(item.owner) : 'none'}`,
    ),
    `Escalations: ${report.escalations}`,
    ...report.escalationsByStep.map(
      (item) => `  - ${LADDER_LABELS[item.ladder]} ladder, step ${item.step} (${item.to}): ${item.count}`,
    ),
    `Failed handoffs: ${report.failedHandoffs.count}${
      report.failedHandoffs.count > 0
        ? ` (${Object.entries(report.failedHandoffs.byKind)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([kind, count]) => `${FAILURE_KIND_LABELS[kind as FailureKind] ?? kind}: ${count}`)
            .join(', ')})`
        : ''
    }`,
    `Unowned leads (nobody accepted): ${report.unownedLeads.count}`,
    `Follow-ups missed: ${report.followUpsMissed}`,
    '',
    'BY SOURCE',
    ...(report.bySource.length === 0 ? ['No leads this week.'] : report.bySource.flatMap(sourceLines)),
    '',
    `QA SAMPLE (${plural(report.qaSample.length, 'handoff')})`,
  ];
  if (report.qaSample.length === 0) lines.push('No handoffs to review this week.');
  report.qaSample.forEach((item, index) => {
    const urgency = item.urgency ? URGENCY_LABELS[item.urgency] : 'Urgency not captured';
    lines.push(
      '',
      `${index + 1}. ${item.leadName}, handoff #${item.seq}: ${urgency}, ${SOURCE_LABELS[item.source]} (ref ${item.leadId})`,
      ...item.questions.flatMap((answer) => [`   ${answer.question}`, `     ${answer.evidence}`]),
    );
  });
  return { subject, body: lines.join('\n') };
};
