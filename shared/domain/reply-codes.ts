/**
 * Reply codes (docs/product-rules.md §12): the short code a handoff SMS asks its recipient to reply
 * with (`Reply 1A to accept`). A digit and a letter (no I or O, which read as 1 and 0): 216 codes, so
 * a code is unique among one person's open handoffs, and a code freed by a resolved handoff is rarely
 * given again soon (the pick is spread by a hash of the lead and step, not "the lowest free").
 */
import type { Lead } from './lead';

const DIGITS = '123456789';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Every reply code, in order: `1A`, `2A`, … `9A`, `1B`, … */
export const REPLY_CODES: readonly string[] = Array.from(LETTERS).flatMap((letter) =>
  Array.from(DIGITS, (digit) => `${digit}${letter}`),
);

const CODE_SET = new Set(REPLY_CODES);

/** The code in its stored form (`1a` → `1A`) when `text` is one, else undefined. */
export const asReplyCode = (text: string): string | undefined => {
  const code = text.trim().toUpperCase();
  return CODE_SET.has(code) ? code : undefined;
};

/** FNV-1a of a string: a stable spread, not a secret. */
const spread = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

/**
 * The code for handoff `seq` of `leadId`: one not in `taken` (the person's other open handoffs'
 * codes), chosen by a hash of the lead and step; undefined only when all 216 are taken.
 */
export const pickReplyCode = (
  leadId: string,
  seq: number,
  taken: ReadonlySet<string>,
): string | undefined => {
  const free = REPLY_CODES.filter((code) => !taken.has(code));
  return free[spread(`${leadId}#${seq}`) % Math.max(free.length, 1)];
};

/**
 * Gives handoff `seq` its reply code (and records it on the lead's list of codes given). Undefined
 * (nothing to write) when the handoff moved on, is no longer awaiting acceptance or already has one.
 */
export const assignReplyCode = (lead: Lead, seq: number, code: string): Lead | undefined => {
  const handoff = lead.handoff;
  if (!handoff || handoff.seq !== seq || handoff.state !== 'awaiting_acceptance' || handoff.replyCode)
    return undefined;
  return {
    ...lead,
    handoff: { ...handoff, replyCode: code },
    replyCodes: [...(lead.replyCodes ?? []), { seq, personId: handoff.to.id, code }],
  };
};

/** The step of `lead` that gave `personId` this code, if any (the latest when given twice). */
export const stepOfCode = (lead: Lead, personId: string, code: string): number | undefined =>
  (lead.replyCodes ?? []).filter((r) => r.personId === personId && r.code === code).at(-1)?.seq;
