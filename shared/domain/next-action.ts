/**
 * The "next action must be specific" rule.
 *
 * A handoff without a specific next action is only a status change. Vague actions ("follow up", "check
 * later", "handle this", "reply when possible", "see thread") are refused; a specific one names what to
 * do, e.g. "send two appointment options by Wednesday" or "call to book same-day inspection".
 */

import { renderNextAction, WITHIN_PLACEHOLDER } from './wording';

/** Result of checking a next action: the trimmed action, or a message saying how to fix it. */
export type NextActionCheck = { ok: true; action: string } | { ok: false; message: string };

/** Fewer words than this is never specific enough. */
export const MIN_NEXT_ACTION_WORDS = 3;
/** Fewer characters than this is never specific enough. */
export const MIN_NEXT_ACTION_LENGTH = 12;

/**
 * Words that add no meaning to an action: politeness, pronouns, "the customer", and loose time words
 * ("today", "later", "asap"). They are removed before the remaining words are judged.
 */
const FILLER_WORDS = new Set([
  'a',
  'an',
  'the',
  'please',
  'pls',
  'plz',
  'kindly',
  'just',
  'again',
  'to',
  'with',
  'on',
  'about',
  'for',
  're',
  'regarding',
  'and',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'them',
  'him',
  'her',
  'they',
  'he',
  'she',
  'me',
  'us',
  'we',
  'i',
  'you',
  'someone',
  'somebody',
  'will',
  'should',
  'must',
  'need',
  'needs',
  'can',
  'customer',
  'customers',
  'client',
  'clients',
  'homeowner',
  'lead',
  'leads',
  'one',
  'asap',
  'urgent',
  'urgently',
  'today',
  'tomorrow',
  'tonight',
  'soon',
  'later',
  'now',
  'eod',
  'sometime',
  'when',
  'whenever',
  'possible',
  'if',
  'get',
  'chance',
  'quickly',
  'thanks',
  'thank',
  'thx',
  'ty',
]);

/** Phrases that do not say what to do (the usual weak next actions and their common cousins). */
export const VAGUE_NEXT_ACTIONS: readonly string[] = [
  'follow up',
  'followup',
  'follow-up',
  'check later',
  'check',
  'check in',
  'check on it',
  'handle this',
  'handle',
  'reply when possible',
  'reply',
  'respond',
  'see thread',
  'see email',
  'see notes',
  'see above',
  'touch base',
  'circle back',
  'look into it',
  'look at it',
  'take care of it',
  'deal with it',
  'sort it out',
  'work on it',
  'tbd',
  'todo',
  'to do',
  'n/a',
  'na',
  'none',
  'ping them',
  'call',
  'call back',
  'email',
  'text',
  'contact',
  'reach out',
  'get back to them',
  'get in touch',
  'ok',
  'okay',
  'done',
  'fyi',
  'update',
  'review',
  'as discussed',
  'same as before',
  'keep warm',
  'nurture',
];

const tokensOf = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);

/** The words of `text` that carry meaning. */
const meaningfulWords = (text: string): string[] => tokensOf(text).filter((word) => !FILLER_WORDS.has(word));

/** Every meaningful word of every vague phrase: an action made only of these still says nothing. */
const VAGUE_WORDS = new Set([
  ...VAGUE_NEXT_ACTIONS.flatMap(meaningfulWords),
  // Connectors that only appear inside vague phrases ("look into", "back", "in").
  'into',
  'back',
  'in',
  'up',
  'out',
  'of',
  'at',
  'by',
  'or',
  // Nouns that name no object of the action.
  'status',
  'things',
  'stuff',
  'situation',
  'matter',
  'details',
  // Waiting is not an action.
  'wait',
  'waiting',
  'pending',
  'hold',
]);

const EXAMPLES = 'e.g. "call to book a same-day inspection" or "send two appointment options by Wednesday"';

/**
 * Checks that a next action says exactly what to do. Rejects vague phrases (also once punctuation, case
 * and filler words are removed), anything under 3 words (of two letters or more) or 12 characters, and actions made only of
 * generic verbs ("call and email the customer"). Returns the trimmed action when it is specific.
 */
export const checkNextAction = (text: string): NextActionCheck => {
  const action = text.trim().replace(/\s+/g, ' ');
  if (action.length === 0) {
    return {
      ok: false,
      message: `A next action is required: say exactly what to do and by when, ${EXAMPLES}.`,
    };
  }
  // Words are runs of letters and digits; only those with two letters or more count (not "z", "1", "C").
  const words = tokensOf(action).filter((word) => (word.match(/\p{L}/gu)?.length ?? 0) >= 2);
  if (words.length < MIN_NEXT_ACTION_WORDS || action.length < MIN_NEXT_ACTION_LENGTH) {
    return {
      ok: false,
      message: `Next action "${action}" is too short: say exactly what to do and by when in at least ${MIN_NEXT_ACTION_WORDS} words, ${EXAMPLES}.`,
    };
  }
  const meaningful = meaningfulWords(action);
  if (meaningful.every((word) => VAGUE_WORDS.has(word))) {
    return {
      ok: false,
      message: `Next action "${action}" is too vague: say exactly what to do and by when, ${EXAMPLES}.`,
    };
  }
  return { ok: true, action };
};

/** A duration written into an action by hand (`5 minutes`, `2 h`, `1 day`), which a setting would contradict. */
const HARD_CODED_DURATION = /\b\d+\s*(?:m|min|mins|minutes?|h|hrs?|hours?|d|days?)\b/i;

/**
 * Checks a routing rule's configured next action: specific (`checkNextAction`), and without a duration
 * written in by hand: it says `{within}` instead, so the text follows `business.nextActionDueMinutes`.
 */
export const checkRuleNextAction = (text: string): NextActionCheck => {
  const check = checkNextAction(renderNextAction(text, 5));
  if (!check.ok) return check;
  if (HARD_CODED_DURATION.test(text)) {
    return {
      ok: false,
      message: `Next action "${text.trim()}" names a time by hand: write ${WITHIN_PLACEHOLDER} instead (e.g. "Call the customer ${WITHIN_PLACEHOLDER} and dispatch the nearest tech"); the time comes from business.nextActionDueMinutes.`,
    };
  }
  return { ok: true, action: text.trim().replace(/\s+/g, ' ') };
};
