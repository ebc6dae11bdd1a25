/**
 * Intake (docs/product-rules.md §2): capture every lead before the conversation ends. Only what cannot be
 * a lead (no valid phone and no valid email) is refused, with its problems listed and nothing stored;
 * anything else odd is captured with `warnings` (unknown fields kept under `extra`); incomplete input is
 * stored as `needs_info` and handed to intake; complete input is routed to one named person with a
 * deadline. A source's test lead is stored closed and marked, never routed, and nobody is notified.
 *
 * Duplicates never create a second lead: a retry with the same `externalId` lands on the same lead
 * (deterministic id), and the same phone within 24 h attaches to the open lead already there: the
 * phone's marker (`LeadStore.claimPhone`, a conditional write) says which, so parallel submissions
 * from one phone agree on one lead.
 */
import { missingFields } from '../domain/completeness';
import type { AppConfig } from '../domain/config';
import { newLead } from '../domain/handoff';
import { type Captured, withCapture } from '../domain/intake-extra';
import { FIELDS_FILLED_BY_REPEAT_CONTACT } from '../domain/intake-fields';
import { parseSubmission } from '../domain/intake-schema';
import type { CompletenessField, IntakeWarning, Lead, LeadDetails, PersonRef, Source } from '../domain/lead';
import { decideRouting, routeAndHand } from '../domain/route-and-hand';
import type { OwnerLoad } from '../domain/routing';
import { timelineEvent } from '../domain/timeline';
import { describeSource, HOUR_MS } from '../domain/wording';
import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError } from '../errors';
import { leadIdForExternal } from '../ids';
import type { PhoneClaim, PhoneMarker } from '../ports';
import { METRICS } from '../settings';
import type { CoreDeps, PipelineDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { mutateLead } from './lead-writes';
import { OwnerLoads } from './owner-loads';

/** How far back a phone number attaches a new submission to an open lead. */
export const DUPLICATE_WINDOW_HOURS = 24;

/** Tries to place a submission on its phone's marker before giving up with `ConflictError`. */
const MARKER_ATTEMPTS = 5;
/**
 * Write attempts of a repeat contact: each refused write means another writer of the lead succeeded,
 * so this many parallel submissions from one phone all land on its lead.
 */
const REPEAT_CONTACT_ATTEMPTS = 40;

/** A parsed submission on its way to a lead, with what routing it needs. */
interface Arrival {
  channel: Source;
  details: LeadDetails;
  missing: CompletenessField[];
  /** What intake kept besides the fields: this submission's warnings and extra fields; a test lead. */
  capture: Captured;
  config: AppConfig;
  loads: ReadonlyMap<string, OwnerLoad>;
  now: Date;
}

export interface Submission {
  channel: Source;
  format: 'json' | 'form';
  body: unknown;
}

/**
 * The answer intake gives a caller (docs/api.md "POST /leads"):
 * `{leadId, status, owner?, acceptBy?, missing?, warnings?, test?, duplicateOf?}`.
 */
export interface IntakeView {
  leadId: string;
  status: Lead['status'];
  owner?: PersonRef;
  acceptBy?: string;
  missing?: CompletenessField[];
  /** What intake left out, cut or could not match in this submission, in plain words. */
  warnings?: IntakeWarning[];
  /** A source's test lead: stored, never routed. */
  test?: true;
  /** Set when the submission attached to a lead that already existed. */
  duplicateOf?: string;
}

export interface IntakeOutcome {
  /** `created` → 201; `existing` (retry or same customer again) → 200. */
  kind: 'created' | 'existing';
  view: IntakeView;
  lead: Lead;
}

/**
 * What a caller sees of a lead: who it waits on and by when, or what it is missing, and the warnings of
 * the submission answered (by default the lead's own: a retry gets the first answer again).
 */
export const intakeView = (
  lead: Lead,
  duplicateOf?: string,
  warnings: readonly IntakeWarning[] = lead.warnings ?? [],
): IntakeView => {
  const waiting = lead.handoff?.state === 'awaiting_acceptance' ? lead.handoff : undefined;
  const owner = waiting?.to ?? lead.owner;
  return {
    leadId: lead.id,
    status: lead.status,
    ...(owner ? { owner } : {}),
    ...(waiting ? { acceptBy: waiting.acceptBy } : {}),
    ...(lead.status === 'needs_info' ? { missing: lead.missing } : {}),
    ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
    ...(lead.test ? { test: lead.test } : {}),
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

  /**
   * Captures, dedupes, routes and stores one submission. Throws `ValidationError` only for what cannot be a
   * lead (not an object of fields; no valid phone and no valid email).
   */
  async submit(submission: Submission): Promise<IntakeOutcome> {
    const { store, clock } = this.deps;
    const config = await this.deps.config.load();
    const now = clock.now();
    const parsed = parseSubmission(submission.body, {
      format: submission.format,
      mode: 'capture',
      channel: submission.channel,
      defaultCountry: config.business.defaultPhoneCountry,
      now: now.toISOString(),
      roster: config.roster,
    });
    if (!parsed.ok) throw new ValidationError('The lead cannot be captured', parsed.issues);
    const { details, missing, warnings, extra, test } = parsed;
    const capture: Captured = { warnings, extra, test };

    const id = details.externalId
      ? leadIdForExternal(submission.channel, details.externalId)
      : this.deps.ids.newLeadId(now);
    // A test lead never meets a real one: it takes no phone marker.
    const phone = capture.test ? undefined : details.phone;
    const [claim, loads] = await Promise.all([
      phone ? store.claimPhone(this.marker(phone, id, now), now) : undefined,
      this.loads.get(),
    ]);
    const arrival: Arrival = { channel: submission.channel, details, missing, capture, config, loads, now };
    if (!phone || !claim) return this.createOrJoin(arrival, id);
    return this.place(arrival, phone, id, claim);
  }

  /** A marker pointing `phone` at `leadId` for the repeat-contact window starting `now`. */
  private marker(phone: string, leadId: string, now: Date): PhoneMarker {
    return {
      phone,
      leadId,
      expiresAt: new Date(now.getTime() + DUPLICATE_WINDOW_HOURS * HOUR_MS).toISOString(),
    };
  }

  /**
   * Where a submission with a phone lands (docs/product-rules.md §2), decided by the phone's marker:
   * holding it, the submission is a new lead under its own id; a marker pointing at an open lead makes
   * it a repeat contact of that lead; a marker whose lead is closed is taken over (conditional on the
   * marker read). A marker whose lead is not there belongs to an intake still running or one that
   * crashed half way: that lead is created under the marker's id by whichever submission comes first,
   * and the other joins it, so the race has one winner and a crash blocks nobody.
   */
  private async place(
    arrival: Arrival,
    phone: string,
    id: string,
    first: PhoneClaim,
  ): Promise<IntakeOutcome> {
    const { store } = this.deps;
    let claim = first;
    for (let attempt = 0; attempt < MARKER_ATTEMPTS; attempt += 1) {
      if (claim.claimed || claim.holder.leadId === id) return this.createOrJoin(arrival, id);
      const { holder } = claim;
      const lead = await store.get(holder.leadId);
      if (!lead) {
        const outcome = await this.createOrJoin(arrival, holder.leadId);
        // The window runs from the lead's creation, not from the claim that never made it.
        if (outcome.kind === 'created') {
          await store.takeOverPhone(this.marker(phone, holder.leadId, arrival.now), holder, arrival.now);
        }
        return outcome;
      }
      if (lead.status !== 'closed' && lead.phone === phone) return this.join(arrival, lead);
      claim = await store.takeOverPhone(this.marker(phone, id, arrival.now), holder, arrival.now);
    }
    throw new ConflictError('The phone marker kept changing; try again');
  }

  /** Creates the lead under `id`; if a lead has that id already, joins it. */
  private async createOrJoin(arrival: Arrival, id: string): Promise<IntakeOutcome> {
    const { channel, details, missing, capture, config, loads, now } = arrival;
    const captured = newLead({ id, channel, details, missing, now, capture });
    const lead = captured.test
      ? captured
      : routeAndHand(captured, decideRouting(details, missing, config, loads, now), config, now);
    try {
      await this.deps.store.create(lead);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.deps.store.get(id);
      if (!existing)
        throw new NotFoundError(`Lead ${id} vanished after a duplicate create`, { cause: error });
      return this.join(arrival, existing);
    }
    if (lead.handoff) this.loads.assigned(lead.handoff.to.id, lead.handoff.createdAt);
    if (!lead.test) this.deps.metrics.count(METRICS.LeadsReceived, 1, { source: lead.source });
    await this.deps.dispatches.request(lead);
    return { kind: 'created', view: intakeView(lead), lead };
  }

  /**
   * The submission meets a lead that exists: a retry of the very submission that made it (same source,
   * same `externalId`) gets that lead's answer, and so does anything meeting a test lead or coming from
   * one (a test never mixes with a real lead); anything else is the customer again.
   */
  private async join(arrival: Arrival, lead: Lead): Promise<IntakeOutcome> {
    const { externalId } = arrival.details;
    const retry =
      externalId !== undefined && lead.externalId === externalId && lead.channel === arrival.channel;
    if (retry || arrival.capture.test || lead.test) {
      // A retry of a create whose answer was lost: make sure its dispatch was asked for (none for a test).
      await this.deps.dispatches.request(lead);
      return { kind: 'existing', view: intakeView(lead), lead };
    }
    return this.attach(lead.id, arrival);
  }

  /**
   * The same customer again within the window: one lead, one timeline entry, gaps filled in; a
   * `needs_info` lead that is now complete gets routed.
   */
  private async attach(leadId: string, arrival: Arrival): Promise<IntakeOutcome> {
    const { details, capture, config, loads, now } = arrival;
    const { store, clock } = this.deps;
    const { lead } = await mutateLead(
      store,
      leadId,
      (current) => {
        const filled: Lead = withCapture({ ...current }, capture);
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
      REPEAT_CONTACT_ATTEMPTS,
    );
    await this.deps.dispatches.request(lead);
    return { kind: 'existing', view: intakeView(lead, leadId, capture.warnings), lead };
  }
}
