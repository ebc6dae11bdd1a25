/**
 * Inbound SMS (docs/product-rules.md §12). What a text may do rests on one fact: the sender's number,
 * as the carrier reports it. From a roster person's number, `1A` (or `1A Y`) accepts the handoff of
 * theirs with that code through the same use case and conditional write as the link's Accept
 * (`HandoffDecisions`); a bare `YES` / `1` does when they have exactly one open handoff; `1A N <reason>`
 * sends it back to intake. A code that no longer waits on them is explained ("taken by ...", "moved on",
 * unknown). `STOP` (any carrier opt-out word) opts the number out of our SMS, `START` back in, `HELP`
 * says who we are and how to reach the office. `AWAY 2h` / `AWAY until 14:00` takes the sender out of
 * routing until then (their open handoffs stay theirs), `BACK` puts them back at once. Texts from numbers
 * not on the roster are kept for ops and answered at most once a day.
 */

import { awayEnd, untilWords } from '../domain/away';
import type { AppConfig, Person } from '../domain/config';
import type { Lead } from '../domain/lead';
import { CONFIRMATIONS } from '../domain/lead-details';
import { REJECT_TEXT_MAX_LENGTH } from '../domain/link-page-state';
import { awayUntil } from '../domain/pick-person';
import { stepOfCode } from '../domain/reply-codes';
import { parseSmsReply, type SmsReply } from '../domain/sms-reply';
import { replyTexts } from '../domain/sms-reply-messages';
import { DAY_MS } from '../domain/wording';
import { localDate } from '../domain/zoned-time';
import { DeliveryError } from '../errors';
import { logger } from '../observability';
import type { AvailabilityStore, InboundSms, OpenLeadRef, SmsContacts } from '../ports';
import type { PipelineDeps } from './deps';
import type { HandoffDecisions } from './handoff-decisions';
import { allOpenLeads } from './lead-writes';

/** How long a text from an unknown number stays in the table for ops. */
export const UNKNOWN_SMS_KEEP_DAYS = 30;
/** How far back a late reply's code is looked up among open leads. */
const STALE_LOOKBACK_MS = 7 * DAY_MS;
/**
 * How long to wait before reading the `open` index a second time when a reply's lead is not in it: an
 * index read is eventually consistent, and a lead being written that instant (accepted by its link, say)
 * can be missing from it for a moment.
 */
export const INDEX_RECHECK_MS = 300;

export type InboundSmsDeps = Pick<PipelineDeps, 'store' | 'config' | 'clock' | 'sms' | 'metrics'> & {
  contacts: SmsContacts;
  /** Who is away: AWAY and BACK write it. */
  availability: AvailabilityStore;
  /** Accept and send back: the link page's use case. */
  decisions: HandoffDecisions;
  /** Waits before the second index read (a timer by default). */
  sleep?: (ms: number) => Promise<void>;
};

