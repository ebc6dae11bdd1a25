/**
 * The weekly numbers per lead source (docs/product-rules.md §8, §11): where leads come from, and how fast
 * each source's leads are answered, accepted and followed up — so a business sees whether its Angi leads
 * wait longer than its phone calls. The same measures as the whole week's (`weekly-numbers.ts`).
 */
import { type Lead, SOURCES, type Source } from './lead';
import {
  acceptanceLatency,
  type DurationStats,
  type EstimateFollowUpStats,
  estimateStats,
  type ResponseStats,
  responseStats,
  type StaleEstimate,
} from './weekly-numbers';

/** One source's numbers for the week's leads. */
export interface SourceNumbers {
  source: Source;
  leadsReceived: number;
  speedToFirstResponse: ResponseStats;
  acceptanceLatency: DurationStats;
  estimates: EstimateFollowUpStats;
  /** Open estimates of this source older than the stale limit (any week). */
  staleOpenEstimates: number;
}

/**
 * The numbers per source, in the order of `SOURCES`: every source with leads this week or a stale open
 * estimate; sources with neither are left out.
 */
export const numbersBySource = (input: {
  leads: readonly Lead[];
  openLeads: readonly Lead[];
  stale: readonly StaleEstimate[];
  now: Date;
}): SourceNumbers[] => {
  const sourceOf = new Map(input.openLeads.map((lead) => [lead.id, lead.source]));
  return SOURCES.flatMap((source): SourceNumbers[] => {
    const leads = input.leads.filter((lead) => lead.source === source);
    const stale = input.stale.filter((item) => sourceOf.get(item.leadId) === source).length;
    if (leads.length === 0 && stale === 0) return [];
    return [
      {
        source,
        leadsReceived: leads.length,
        speedToFirstResponse: responseStats(leads, ['acknowledgement_sent', 'contact_logged']),
        acceptanceLatency: acceptanceLatency(leads),
        estimates: estimateStats(leads, input.now),
        staleOpenEstimates: stale,
      },
    ];
  });
};
