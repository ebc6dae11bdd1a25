/**
 * The end-of-day review and the weekly numbers (docs/product-rules.md §8; seeds 001, 002, 003).
 *
 * - At closing time, the operations lead gets the digest of open loops (no owner, no next action, old
 *   follow-up dates, missing last contact, active but quiet; every Estimate Sent and No Decision), each
 *   with a read-only review link. Once per business day: a claim makes a retried schedule a no-op.
 * - `GET /ops/reports/weekly` and the Monday email: speed to first response, acceptance latency,
 *   estimates followed up within 48 h, stale estimates, escalations per step, failed handoffs, and the
 *   QA sample of five handoffs.
 *
 * Reads are index queries only: the sparse `open` index for open leads, `byDay` for the week's leads,
 * then batch gets of exactly those leads. Nothing scans the table.
 */
import { type DailyReview, dailyReview } from '../domain/daily-review';
import { dailyReviewEmail, dailyReviewSms } from '../domain/daily-review-messages';
import type { Lead, PersonRef } from '../domain/lead';
import { weekOf } from '../domain/report-week';
import { isBusinessDay } from '../domain/review-schedule';
import { operationsLead, personById } from '../domain/roster';
import { localDate } from '../domain/time';
import { weeklyEmail } from '../domain/weekly-email';
import { type WeeklyReport, weeklyReport } from '../domain/weekly-report';
import { DAY_MS, HOUR_MS } from '../domain/wording';
import { logger } from '../observability';
import type { ClaimStore } from '../ports';
import { METRICS } from '../settings';
import type { PipelineDeps } from './deps';
import type { LinkIssuer } from './link-issuer';

export type ReviewDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'sms' | 'email' | 'metrics'> & {
  claims: ClaimStore;
  /** Issues the digest's read-only review links. */
  linkIssuer: LinkIssuer;
};

/** How long the review links of a digest work. */
const REVIEW_LINK_DAYS = 7;
/** At most this many review links per digest (one token each); the rest are listed by reference. */
const MAX_REVIEW_LINKS = 50;
/** How long a "sent" claim is kept (longer than any retry). */
const CLAIM_DAYS = 14;

export type ReviewOutcome =
  | { sent: true; date: string; loops: number; to: string }
  | { sent: false; date: string; reason: 'already_sent' | 'no_recipient' | 'closed_today' };

export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /** Every open lead, in full: the `open` index, then batch gets of those leads. */
  async openLeads(): Promise<Lead[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listOpen(cursor ? { cursor } : {});
      ids.push(...page.items.map((ref) => ref.leadId));
      cursor = page.cursor;
    } while (cursor);
    return this.deps.store.getMany(ids);
  }

  /** The digest as it stands now (also what the email says). */
  async review(): Promise<DailyReview> {
    const [config, leads] = await Promise.all([this.deps.config.load(), this.openLeads()]);
    return dailyReview(leads, this.deps.clock.now(), config);
  }

  /** Sends today's digest to the operations lead, once per local day. */
  async sendDailyReview(): Promise<ReviewOutcome> {
    const { clock, claims } = this.deps;
    const config = await this.deps.config.load();
    const now = clock.now();
    const date = localDate(now, config.business.timezone);
    if (!isBusinessDay(now, config.business)) return { sent: false, date, reason: 'closed_today' };
    const to = operationsLead(config);
    const person = to ? personById(config, to.id) : undefined;
    if (!to || !person || (!person.email && !person.phone)) {
      logger.warn('End-of-day review not sent: no operations lead with an address on the roster');
      return { sent: false, date, reason: 'no_recipient' };
    }
    const key = `daily-review#${date}`;
    if (!(await claims.claim(key, now, CLAIM_DAYS))) return { sent: false, date, reason: 'already_sent' };
    try {
      const review = dailyReview(await this.openLeads(), now, config);
      if (person.email) {
        const links = await this.reviewLinks(review, to);
        await this.deps.email.send({
          recipientId: person.id,
          to: person.email,
          ...dailyReviewEmail(review, links, config),
        });
      } else if (person.phone) {
        await this.deps.sms.send({
          to: person.phone,
          recipientId: person.id,
          lane: 'standard',
          body: dailyReviewSms(review, config),
        });
      }
      this.deps.metrics.count(METRICS.DailyReviewsSent);
      logger.info('End-of-day review sent', {
        date,
        loops: review.loops.length,
        openLeads: review.openLeads,
      });
      return { sent: true, date, loops: review.loops.length, to: to.id };
    } catch (error) {
      await claims.release(key).catch(() => undefined);
      throw error;
    }
  }

  /** The weekly numbers of `week` (`YYYY-Www`; default: the last complete week). */
  async weeklyReport(week?: string): Promise<WeeklyReport> {
    const config = await this.deps.config.load();
    const now = this.deps.clock.now();
    const range = weekOf(week, now, config.business.timezone);
    const refs = await this.deps.store.listCreated(range.from, range.to);
    const [leads, openLeads] = await Promise.all([
      this.deps.store.getMany(refs.map((ref) => ref.leadId)),
      this.openLeads(),
    ]);
    return weeklyReport({ week: range, leads, openLeads, now, config });
  }

  /** Emails last week's numbers to the operations lead and the business owner, once per week. */
  async sendWeeklyReport(): Promise<{ sent: boolean; week: string; to: string[] }> {
    const { clock, claims } = this.deps;
    const config = await this.deps.config.load();
    const report = await this.weeklyReport();
    const recipients = config.roster.people.filter(
      (p) => p.active && p.email && (p.role === 'operations' || p.role === 'business_owner'),
    );
    const email = weeklyEmail(report, config);
    const sent: string[] = [];
    // One claim per recipient: a retry after a partial failure emails only those still missing it.
    for (const person of recipients) {
      const key = `weekly-report#${report.week}#${person.id}`;
      if (!(await claims.claim(key, clock.now(), CLAIM_DAYS))) continue;
      try {
        await this.deps.email.send({ recipientId: person.id, to: person.email as string, ...email });
        sent.push(person.id);
      } catch (error) {
        await claims.release(key).catch(() => undefined);
        throw error;
      }
    }
    if (sent.length > 0)
      logger.info('Weekly report sent', { week: report.week, leads: report.leadsReceived });
    return { sent: sent.length > 0, week: report.week, to: sent };
  }

  /** A read-only review link per lead of the digest, for the operations lead. */
  private async reviewLinks(review: DailyReview, to: PersonRef): Promise<Record<string, string>> {
    const links: Record<string, string> = {};
    // The most pressing loops first (the digest's order); past the cap the email gives the lead reference.
    for (const loop of review.loops.slice(0, MAX_REVIEW_LINKS)) {
      links[loop.leadId] = await this.deps.linkIssuer.issue(
        { leadId: loop.leadId, seq: 0, recipientId: to.id, purpose: 'review' },
        (REVIEW_LINK_DAYS * DAY_MS) / HOUR_MS,
      );
    }
    return links;
  }
}
