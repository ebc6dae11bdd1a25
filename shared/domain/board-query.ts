/**
 * The board's query string (docs/product-rules.md §8): which view, a search, two filters and where the
 * previous page ended. Parsed and checked here, once, for the board page and the JSON list alike:
 * anything else (an unknown or repeated parameter, a value outside the vocabulary, a forged cursor) is
 * refused with a plain message, so a bad link never reaches a store.
 */
import * as z from 'zod';
import type { Issue } from '../errors';
import {
  LEAD_STATUSES,
  type LeadStatus,
  SOURCES,
  type Source,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from './lead';
import { toE164 } from './phone-number';

/** The board's lists: a person's own leads, every open lead, three queues, and the failed handoffs. */
export const BOARD_VIEWS = ['mine', 'all', 'unowned', 'overdue', 'needs_info', 'failed'] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

/** Each view in the navigation's words. */
export const VIEW_LABELS: Readonly<Record<BoardView, string>> = {
  all: 'All',
  mine: 'Mine',
  unowned: 'Unowned',
  overdue: 'Overdue',
  needs_info: 'Needs info',
  failed: 'Failed',
};

/** A status filter: a locked status name (§7, `new_lead` … `closed_lost`) or where the handoff stands. */
export const STATUS_FILTERS = [...STAGES, ...LEAD_STATUSES] as const;
export type StatusFilter = Stage | LeadStatus;

/** Each status filter in words: the locked names (§7), then where the handoff stands. */
export const STATUS_FILTER_LABELS: Readonly<Record<StatusFilter, string>> = {
  ...STAGE_LABELS,
  needs_info: 'Needs information',
  awaiting_acceptance: 'Waiting for acceptance',
  accepted: 'Accepted',
  closed: 'Closed',
};

/** Which list a cursor continues: leads (ordered by due time) or failed handoffs (newest first). */
export type CursorList = 'leads' | 'failed';

/** Where a page ended: the sort key of its last row in its list. */
export interface BoardCursor {
  list: CursorList;
  after: string;
}

export interface BoardQuery {
  view?: BoardView;
  /** A phone number in any common format, or part of a name. */
  q?: string;
  status?: StatusFilter;
  source?: Source;
  cursor?: BoardCursor;
}

export type BoardQueryResult = { ok: true; query: BoardQuery } | { ok: false; issues: Issue[] };

/** The longest search the board takes: longer than any name or phone number. */
export const MAX_SEARCH_LENGTH = 100;
const MAX_CURSOR_LENGTH = 200;

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z`;
/** `<due time>#<lead id>`: the key of a lead row (the `open` index's sort key). */
const LEAD_KEY = new RegExp(`^${ISO}#[0-9A-Z]{26}$`);
/** `<last seen>#<failure id>`: the key of a failed-handoff row. */
const FAILURE_KEY = new RegExp(`^${ISO}#[0-9A-Z]{26}\\.[0-9a-z.-]{1,120}$`);
const PREFIX: Record<CursorList, string> = { leads: 'L', failed: 'F' };

/** The cursor that continues `list` after the row with sort key `after` (opaque, URL-safe). */
export const encodeCursor = (list: CursorList, after: string): string =>
  Buffer.from(`${PREFIX[list]}|${after}`, 'utf8').toString('base64url');

/** A cursor this module made, or undefined for anything else. */
export const decodeCursor = (cursor: string): BoardCursor | undefined => {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [prefix, after, ...rest] = text.split('|');
  if (after === undefined || rest.length > 0) return undefined;
  if (prefix === PREFIX.leads && LEAD_KEY.test(after)) return { list: 'leads', after };
  if (prefix === PREFIX.failed && FAILURE_KEY.test(after)) return { list: 'failed', after };
  return undefined;
};

const PARAMETERS = ['view', 'q', 'status', 'source', 'cursor'] as const;

const CONTROL = /\p{Cc}/u;

const schema = z.strictObject({
  view: z.enum(BOARD_VIEWS, { error: `view must be one of: ${BOARD_VIEWS.join(', ')}` }).optional(),
  q: z
    .string()
    .trim()
    .max(MAX_SEARCH_LENGTH, `the search is longer than ${MAX_SEARCH_LENGTH} characters`)
    .refine((text) => !CONTROL.test(text), 'the search has characters that cannot be typed')
    .optional(),
  status: z.enum(STATUS_FILTERS, { error: `status must be one of: ${STATUS_FILTERS.join(', ')}` }).optional(),
  source: z.enum(SOURCES, { error: `source must be one of: ${SOURCES.join(', ')}` }).optional(),
  cursor: z
    .string()
    .transform((text, context) => {
      const cursor = decodeCursor(text);
      if (cursor === undefined) {
        context.addIssue({ code: 'custom', message: 'the page link (cursor) is not one the board made' });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
});

/**
 * The query of a request, from its parameters (each name with every value it was given). An empty value
 * counts as not given (a search form sends `q=` when the box is empty). Refused: a name the board does
 * not know, a name given twice, a value outside its vocabulary, a cursor the board did not make, and a
 * cursor of the other list (a failed-handoff page link on a lead view, or the other way round).
 */
export const parseBoardQuery = (
  parameters: Readonly<Record<string, readonly string[]>>,
): BoardQueryResult => {
  const issues: Issue[] = [];
  const given: Record<string, string> = {};
  for (const [name, values] of Object.entries(parameters)) {
    const shown = name.slice(0, 40);
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      issues.push({
        path: shown || '(empty)',
        message: `“${shown}” is not a board parameter (use ${PARAMETERS.join(', ')})`,
      });
      continue;
    }
    const filled = values.filter((value) => value !== '');
    if (filled.length > 1) issues.push({ path: name, message: `give ${name} once` });
    else if (filled[0] !== undefined) given[name] = filled[0];
  }
  if (issues.length > 0) return { ok: false, issues };
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || 'query',
        message: issue.message,
      })),
    };
  }
  const { q, ...rest } = parsed.data;
  const query: BoardQuery = { ...rest, ...(q ? { q } : {}) };
  const wantedList: CursorList = query.view === 'failed' ? 'failed' : 'leads';
  if (query.cursor && query.cursor.list !== wantedList) {
    return {
      ok: false,
      issues: [{ path: 'cursor', message: 'the page link (cursor) belongs to another view' }],
    };
  }
  if (query.view === 'failed' && (query.q || query.status || query.source)) {
    return {
      ok: false,
      issues: [
        {
          path: 'view',
          message: 'failed handoffs are listed whole: open the view without q, status or source',
        },
      ],
    };
  }
  return { ok: true, query };
};

/** What `q` asks for: leads with one phone number (any, closed too), or open leads by part of a name. */
export type Search = { kind: 'phone'; phone: string } | { kind: 'name'; text: string };

/**
 * `q` as a search: with a letter in it, part of a name; otherwise a whole phone number in any common
 * format (`(512) 555-0100`, `512.555.0100`, `+1 512 555 0100`), read as E.164 with the business's
 * default country. Digits that make no whole number are refused (a partial number would find nothing).
 */
export const searchOf = (
  q: string,
  defaultCountry: string,
): { ok: true; search: Search } | { ok: false; issue: Issue } => {
  if (/\p{L}/u.test(q)) return { ok: true, search: { kind: 'name', text: q } };
  const phone = toE164(q, defaultCountry);
  if (phone !== undefined) return { ok: true, search: { kind: 'phone', phone } };
  return {
    ok: false,
    issue: { path: 'q', message: 'type a whole phone number, like (512) 555-0100, or part of a name' },
  };
};
