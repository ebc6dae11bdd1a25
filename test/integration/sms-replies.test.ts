import { afterEach, describe, expect, it } from 'vitest';
import { localPages } from '../../local/local-pages';
import { UNKNOWN_SMS_PARTITION } from '../../shared/aws/dynamo-sms-contacts';
import { timerName } from '../../shared/domain/timer-names';
import { type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import { acceptLink, getLead, IN_HOURS, leadBody, linkForLead, postLead } from '../support/scenario';

const TOMAS = '+15125550105';
const STRANGER = '+15125550999';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

/** Texts `body` from `from` as AWS would deliver it, and runs what that makes due. */
const text = async (from: string, body: string): Promise<void> => {
  api.app.smsInbound.deliver({ from, body });
  await api.app.runtime.runDue();
};

/** The SMS a number received, oldest first. */
const smsTo = (phone: string): string[] =>
  api.app.outbox
    .list()
    .filter((m) => m.channel === 'sms' && m.to === phone)
    .map((m) => m.body);

const lastSmsTo = (phone: string): string => smsTo(phone).at(-1) ?? '';

/** The reply code the lead's current handoff SMS asked for. */
const codeOf = async (leadId: string): Promise<string> => {
  const code = (await getLead(api, leadId)).handoff?.replyCode;
  if (!code) throw new Error('no reply code');
  return code;
};

describe('SMS replies (docs/product-rules.md §12)', () => {
  it('accepts by the code the handoff SMS ends with, as the link does, and says so on the timeline', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const code = await codeOf(id);
    expect(lastSmsTo(TOMAS)).toMatch(new RegExp(`Reply ${code} to accept: you saw the notes`));

    // Act
    await text(TOMAS, `${code.toLowerCase()} y`);

    // Assess
    const lead = await getLead(api, id);
    expect(lead).toMatchObject({
      status: 'accepted',
      owner: { id: 'tomas' },
      handoff: { state: 'accepted' },
    });
    expect(lead.timeline.at(-1)?.summary).toMatch(/^Accepted by SMS reply from Tomás Vega/);
    expect(api.app.scheduler.has(timerName(id, 1))).toBe(false);
    expect(lastSmsTo(TOMAS)).toMatch(new RegExp(`^${code} accepted: it is your lead now`));
  });

  it('takes a bare YES when one handoff waits, and lists the codes when two do', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const first = await postLead(api, leadBody());

    // Act
    await text(TOMAS, 'YES');
    const second = await postLead(api, leadBody());
    const third = await postLead(api, leadBody());
    await text(TOMAS, '1');

    // Assess
    expect((await getLead(api, first)).owner?.id).toBe('tomas');
    const codes = [await codeOf(second), await codeOf(third)].sort();
    expect(codes[0]).not.toBe(codes[1]);
    expect(lastSmsTo(TOMAS)).toBe(
      `You have 2 leads waiting: ${codes.join(', ')}. Reply with the code of the one you accept.`,
    );
    expect((await getLead(api, second)).status).toBe('awaiting_acceptance');
    expect((await getLead(api, third)).status).toBe('awaiting_acceptance');
  });

  it('sends a handoff back to intake with the reason given, as the link does', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const code = await codeOf(id);

    // Act
    await text(TOMAS, `${code} N`);
    await text(TOMAS, `${code} N gate code missing`);

    // Assess
    const lead = await getLead(api, id);
    expect(smsTo(TOMAS).at(-2)).toMatch(/Say what is missing/);
    expect(lead.returned).toMatchObject({ by: { id: 'tomas' }, reason: 'other', text: 'gate code missing' });
    expect(lead.handoff).toMatchObject({ seq: 2, to: { role: 'intake' } });
    expect(lead.timeline.find((e) => e.type === 'rejected')?.summary).toContain('gate code missing');
    expect(lastSmsTo(TOMAS)).toBe(`${code} sent back to intake: gate code missing`);
  });

  it('explains an unknown code, a code that moved on, and a late reply after someone else took the lead', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const code = await codeOf(id);
    const unknown = code === '9Z' ? '8Z' : '9Z';
    await api.advance(15 * 60 + 1);
    const next = (await getLead(api, id)).handoff?.to;

    // Act
    await text(TOMAS, unknown);
    const unknownReply = lastSmsTo(TOMAS);
    await text(TOMAS, code);
    const movedReply = lastSmsTo(TOMAS);
    await acceptLink(api, await linkForLead(api, next?.id ?? '', id));
    await text(TOMAS, code);

    // Assess
    expect(unknownReply).toBe(`No lead is waiting on you with code ${unknown}.`);
    expect(movedReply).toBe(`${code} is no longer waiting on you: it moved on. No action needed.`);
    expect(lastSmsTo(TOMAS)).toMatch(new RegExp(`^${code} was taken by ${next?.name}`));
    expect((await getLead(api, id)).owner?.id).toBe(next?.id);
  });

  it('STOP: no more SMS; the next handoff goes by email and, at once, to the next person; START: texts again', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody());
    const before = smsTo(TOMAS).length;

    // Act
    await text(TOMAS, 'stop');
    const stopped = await postLead(api, leadBody());
    await api.advance(180);
    const afterStop = smsTo(TOMAS).length;
    const stoppedLead = await getLead(api, stopped);
    await text(TOMAS, 'START');
    await postLead(api, leadBody());
    await api.advance(180);

    // Assess
    expect(afterStop).toBe(before);
    const emails = api.app.outbox
      .list('tomas')
      .filter((m) => m.channel === 'email' && m.ref?.leadId === stopped && m.ref.purpose === 'handoff');
    expect(emails).toHaveLength(1);
    // Not left to the 15-minute deadline: the office manager has it within three minutes (§12).
    expect(stoppedLead.handoff).toMatchObject({ seq: 2, kind: 'escalation', from: { id: 'tomas' } });
    const summaries = stoppedLead.timeline.map((e) => e.summary).join('\n');
    expect(summaries).toMatch(/opted out/);
    expect(summaries).toMatch(
      /SMS to Tomás Vega \(tech\) not delivered \(the number opted out of texts\): next office manager /,
    );
    expect(smsTo(TOMAS).at(-2)).toMatch(/job texts are back on/);
    expect(lastSmsTo(TOMAS)).toMatch(/Reply \w\w to accept/);
  });

  it('HELP answers with the business name and how to reach the office', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    await text(TOMAS, 'help');

    // Assess
    expect(lastSmsTo(TOMAS)).toMatch(
      /^Lone Star Plumbing & Air job texts\. .* Office: \w+ \w+ at \+1\d{10}$/,
    );
  });

  it('keeps texts from unknown numbers for ops and answers them at most once a day', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    await text(STRANGER, 'Is this the plumber?');
    await text(STRANGER, 'Hello??');
    await api.advance(24 * 3600);
    await text(STRANGER, 'Anyone?');

    // Assess
    expect(smsTo(STRANGER)).toHaveLength(2);
    expect(smsTo(STRANGER)[0]).toMatch(/^Lone Star Plumbing & Air: this number sends job alerts/);
    const kept = (await tableItems(api)).filter((item) => item.PK?.S === UNKNOWN_SMS_PARTITION);
    expect(kept.map((item) => item.body?.S)).toEqual(['Is this the plumber?', 'Hello??', 'Anyone?']);
    expect(kept.every((item) => item.ttl?.N !== undefined)).toBe(true);
  });

  it('POST /_local/sms/inbound delivers through the handler; a bad body is a 400 that changes nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const pages = localPages(api.app, api.clock);
    const post = (body: string) =>
      pages({ method: 'POST', url: new URL('http://localhost/_local/sms/inbound'), body });

    // Act
    const bad = await post(JSON.stringify({ from: '5125550105', body: 'HELP' }));
    const good = await post(JSON.stringify({ from: TOMAS, body: 'HELP' }));

    // Assess
    expect(bad?.statusCode).toBe(400);
    expect(good?.statusCode).toBe(202);
    expect(smsTo(TOMAS)).toHaveLength(1);
    expect(api.app.smsInbound.deadLetter.depth).toBe(0);
  });
});
