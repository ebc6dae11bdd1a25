/**
 * AWAY and BACK by SMS (docs/product-rules.md §12) through the local runner on the manual clock: the
 * reply, routing passing over the person away (and the timeline and the board saying so), their
 * open handoffs staying theirs, the automatic return when the time passes, and BACK at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalApi, startLocalApi } from '../support/local-api';
import { acceptLink, getLead, IN_HOURS, leadBody, linkForLead, postLead } from '../support/scenario';
import { leadPage, session } from './board-support';

const TOMAS = '+15125550105';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

/** Texts `body` from `from` as AWS would deliver it, and runs what that makes due. */
const text = async (from: string, body: string): Promise<void> => {
  api.app.smsInbound.deliver({ from, body });
  await api.app.runtime.runDue();
};

const lastSmsTo = (phone: string): string =>
  api.app.outbox
    .list()
    .filter((m) => m.channel === 'sms' && m.to === phone)
    .at(-1)?.body ?? '';

/** Who a new north plumbing lead (Tomás's territory and skill) is handed to. */
const routedTo = async (): Promise<{ id: string; person?: string }> => {
  const id = await postLead(api, leadBody());
  return { id, person: (await getLead(api, id)).handoff?.to.id };
};

describe('AWAY and BACK by SMS', () => {
  it('AWAY 2h: routing passes Tomás over and says why; his open handoff stays his; he is back after two hours', async () => {
    // Prepare: Wednesday 10 AM in Austin; one lead already waits on Tomás
    api = await startLocalApi(IN_HOURS);
    const waiting = await routedTo();
    const code = (await getLead(api, waiting.id)).handoff?.replyCode;

    // Act
    await text(TOMAS, 'away 2h');
    const reply = lastSmsTo(TOMAS);
    const during = await routedTo();
    const priya = await session(api, 'priya');
    const page = await leadPage(api, priya, during.id);
    const stillHis = (await getLead(api, waiting.id)).handoff?.to.id;
    // Both accept, so that no ladder climbs while the clock moves on.
    await acceptLink(api, await linkForLead(api, 'tomas', waiting.id));
    await acceptLink(api, await linkForLead(api, 'dana', during.id, 'email'));
    await api.advance(2 * 3600);
    const after = await routedTo();

    // Assess
    expect(waiting.person).toBe('tomas');
    expect(reply).toBe(
      `You're out of routing until 12:00 PM. Reply BACK to return sooner. You still have 1 lead waiting: ${code}.`,
    );
    expect(stillHis).toBe('tomas');
    expect(during.person).toBe('dana');
    const routed = (await getLead(api, during.id)).timeline.find((event) => event.type === 'routed');
    expect(routed?.summary).toContain('Tomás Vega away until 12:00 PM');
    expect(page.body).toContain('Routed to Dana Whitfield (dispatch): Tomás Vega away until 12:00 PM');
    expect(after.person).toBe('tomas');
  });

  it('BACK puts him back in routing at once; AWAY until a time already past today means tomorrow', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await text(TOMAS, 'AWAY until 9am');
    const untilTomorrow = lastSmsTo(TOMAS);
    const away = await routedTo();

    // Act
    await text(TOMAS, 'BACK');
    const backReply = lastSmsTo(TOMAS);
    const back = await routedTo();
    await text(TOMAS, 'back');

    // Assess
    expect(untilTomorrow).toBe("You're out of routing until Thu 9:00 AM. Reply BACK to return sooner.");
    expect(away.person).toBe('dana');
    expect(backReply).toBe("You're back in routing.");
    expect(back.person).toBe('tomas');
    expect(lastSmsTo(TOMAS)).toBe("You're in routing: you were not away.");
  });

  it('AWAY without a time it can read asks until when, and changes nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    await text(TOMAS, 'AWAY for a bit');
    const reply = lastSmsTo(TOMAS);
    const next = await routedTo();

    // Assess
    expect(reply).toBe('Until when? Reply AWAY 2h, AWAY 90 min or AWAY until 2pm. BACK ends it.');
    expect(next.person).toBe('tomas');
  });
});
