/**
 * The timeline as staff pages show it (docs/product-rules.md §8, "in people's words"): a routing entry says
 * who got the lead, not which rule, workload or field ids chose them (those stay in the stored entry,
 * for ops and the weekly QA sample), and who it passed over because they were away.
 */
import { awayWords } from './away';
import type { AppConfig } from './config';
import type { TimelineEvent } from './lead';
import { personById } from './roster';
import { describePerson } from './wording';

/** `timeline` with its routing entries' summaries in people's words. */
export const inPeoplesWords = (timeline: readonly TimelineEvent[], config: AppConfig): TimelineEvent[] =>
  timeline.map((event) => {
    if (event.type !== 'routed' && event.type !== 'needs_info') return event;
    const person = personById(config, event.data.toId);
    if (!person) return event;
    const away = (event.data.away ?? []).map((skip) => awayWords(skip, config, new Date(event.at)));
    const skipped = away.length === 0 ? '' : `: ${away.join('; ')}`;
    const summary =
      event.type === 'routed'
        ? `Routed to ${describePerson(person)}${skipped}`
        : `Details missing: handed to ${describePerson(person)} to complete${skipped}`;
    return { ...event, summary };
  });
