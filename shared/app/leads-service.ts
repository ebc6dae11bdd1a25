/**
 * Ops view and repair of a lead: read it with its timeline, and complete or correct its details
 * (`PATCH /leads/{id}`). A `needs_info` lead that becomes complete is routed like a new one.
 */

import { acceptanceWindow } from '../domain/acceptance-window';
import { describeFields, IMMUTABLE_FIELDS, leadDetailsOf } from '../domain/intake-fields';
import { parseSubmission } from '../domain/intake-schema';
import type { Actor, Lead } from '../domain/lead';
import { assigneeOf } from '../domain/lead';
import { changedFields, mergePatch } from '../domain/lead-patch';
import { checkNextAction } from '../domain/next-action';
import { personById } from '../domain/roster';
import { decideRouting, routeAndHand } from '../domain/route-and-hand';
import { personRef } from '../domain/routing';
import { timelineEvent } from '../domain/timeline';
import { transferSchema } from '../domain/transfer-body';
import { transferLead } from '../domain/transitions';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { CoreDeps } from './deps';
import type { DispatchRequester } from './dispatch-requester';
import { currentLoads, mutateLead } from './lead-writes';

/** The core ports, and the dispatch of the handoffs a completion or transfer starts. */
export type LeadsDeps = CoreDeps & { dispatches: DispatchRequester };

export class LeadsService {
  constructor(private readonly deps: LeadsDeps) {}

  async get(id: string): Promise<Lead> {
    const lead = await this.deps.store.get(id);
    if (!lead) throw new NotFoundError(`Lead ${id} not found`);
    return lead;
  }

  /**
   * Applies a partial update of the captured fields (`mergePatch`: null leaves a field as it is); routes a
   * `needs_info` lead once it is complete. An update that changes no field writes nothing.
   */
  async update(id: string, body: unknown, actor: Actor): Promise<Lead> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError('The update is malformed', [
        { path: 'body', message: 'expected a JSON object' },
      ]);
    }
    const fields = Object.keys(body);
    if (fields.length === 0) {
      throw new ValidationError('The update is empty', [{ path: 'body', message: 'no fields to update' }]);
    }
    const immutable = IMMUTABLE_FIELDS.filter((field) => fields.includes(field));
    if (immutable.length > 0) {
      throw new ValidationError(
        'The update is malformed',
        immutable.map((field) => ({ path: field, message: 'cannot be changed after intake' })),
      );
    }
    const { store, clock } = this.deps;
    const config = await this.deps.config.load();
    const existing = await this.get(id);
    if (existing.status === 'closed') throw new ConflictError(`Lead ${id} is closed`);
    const now = clock.now();
    const parsed = parseSubmission(mergePatch(leadDetailsOf(existing), body as Record<string, unknown>), {
      format: 'json',
      mode: 'strict',
      channel: existing.channel,
      defaultCountry: config.business.defaultPhoneCountry,
      now: now.toISOString(),
      roster: config.roster,
    });
    if (!parsed.ok) throw new ValidationError('The update is malformed', parsed.issues);
    const loads =
      existing.status === 'needs_info' && parsed.missing.length === 0 ? await currentLoads(store) : undefined;

    const { lead, changed } = await mutateLead(
      store,
      id,
      (current) => {
        if (current.status === 'closed') throw new ConflictError(`Lead ${id} is closed`);
        const changes = changedFields(
          leadDetailsOf(current),
          leadDetailsOf({ ...current, ...parsed.details }),
        );
        // Nulls, blanks and the values already stored change nothing: no new version, no timeline entry.
        if (changes.length === 0) return undefined;
        const updated: Lead = {
          ...current,
          ...parsed.details,
          missing: parsed.missing,
          timeline: [
            ...current.timeline,
            timelineEvent(
              now,
              'details_updated',
              actor,
              `Details updated: ${describeFields(changes.sort())}`,
            ),
          ],
        };
        if (current.status !== 'needs_info' || parsed.missing.length > 0 || !loads) return updated;
        const completed: Lead = {
          ...updated,
          timeline: [
            ...updated.timeline,
            timelineEvent(now, 'lead_completed', actor, 'Lead complete; routing'),
          ],
        };
        return routeAndHand(completed, decideRouting(completed, [], config, loads, now), config, now);
      },
      () => clock.now(),
    );
    if (changed) await this.deps.dispatches.request(lead);
    return lead;
  }

  /**
   * An explicit transfer (docs/product-rules.md §3 "one current owner"): a new handoff, with its reason, that the new
   * person must accept; until then the current owner stays responsible.
   */
  async transfer(id: string, body: unknown, actor: Actor): Promise<Lead> {
    const parsed = transferSchema.safeParse(body);
    if (!parsed.success) {
      throw new ValidationError(
        'The transfer is malformed',
        parsed.error.issues.map((issue) => ({
          path: issue.path.join('.') || 'body',
          message: issue.message,
        })),
      );
    }
    const { store, clock } = this.deps;
    const config = await this.deps.config.load();
    const person = personById(config, parsed.data.to);
    if (!person?.active) {
      throw new ValidationError('Unknown person', [
        { path: 'to', message: 'not an active person on the roster' },
      ]);
    }
    if (parsed.data.nextAction !== undefined) {
      const check = checkNextAction(parsed.data.nextAction);
      if (!check.ok)
        throw new ValidationError('Vague next action', [{ path: 'nextAction', message: check.message }]);
    }
    const { lead } = await mutateLead(
      store,
      id,
      (current) => {
        if (current.status === 'closed') throw new ConflictError(`Lead ${id} is closed`);
        if (current.status === 'needs_info') {
          throw new ConflictError(
            `Lead ${id} still needs information: complete it (PATCH) before transferring`,
          );
        }
        if (assigneeOf(current)?.id === person.id)
          throw new ConflictError(`Lead ${id} is already with ${person.name}`);
        const now = clock.now();
        const windows = acceptanceWindow(config, current.urgency, now);
        return transferLead(current, {
          to: personRef(person),
          reason: parsed.data.reason,
          nextAction:
            parsed.data.nextAction ??
            current.nextAction ??
            current.handoff?.nextAction ??
            'Call the customer to agree the next step',
          ...windows,
          now,
          timeZone: config.business.timezone,
          actor,
        });
      },
      () => clock.now(),
    );
    await this.deps.dispatches.request(lead);
    return lead;
  }
}