/** What was done with an inbound SMS (for the handler's log and tests); the reply went by SMS. */
export interface InboundOutcome {
  kind: SmsReply['kind'] | 'unknown_sender';
  reply?: string;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class InboundSmsService {
  constructor(private readonly deps: InboundSmsDeps) {}

  async receive(inbound: InboundSms): Promise<InboundOutcome> {
    const { contacts, clock } = this.deps;
    const config = await this.deps.config.load();
    const now = clock.now();
    const reply = parseSmsReply(inbound.body);
    const person = config.roster.people.find((p) => p.phone === inbound.from);
    // The carrier's keywords hold for any number, customers' included.
    if (reply.kind === 'stop') {
      await contacts.setOptedOut(inbound.from, true, now);
      logger.info('SMS opt-out recorded', { onRoster: person !== undefined });
      return { kind: 'stop' };
    }
    if (reply.kind === 'start') {
      await contacts.setOptedOut(inbound.from, false, now);
      return this.answer(inbound.from, person, 'start', replyTexts.optedIn(config));
    }
    if (!person) {
      await contacts.recordUnknown(inbound, now, UNKNOWN_SMS_KEEP_DAYS);
      this.deps.metrics.count('InboundSmsUnknownSender');
      const day = localDate(now, config.business.timezone);
      if (!(await contacts.claimUnknownAnswer(inbound.from, day, now))) return { kind: 'unknown_sender' };
      return this.answer(inbound.from, undefined, 'unknown_sender', replyTexts.unknownSender(config));
    }
    const text = await this.decide(reply, person, config);
    return this.answer(inbound.from, person, reply.kind, text);
  }

  /** What a roster person's text does, and the words to answer it with. */
  private async decide(reply: SmsReply, person: Person, config: AppConfig): Promise<string> {
    switch (reply.kind) {
      case 'help':
        return replyTexts.help(config);
      case 'away':
        return this.away(reply, person, config);
      case 'back':
        return this.back(person, config);
      case 'away_unclear':
        return replyTexts.awayUnclear();
      case 'unknown':
      case 'stop':
      case 'start':
        return replyTexts.notUnderstood();
      case 'accept':
      case 'reject':
        return this.decideHandoff(reply, person);
    }
  }

  /** Out of routing until the time asked (past today means tomorrow; a week at most), by the sender's clock. */
  private async away(reply: Extract<SmsReply, { kind: 'away' }>, person: Person, config: AppConfig) {
    const now = this.deps.clock.now();
    const timeZone = person.timezone ?? config.business.timezone;
    const until = awayEnd(
      'minutes' in reply ? { minutes: reply.minutes } : { until: reply.until },
      now,
      timeZone,
    );
    await this.deps.availability.setAway(person.id, {
      until: until.toISOString(),
      setAt: now.toISOString(),
      setBy: { id: person.id, name: person.name },
      via: 'sms',
    });
    logger.info('Away set by SMS', { minutes: Math.round((until.getTime() - now.getTime()) / 60_000) });
    const open = await this.openHandoffs(await allOpenLeads(this.deps.store), person.id);
    const codes = open.flatMap((lead) => (lead.handoff?.replyCode ? [lead.handoff.replyCode] : [])).sort();
    return replyTexts.away(untilWords(until, now, timeZone), codes);
  }

  /** Back in routing now. */
  private async back(person: Person, config: AppConfig) {
    const wasAway = awayUntil(person, config, this.deps.clock.now()) !== undefined;
    await this.deps.availability.clearAway(person.id);
    logger.info('Away ended by SMS', { wasAway });
    return replyTexts.back(wasAway);
  }

  private async decideHandoff(
    reply: Extract<SmsReply, { kind: 'accept' | 'reject' }>,
    person: Person,
  ): Promise<string> {
    const found = (leads: readonly Lead[]) =>
      reply.code === undefined ? leads.length > 0 : leads.some((l) => l.handoff?.replyCode === reply.code);
    let refs = await allOpenLeads(this.deps.store);
    let open = await this.openHandoffs(refs, person.id);
    if (!found(open)) {
      // Not there, or not yet there: read the index once more before saying so.
      await (this.deps.sleep ?? pause)(INDEX_RECHECK_MS);
      refs = await allOpenLeads(this.deps.store);
      open = await this.openHandoffs(refs, person.id);
    }
    const codes = open.flatMap((lead) => (lead.handoff?.replyCode ? [lead.handoff.replyCode] : [])).sort();
    if (reply.code === undefined) {
      const [only] = open;
      if (open.length === 0 || !only) return replyTexts.nothingOpen();
      if (open.length > 1) return replyTexts.chooseCode(codes);
      return this.accept(only, person, only.handoff?.replyCode ?? '');
    }
    const code = reply.code;
    const matching = open.filter((lead) => lead.handoff?.replyCode === code);
    const [lead] = matching;
    if (matching.length > 1) return replyTexts.ambiguous(code);
    if (!lead) return this.explainStale(refs, person, code, codes);
    if (reply.kind === 'accept') return this.accept(lead, person, code);
    const reason = reply.reason.trim().slice(0, REJECT_TEXT_MAX_LENGTH);
    if (!reason) return replyTexts.reasonNeeded(code);
    const step = { leadId: lead.id, seq: lead.handoff?.seq ?? 0, recipientId: person.id };
    const decided = await this.deps.decisions.reject(step, 'other', reason);
    if (decided.refusal) return this.explain(decided.lead, person, code);
    return replyTexts.rejected(code, reason);
  }

  private async accept(lead: Lead, person: Person, code: string): Promise<string> {
    const step = { leadId: lead.id, seq: lead.handoff?.seq ?? 0, recipientId: person.id };
    const decided = await this.deps.decisions.accept(step, CONFIRMATIONS, 'sms_reply');
    if (decided.refusal) return this.explain(decided.lead, person, code);
    return decided.changed
      ? replyTexts.accepted(code, decided.lead.nextAction)
      : replyTexts.alreadyYours(code);
  }

  /** The leads whose current handoff awaits `personId`. */
  private async openHandoffs(refs: readonly OpenLeadRef[], personId: string): Promise<Lead[]> {
    const ids = refs
      .filter((ref) => ref.assigneeId === personId && ref.handoffState === 'awaiting_acceptance')
      .map((ref) => ref.leadId);
    if (ids.length === 0) return [];
    return (await this.deps.store.getMany(ids)).filter(
      (lead) => lead.handoff?.state === 'awaiting_acceptance' && lead.handoff.to.id === personId,
    );
  }

  /** A code not open for this person: the lead that gave it to them, if still open, says what became of it. */
  private async explainStale(
    refs: readonly OpenLeadRef[],
    person: Person,
    code: string,
    open: readonly string[],
  ): Promise<string> {
    const since = this.deps.clock.now().getTime() - STALE_LOOKBACK_MS;
    const recent = refs.filter((ref) => ref.assignedAt !== undefined && Date.parse(ref.assignedAt) >= since);
    const leads = recent.length > 0 ? await this.deps.store.getMany(recent.map((ref) => ref.leadId)) : [];
    const given = leads
      .filter((lead) => stepOfCode(lead, person.id, code) !== undefined)
      .sort((a, b) => (a.handoff?.createdAt ?? '').localeCompare(b.handoff?.createdAt ?? ''))
      .at(-1);
    return given ? this.explain(given, person, code) : replyTexts.unknownCode(code, open);
  }

  /** Why `code` of `lead` no longer waits on `person`. */
  private explain(lead: Lead, person: Person, code: string): string {
    const handoff = lead.handoff;
    if (handoff?.state === 'accepted' && lead.owner) {
      return lead.owner.id === person.id
        ? replyTexts.alreadyYours(code)
        : replyTexts.takenBy(code, lead.owner);
    }
    return replyTexts.movedOn(code);
  }

  /** Texts the answer back (urgent lane: the sender is waiting); an opted-out number gets none. */
  private async answer(
    to: string,
    person: Person | undefined,
    kind: InboundOutcome['kind'],
    text: string,
  ): Promise<InboundOutcome> {
    this.deps.metrics.count('InboundSms', 1, { kind });
    try {
      await this.deps.sms.send({
        to,
        body: text,
        lane: 'urgent',
        ...(person ? { recipientId: person.id } : {}),
      });
    } catch (error) {
      if (!(error instanceof DeliveryError && error.permanent)) throw error;
      logger.warn('SMS reply not sent', { reason: error.reason });
    }
    return { kind, reply: text };
  }
}
