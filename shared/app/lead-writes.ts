/**
 * Optimistic read-modify-write of one lead. The lead item is the unit of consistency: every change is
 * a conditional write on the version that was read, so two writers racing (an acceptance and its
 * deadline timer, say) resolve to exactly one outcome and the loser re-decides on fresh state.
 */

import type { Lead } from '../domain/lead';
import type { OwnerLoad } from '../domain/routing';
import { loadsFrom } from '../domain/routing';
import { ConflictError, NotFoundError } from '../errors';
import type { LeadStore, OpenLeadRef } from '../ports';

export interface MutationResult {
  lead: Lead;
  changed: boolean;
}

/**
 * Applies `change` to the current lead and writes it if the version still matches, re-reading and
 * re-applying on a conflict. `change` returns `undefined` when there is nothing to do (the state has
 * moved on), which makes callers idempotent.
 */
export const mutateLead = async (
  store: LeadStore,
  id: string,
  change: (lead: Lead) => Lead | undefined,
  now: () => Date,
  attempts = 8,
): Promise<MutationResult> => {
  for (let attempt = 1; ; attempt += 1) {
    const current = await store.get(id);
    if (!current) throw new NotFoundError(`Lead ${id} not found`);
    const next = change(current);
    if (!next) return { lead: current, changed: false };
    const written: Lead = { ...next, version: current.version + 1, updatedAt: now().toISOString() };
    try {
      await store.replace(written, current.version);
      return { lead: written, changed: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
};

/** Every open lead, page by page (the sparse `open` index holds only leads not closed). */
export const allOpenLeads = async (store: LeadStore): Promise<OpenLeadRef[]> => {
  const all: OpenLeadRef[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listOpen(cursor ? { cursor } : {});
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
};

/** Open handoffs per person, for capacity and round-robin. */
export const currentLoads = async (store: LeadStore): Promise<Map<string, OwnerLoad>> =>
  loadsFrom(await allOpenLeads(store));
