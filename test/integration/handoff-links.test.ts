import { afterEach, describe, expect, it } from 'vitest';
import { timerName } from '../../shared/domain/timer-names';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import {
  acceptLink,
  getLead,
  handoffChain,
  IN_HOURS,
  latestLink,
  leadBody,
  openLink,
  postLead,
  received,
  rejectLink,
} from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

describe('handoff links (docs/product-rules.md §3, §10)', () => {
  it('sends the recipient an SMS and an email, each with its own link, as soon as the lead is routed', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    await postLead(api, leadBody());

    // Assess
    const messages = received(api, 'tomas');
    expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(new Set(messages.map((m) => m.link)).size).toBe(2);
    for (const m of messages) expect(m.link).toMatch(/\/h\/[A-Za-z0-9_-]{43}$/);
  });

  it('opening the link shows the handoff note and changes nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody({ notes: 'Pipe burst in the garage' }));
    const before = await getLead(api, id);

    // Act
    const page = await openLink(api, latestLink(api, 'tomas'));
    await openLink(api, latestLink(api, 'tomas'));

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Ana Diaz');
    expect(page.body).toContain('Pipe burst in the garage');
    expect(await getLead(api, id)).toEqual(before);
  });

  it('accept: one owner, the timer deleted, a timeline entry, and "accepted by you" afterwards', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');

    // Act
    const res = await acceptLink(api, link);
    await api.advance(3600);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/Accepted by you at/);
    const lead = await getLead(api, id);
    expect(lead).toMatchObject({
      status: 'accepted',
      owner: { id: 'tomas' },
      handoff: { seq: 1, state: 'accepted' },
    });
    expect(api.app.scheduler.has(timerName(id, 1))).toBe(false);
    expect(handoffChain(lead)).toEqual(['tomas']);
    expect(lead.timeline.map((e) => e.type)).toContain('accepted');
  });

  it('a second click on Accept is harmless', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');
    await acceptLink(api, link);
    const once = await getLead(api, id);

    // Act
    const again = await acceptLink(api, link);

    // Assess
    expect(again.status).toBe(200);
    expect(await getLead(api, id)).toEqual(once);
  });

  it('refuses to accept without the four confirmations, changing nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const before = await getLead(api, id);

    // Act
    const res = await acceptLink(api, latestLink(api, 'tomas'), ['saw_notes']);

    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(await getLead(api, id)).toEqual(before);
  });

  it('reject with a missing-data reason sends the lead back to intake, who is notified', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());

    // Act
    const res = await rejectLink(
      api,
      latestLink(api, 'tomas'),
      'missing_address',
      'No unit number for the apartment',
    );

    // Assess
    expect(res.status).toBe(200);
    const lead = await getLead(api, id);
    expect(lead.status).toBe('needs_info');
    expect(lead.returned).toMatchObject({ by: { id: 'tomas' }, reason: 'missing_address' });
    expect(lead.handoff).toMatchObject({ kind: 'needs_info', to: { role: 'intake' } });
    expect(lead.timeline.find((e) => e.type === 'rejected')?.summary).toContain('No unit number');
    expect(received(api, 'irene').some((m) => m.link)).toBe(true);
  });

  it('refuses a rejection without a reason, and "other" without an explanation', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');

    // Act
    const noReason = await api.request('POST', new URL(link).pathname, {
      body: 'action=reject',
      contentType: 'application/x-www-form-urlencoded',
    });
    const otherWithoutText = await rejectLink(api, link, 'other');

    // Assess
    expect(noReason.status).toBe(400);
    expect(otherWithoutText.status).toBe(400);
    expect((await getLead(api, id)).status).toBe('awaiting_acceptance');
  });

  it("an escalated step's link no longer acts: 409 with a clear page", async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');
    await api.advance(15 * 60 + 1);

    // Act
    const res = await acceptLink(api, link);

    // Assess
    expect(res.status).toBe(409);
    expect(res.body).toContain('moved on');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers a forged token 404 and an expired one 410, without a stack trace', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody());
    const link = latestLink(api, 'tomas');

    // Act
    const forged = await api.request('GET', `/h/${'A'.repeat(43)}`);
    const garbage = await api.request('GET', '/h/not-a-token');
    api.clock.advance(25 * 3600);
    const expired = await openLink(api, link);

    // Assess
    expect(forged.status).toBe(404);
    expect(garbage.status).toBe(404);
    expect(expired.status).toBe(410);
  });
});

describe('transfer (docs/product-rules.md §3 one current owner)', () => {
  it('is an explicit new handoff the new owner must accept; the old owner stays responsible until then', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    await acceptLink(api, latestLink(api, 'tomas'));

    // Act
    const res = await api.request('POST', `/leads/${id}/transfer`, {
      key: KEYS.ops,
      body: { to: 'kelly', reason: 'Tomás is out sick today' },
    });
    const pending = await getLead(api, id);
    // Kelly's SMS waits for a standard-lane slot (Tomás's and the customer's acknowledgement took them).
    await api.advance(181);
    await acceptLink(api, latestLink(api, 'kelly'));

    // Assess
    expect(res.status).toBe(200);
    expect(pending).toMatchObject({
      owner: { id: 'tomas' },
      handoff: { kind: 'transfer', to: { id: 'kelly' } },
    });
    expect(received(api, 'tomas').some((m) => !m.link && m.body.includes('Kelly'))).toBe(true);
    expect(await getLead(api, id)).toMatchObject({ status: 'accepted', owner: { id: 'kelly' } });
  });

  it('requires a reason and a known person', async () => {
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const noReason = await api.request('POST', `/leads/${id}/transfer`, {
      key: KEYS.ops,
      body: { to: 'kelly' },
    });
    const nobody = await api.request('POST', `/leads/${id}/transfer`, {
      key: KEYS.ops,
      body: { to: 'ghost', reason: 'Testing a typo' },
    });
    expect(noReason.status).toBe(400);
    expect(nobody.status).toBe(400);
    expect(noReason.json.issues[0].path).toBe('reason');
  });
});
