/**
 * The weekly QA sample: a deterministic pseudo-random pick of handoffs (the same week always gives the
 * same sample), each with the facts that answer the five QA questions.
 */
import { mulberry32 } from '../random';
import type { AppConfig } from './config';
import type { Lead } from './lead';
import { type QaItem, qaItem } from './qa-answers';
import { handoffSeqs } from './report-timeline';

/** FNV-1a: a small stable hash of the week id, to seed the sample. */
const hashOf = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

const shuffle = <T>(items: T[], random: () => number): T[] => {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const item = items[index] as T;
    items[index] = items[other] as T;
    items[other] = item;
  }
  return items;
};

const byCreated = (a: Lead, b: Lead): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * A deterministic pseudo-random sample of `size` handoffs of `leads` (seeded by the week id, whatever
 * the order of `leads`): one handoff per lead while there are enough leads, then more handoffs of the
 * same leads. Each comes with the facts that answer the five QA questions. `config`, when
 * given, names recipients from the roster and supplies the acceptance window a handoff does not carry.
 */
export const qaSample = (
  leads: readonly Lead[],
  week: string,
  size: number,
  config?: AppConfig,
): QaItem[] => {
  if (size <= 0) return [];
  const random = mulberry32(hashOf(week));
  const candidates = shuffle(
    [...leads]
      .sort(byCreated)
      .map((lead) => ({ lead, seqs: handoffSeqs(lead) }))
      .filter((candidate) => candidate.seqs.length > 0),
    random,
  );
  const picked = candidates.slice(0, size).map(({ lead, seqs }) => ({
    lead,
    seq: seqs[Math.floor(random() * seqs.length)] ?? 1,
  }));
  if (picked.length < size) {
    const rest = candidates.flatMap(({ lead, seqs }) =>
      seqs
        .filter((seq) => !picked.some((p) => p.lead === lead && p.seq === seq))
        .map((seq) => ({ lead, seq })),
    );
    picked.push(...shuffle(rest, random).slice(0, size - picked.length));
  }
  return picked
    .sort((a, b) => byCreated(a.lead, b.lead) || a.seq - b.seq)
    .map(({ lead, seq }) => qaItem(lead, seq, config));
};
