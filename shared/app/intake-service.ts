/**
 * Intake (docs/product-rules.md §2): capture every lead before the conversation ends. Malformed input is refused with
 * every problem listed and nothing stored; incomplete input is stored as `needs_info` and handed to
 * intake; complete input is routed to one named person with a deadline.
 *
 * Duplicates never create a second lead: a retry with the same `externalId` lands on the same lead
 * (deterministic id), and the same phone within 24 h attaches to the open lead already there.
 */
import { missingFields } from '../domain/completeness';
import type { AppConfig } from '../domain/config';
import { newLead } from '../domain/handoff';
import { FIELDS_FILLED_BY_REPEAT_CONTACT } from '../domain/intake-fields';
import { parseSubmission } from '../domain/intake-schema';
import type { CompletenessField, Lead, LeadDetails, PersonRef, Source } from '../domain/lead';
import { decideRouting, routeAndHand } from '../domain/route-and-hand';
import type { OwnerLoad } from '../domain/routing';
import { timelineEvent } from '../domain/timeline';
import { describeSource, HOUR_MS } from '../domain/wording';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../errors';
import { leadIdForExternal } from '../ids';
import { METRICS } from '../settings';
import type { CoreDeps, PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { mutateLead } from './lead-writes';
import { OwnerLoads } from './owner-loads';

/** How far back a phone number attaches a new submission to an open lead. */
export const DUPLICATE_WINDOW_HOURS = 24;

export interface Submission {
  channel: Source;
  format: 'json' | 'form';
  body: unknown;
}

/** The answer intake gives a caller (docs/product-rules.md §2 / issue: `201 {leadId, status, owner?, acceptBy?, missing?}`). */
export interface IntakeView {
  leadId: string;
  status: Lead['status'];
  owner?: PersonRef;
  acceptBy?: string;
  missing?: CompletenessField[];
  /** Set when the submission attached to a lead that already existed. */
  duplicateOf?: string;
}

export interface IntakeOutcome {
  /** `created` → 201; `existing` (retry or same customer again) → 200. */
  kind: 'created' | 'existing';
  view: IntakeView;
  lead: Lead;
}

/** What a caller sees of a lead: who it waits on and by when, or what it is missing. */
export const intakeView = (lead: Lead, duplicateOf?: string): IntakeView => {
  const waiting = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff : undefined;
  const owner = waiting?.to ?? lead.owner;
  return {
    leadId: lead.id,
    status: lead.status,
    ...(owner ? { owner } : {}),
    ...(waiting ? { acceptBy: waiting.acceptBy } : {}),
    ...(lead.status === 'needs_info' ? { missing: lead.missing } : {}),
    ...(duplicateOf ? { duplicateOf } : {}),
  };
};

/** Intake needs the core ports, metrics, and the dispatch of the handoffs it starts. */
export type IntakeDeps = CoreDeps & Pick<PipelineDeps, 'metrics'> & { dispatches: DispatchRequester };

export class IntakeService {
  private readonly loads: OwnerLoads;

  constructor(private readonly deps: IntakeDeps) {
    this.loads = new OwnerLoads(deps.store, deps.clock);
  }

  /** Validates, dedupes, routes and stores one submission. Throws `ValidationError` for malformed input. */
  async submit(submission: Submission): Promise<IntakeOutcome> {
    const { store, clock } = this.deps;
    const config = await this.deps.config.load();
    const now = clock.now();
    const parsed = parseSubmission(submission.body, {
      format: submission.format,
      channel: submission.channel,
      defaultCountry: config.business.defaultPhoneCountry,
      now: now.toISOString(),
      roster: config.roster,
    });
    if (!parsed.ok) throw new ValidationError('The lead is malformed', parsed.issues);
    const { details, missing } = parsed;

    const since = new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * HOUR_MS).toISOString();
    const [samePhone, loads] = await Promise.all([
      details.phone ? store.findByPhoneSince(details.phone, since) : Promise.resolve([]),
      this.loads.get(),
    ]);

    const id = details.externalId
      ? leadIdForExternal(submission.channel, details.externalId)
      : this.deps.ids.newLeadId(now);
    const openSamePhone = samePhone.find((ref) => ref.status !== 'closed' && ref.leadId !== id);
    if (openSamePhone) return this.attach(openSamePhone.leadId, details, config, loads, now);

    const lead = routeAndHand(
      newLead({ id, channel: submission.channel, details, missing, now }),
      decideRouting(details, missing, config, loads, now),
      config,
      now,
    );
    try {
      await store.create(lead);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await store.get(id);
      if (!existing)
        throw new NotFoundError(`Lead ${id} vanished after a duplicate create`, { cause: error });
      // A retry of a create whose answer was lost: make sure its dispatch was asked for.
      await this.deps.dispatches.request(existing);
      return { kind: 'existing', view: intakeView(existing), lead: existing };
    }
    if (lead.handoff) this.loads.assigned(lead.handoff.to.id, lead.handoff.createdAt);
    this.deps.metrics.count(METRICS.LeadsReceived, 1, { source: lead.source });
    await this.deps.dispatches.request(lead);
    return { kind: 'created', view: intakeView(lead), lead };
  }

  /**
   * The same customer again within the window: one lead, one timeline entry, gaps filled in; a
   * `needs_info` lead that is now complete gets routed.
   */
  private async attach(
    leadId: string,
    details: LeadDetails,
    config: AppConfig,
    loads: ReadonlyMap<string, OwnerLoad>,
    now: Date,
  ): Promise<IntakeOutcome> {
    const { store, clock } = this.deps;
    const { lead } = await mutateLead(
      store,
      leadId,
      (current) => {
        const filled: Lead = { ...current };
        const gained: string[] = [];
        for (const field of FIELDS_FILLED_BY_REPEAT_CONTACT) {
          if (filled[field] === undefined && details[field] !== undefined) {
            Object.assign(filled, { [field]: details[field] });
            gained.push(field);
          }
        }
        const stillMissing = missingFields(filled);
        const said = details.notes ? `: "${details.notes}"` : '';
        const contacted: Lead = {
          ...filled,
          missing: stillMissing,
          timeline: [
            ...current.timeline,
            timelineEvent(
              now,
              'contacted_again',
              { kind: 'source', id: details.source },
              `Customer contacted again via ${describeSource(details)}${said}`,
              {
                ...(gained.length ? { filled: gained.join(',') } : {}),
              },
            ),
          ],
        };
        if (current.status === 'needs_info' && stillMissing.length === 0) {
          const completed: Lead = {
            ...contacted,
            timeline: [
              ...contacted.timeline,
              timelineEvent(
                now,
                'lead_completed',
                { kind: 'source', id: details.source },
                'Missing details supplied by the customer; routing',
              ),
            ],
          };
          return routeAndHand(completed, decideRouting(completed, [], config, loads, now), config, now);
        }
        return contacted;
      },
      () => clock.now(),
    );
    await this.deps.dispatches.request(lead);
    return { kind: 'existing', view: intakeView(lead, leadId), lead };
  }
}
