/**
 * The board (docs/product-rules.md §8), read only in this slice: the open leads a person may see, in the order of the
 * `open` index (next attention first), as rows in people's words; and one lead, if they may see it.
 * Views (mine, unowned, overdue...), search and actions come later and plug in here.
 */
import { involvementOf, maySeeLead, SEES_EVERY_LEAD, type Viewer } from '../domain/board-access';
import { type BoardRow, boardRow } from '../domain/board-row';
import type { Lead } from '../domain/lead';
import type { Clock, ConfigSource, LeadStore, OpenLeadRef } from '../ports';
import { BOARD } from '../settings';

export interface BoardDeps {
  store: LeadStore;
  config: ConfigSource;
  clock: Clock;
}

/** The most index pages read for one board (100 leads each): far above a small shop's open leads. */
export const MAX_OPEN_PAGES = 20;

export class BoardService {
  constructor(private readonly deps: BoardDeps) {}

  /** The rows of every open lead `viewer` may see, next attention first. */
  async rows(viewer: Viewer): Promise<BoardRow[]> {
    const refs = await this.openRefs();
    const everyLead = SEES_EVERY_LEAD.includes(viewer.role);
    // The index's assignee is the handoff recipient or the owner: enough to skip reading others' leads.
    const wanted = everyLead ? refs : refs.filter((ref) => ref.assigneeId === viewer.id);
    const leads = await this.deps.store.getMany(wanted.map((ref) => ref.leadId));
    const byId = new Map(leads.map((lead) => [lead.id, lead]));
    const config = await this.deps.config.load();
    const now = this.deps.clock.now();
    return wanted
      .map((ref) => byId.get(ref.leadId))
      .filter((lead): lead is Lead => lead !== undefined && lead.status !== 'closed')
      .filter((lead) => maySeeLead(viewer, involvementOf(lead)))
      .map((lead) => boardRow(lead, config, now));
  }

  /** One lead's row, or undefined when it does not exist or `viewer` may not see it (both 404). */
  async lead(viewer: Viewer, leadId: string): Promise<BoardRow | undefined> {
    if (!/^[0-9A-Z]{26}$/.test(leadId)) return undefined;
    const lead = await this.deps.store.get(leadId);
    if (!lead || !maySeeLead(viewer, involvementOf(lead))) return undefined;
    return boardRow(lead, await this.deps.config.load(), this.deps.clock.now());
  }

  private async openRefs(): Promise<OpenLeadRef[]> {
    const refs: OpenLeadRef[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_OPEN_PAGES; page += 1) {
      const result = await this.deps.store.listOpen({
        limit: BOARD.openPageSize,
        ...(cursor ? { cursor } : {}),
      });
      refs.push(...result.items);
      cursor = result.cursor;
      if (!cursor) break;
    }
    return refs;
  }
}
