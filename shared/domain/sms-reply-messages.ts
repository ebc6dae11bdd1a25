/**
 * What we text back to an inbound SMS (docs/product-rules.md §12): short, GSM-7, one or two segments,
 * no customer details beyond what the sender's own handoff SMS carried. Pure.
 */
import type { AppConfig } from './config';
import type { PersonRef } from './lead';
import { SMS_MAX_SEPTETS, smsEncoding, toGsm } from './sms';
import { describePerson } from './wording';

/** `text` in GSM-7, cut with `...` to two segments. */
const sms = (text: string): string => {
  let out = toGsm(text);
  while (smsEncoding(out).units > SMS_MAX_SEPTETS) out = `${out.slice(0, -4)}...`;
  return out;
};

/** How to reach the office: the first active office manager, operations lead or owner with a phone. */
export const officeContact = (config: AppConfig): string => {
  for (const role of ['office_manager', 'operations', 'business_owner'] as const) {
    const person = config.roster.people.find((p) => p.role === role && p.active && p.phone);
    if (person?.phone) return `${person.name} at ${person.phone}`;
  }
  return 'the office';
};

const HOW_TO = 'Reply a lead code (e.g. 1A) to accept, or 1A N and what is missing to send it back';

/** The texts, by what happened. */
export const replyTexts = {
  accepted: (code: string, nextAction: string | undefined) =>
    sms(`${code} accepted: it is your lead now.${nextAction ? ` Next: ${nextAction}` : ''}`),
  alreadyYours: (code: string) => sms(`${code} is already yours. No need to reply again.`),
  takenBy: (code: string, owner: PersonRef) =>
    sms(`${code} was taken by ${describePerson(owner)}. No action needed from you.`),
  movedOn: (code: string) => sms(`${code} is no longer waiting on you: it moved on. No action needed.`),
  unknownCode: (code: string, open: readonly string[]) =>
    sms(
      `No lead is waiting on you with code ${code}.${open.length > 0 ? ` Your open codes: ${open.join(', ')}.` : ''}`,
    ),
  ambiguous: (code: string) => sms(`${code} matches more than one lead: accept with the link in its text.`),
  chooseCode: (open: readonly string[]) =>
    sms(
      `You have ${open.length} leads waiting: ${open.join(', ')}. Reply with the code of the one you accept.`,
    ),
  nothingOpen: () => sms('No lead is waiting on you to accept.'),
  rejected: (code: string, reason: string) => sms(`${code} sent back to intake: ${reason}`),
  reasonNeeded: (code: string) =>
    sms(`Say what is missing: reply ${code} N and the reason, e.g. ${code} N no address.`),
  help: (config: AppConfig) =>
    sms(
      `${config.business.name} job texts. ${HOW_TO}. AWAY 2h or BACK, STOP to end texts. Office: ${officeContact(config)}`,
    ),
  optedIn: (config: AppConfig) =>
    sms(`${config.business.name}: job texts are back on. Reply HELP for help, STOP to end them.`),
  notUnderstood: () => sms(`Not understood. ${HOW_TO}. HELP for help.`),
  unknownSender: (config: AppConfig) =>
    sms(
      `${config.business.name}: this number sends job alerts to our team and cannot take requests. To reach us: ${officeContact(config)}.`,
    ),
  away: (until: string, waiting: readonly string[]) =>
    sms(
      `You're out of routing until ${until}. Reply BACK to return sooner.${
        waiting.length === 0
          ? ''
          : ` You still have ${waiting.length === 1 ? '1 lead' : `${waiting.length} leads`} waiting: ${waiting.join(', ')}.`
      }`,
    ),
  awayUnclear: () => sms('Until when? Reply AWAY 2h, AWAY 90 min or AWAY until 2pm. BACK ends it.'),
  back: (wasAway: boolean) =>
    sms(wasAway ? "You're back in routing." : "You're in routing: you were not away."),
};
