/**
 * The board's actions on a lead (docs/product-rules.md §8) through the board handler on the manual clock:
 * each action's outcome on the stored lead and its timeline (the signed-in person as actor), refusals
 * that change nothing, CSRF, and who may act on which lead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lead, TimelineEvent } from '../../shared/domain/lead';
import { timerName } from '../../shared/domain/timer-names';
import { type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import { acceptLink, getLead, IN_HOURS, leadBody, linkForLead, postLead } from '../support/scenario';
import { leadPage, localInput, postForm, type Session, session } from './board-support';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

const PRIYA = { kind: 'person', id: 'priya', name: 'Priya Raman' };
const TOMAS = { kind: 'person', id: 'tomas', name: 'Tomás Vega' };

const last = (lead: Lead, type: TimelineEvent['type']) => lead.timeline.filter((e) => e.type === type).at(-1);

/** A lead routed to Tomás (north, plumbing) and accepted by him through his link. */
const acceptedByTomas = async (overrides: Record<string, unknown> = {}): Promise<string> => {
  const id = await postLead(api, leadBody({ fullName: 'Ana Diaz', ...overrides }));
  await acceptLink(api, await linkForLead(api, 'tomas', id));
  expect((await getLead(api, id)).status).toBe('accepted');
  return id;
};

/** A lead without a service type or address: `needs_info`, with intake. */
const needsInfo = (): Promise<string> =>
  postLead(api, leadBody({ fullName: 'Bo Kim', serviceType: undefined, serviceAddress: undefined }));

const action = (id: string, name: string) => `/board/leads/${id}/${name}`;

describe('completing a needs_info lead from the board', () => {
  it('shows a form with exactly the missing fields', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await needsInfo();
    const priya = await session(api, 'priya');

    // Act
    const page = await leadPage(api, priya, id);

    // Assess
    expect(page.status).toBe(200);
    const form = /<form id="complete-form"[\s\S]*?<\/form>/.exec(page.body)?.[0] ?? '';
    const names = [...form.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['csrf', 'serviceAddress', 'serviceType']);
    expect(page.body).toContain('Missing: Service address, Service type.');
    expect(page.body).toContain('Needs information: with Irene Castillo (intake) to complete by');
  });

  it('refuses an empty or invalid form with the values and a message per field, changing nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await needsInfo();
    const priya = await session(api, 'priya');
    const before = await tableItems(api);

    // Act
    const empty = await postForm(api, priya, action(id, 'complete'), { serviceAddress: '12 Elm St 78664' });
    const forged = await postForm(api, priya, action(id, 'complete'), {
      serviceAddress: '12 Elm St 78664',
      serviceType: 'rocket_repair',
    });

    // Assess
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Nothing was changed');
    expect(empty.body).toContain('Choose the service.');
    expect(empty.body).toContain('value="12 Elm St 78664"');
    expect(forged.status).toBe(422);
    expect(forged.body).toContain('Choose one of the services listed.');
    expect(await tableItems(api)).toEqual(before);
  });

  it('routes the completed lead, and the card says to whom; the timeline names the person', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await needsInfo();
    const priya = await session(api, 'priya');

    // Act
    const res = await postForm(api, priya, action(id, 'complete'), {
      serviceAddress: '400 Main St, Round Rock TX 78664',
      serviceType: 'plumbing_repair',
    });
    const page = await leadPage(api, priya, id, { done: 'complete' });

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`../${id}?done=complete`);
    const lead = await getLead(api, id);
    expect(lead.status).toBe('awaiting_acceptance');
    expect(lead.handoff?.to.id).toBe('tomas');
    expect(lead.serviceType).toBe('plumbing_repair');
    expect(last(lead, 'details_updated')?.actor).toEqual(PRIYA);
    expect(last(lead, 'lead_completed')?.actor).toEqual(PRIYA);
    expect(page.body).toMatch(
      /Complete: routed to Tomás Vega \(tech\), who must accept by Wed Nov 18, \d+:\d\d AM/,
    );
    expect(page.body).toContain('Routed to Tomás Vega (tech)');
  });
});

describe('transferring a lead from the board', () => {
  it('the owner picks a person and says why: a new handoff they must accept', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await acceptedByTomas();
    const tomas = await session(api, 'tomas');

    // Act
    const res = await postForm(api, tomas, action(id, 'transfer'), {
      to: 'kelly',
      reason: 'Kelly knows this water heater model',
    });

    // Assess
    expect(res.status).toBe(303);
    const lead = await getLead(api, id);
    expect(lead.handoff).toMatchObject({ kind: 'transfer', state: 'awaiting_acceptance' });
    expect(lead.handoff?.to.id).toBe('kelly');
    expect(lead.owner?.id).toBe('tomas');
    expect(last(lead, 'transferred')?.actor).toEqual(TOMAS);
    expect(last(lead, 'transferred')?.summary).toContain('Kelly knows this water heater model');
    const page = await leadPage(api, tomas, id, { done: 'transfer' });
    expect(page.body).toContain('Transferred to Kelly Nguyen (tech), who must accept by');
  });

  it('refuses no person, the person it is already with, a short reason or a vague next action', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await acceptedByTomas();
    const priya = await session(api, 'priya');
    const before = await getLead(api, id);

    // Act
    const none = await postForm(api, priya, action(id, 'transfer'), { reason: 'no' });
    const same = await postForm(api, priya, action(id, 'transfer'), {
      to: 'tomas',
      reason: 'because',
      next_action: 'follow up',
    });

    // Assess
    expect(none.status).toBe(422);
    expect(none.body).toContain('Choose who takes the lead.');
    expect(none.body).toContain('Say why the lead moves');
    expect(same.status).toBe(422);
    expect(same.body).toContain('The lead is already with Tomás Vega (tech): choose someone else.');
    expect(same.body).toMatch(/id="transfer-next-action"[^>]*value="follow up"/);
    expect(await getLead(api, id)).toEqual(before);
  });
});

describe('closing a lead from the board', () => {
  it('lost needs a reason; then the lead is closed as lost with the locked status, its timer deleted', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const priya = await session(api, 'priya');
    const seq = (await getLead(api, id)).handoff?.seq ?? 0;
    const before = await getLead(api, id);

    // Act
    const noReason = await postForm(api, priya, action(id, 'close'), { outcome: 'lost' });
    const unchanged = await getLead(api, id);
    const res = await postForm(api, priya, action(id, 'close'), {
      outcome: 'lost',
      reason: 'Went with another company on price',
    });

    // Assess
    expect(noReason.status).toBe(422);
    expect(noReason.body).toContain('Say why the lead was lost');
    expect(unchanged).toEqual(before);
    expect(res.status).toBe(303);
    const lead = await getLead(api, id);
    expect(lead).toMatchObject({ status: 'closed', stage: 'closed_lost' });
    expect(lead.closure).toMatchObject({ outcome: 'lost', reason: 'Went with another company on price' });
    expect(lead.handoff?.state).toBe('superseded');
    expect(last(lead, 'status_changed')?.actor).toEqual(PRIYA);
    expect(api.app.scheduler.has(timerName(id, seq))).toBe(false);
    const page = await leadPage(api, priya, id, { done: 'close' });
    expect(page.body).toContain('Closed Lost');
    expect(page.body).toContain('Closed as lost by Priya Raman (office manager)');
    expect(page.body).not.toContain('id="close-form"');
  });

  it('the owner closes their own lead as booked: Closed Won', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await acceptedByTomas();
    const tomas = await session(api, 'tomas');

    // Act
    const res = await postForm(api, tomas, action(id, 'close'), { outcome: 'booked' });

    // Assess
    expect(res.status).toBe(303);
    const lead = await getLead(api, id);
    expect(lead).toMatchObject({ status: 'closed', stage: 'closed_won', closure: { outcome: 'booked' } });
    expect(last(lead, 'status_changed')?.actor).toEqual(TOMAS);
  });

  it.each(['duplicate', 'spam'])('closes a needs_info lead as %s', async (outcome) => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await needsInfo();
    const irene = await session(api, 'irene');

    // Act
    const res = await postForm(api, irene, action(id, 'close'), { outcome });

    // Assess
    expect(res.status).toBe(303);
    expect(await getLead(api, id)).toMatchObject({
      status: 'closed',
      stage: 'closed_lost',
      closure: { outcome },
    });
  });
});

describe('setting the next action from the board', () => {
  it('refuses a vague action and a due time that is not a time; keeps the values', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await acceptedByTomas();
    const tomas = await session(api, 'tomas');
    const before = await getLead(api, id);

    // Act
    const res = await postForm(api, tomas, action(id, 'next-action'), {
      next_action: 'follow up',
      next_action_due: 'tomorrow',
    });

    // Assess
    expect(res.status).toBe(422);
    expect(res.body).toContain('Enter a date and time, e.g. 2026-11-24 09:30.');
    expect(res.body).toMatch(/id="next-action-next-action"[^>]*value="follow up"/);
    expect(await getLead(api, id)).toEqual(before);
  });

  it('the owner, or the office manager on their lead, sets a specific action due in business time', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await acceptedByTomas();
    const tomas = await session(api, 'tomas');
    const priya = await session(api, 'priya');

    // Act
    const own = await postForm(api, tomas, action(id, 'next-action'), {
      next_action: 'Call after 2 PM to book the inspection',
      next_action_due: localInput(1, '14:30'),
    });
    const afterOwner = await getLead(api, id);
    const office = await postForm(api, priya, action(id, 'next-action'), {
      next_action: 'Send two appointment options by text',
      next_action_due: localInput(2, '09:00'),
    });

    // Assess
    expect([own.status, office.status]).toEqual([303, 303]);
    expect(afterOwner.nextAction).toBe('Call after 2 PM to book the inspection');
    expect(afterOwner.nextActionDueAt).toBe('2026-11-19T20:30:00.000Z');
    expect(last(afterOwner, 'next_action_set')?.actor).toEqual(TOMAS);
    const lead = await getLead(api, id);
    expect(lead.nextActionDueAt).toBe('2026-11-20T15:00:00.000Z');
    expect(last(lead, 'next_action_set')?.actor).toEqual(PRIYA);
  });
});

describe('who may act', () => {
  const ACTIONS = ['complete', 'transfer', 'close', 'next-action'];

  it.each(ACTIONS)(
    'refuses %s without the session’s CSRF token, or with a wrong one (403, nothing changed)',
    async (name) => {
      // Prepare
      api = await startLocalApi(IN_HOURS);
      const id = name === 'complete' ? await needsInfo() : await acceptedByTomas();
      const priya = await session(api, 'priya');
      const before = await tableItems(api);
      const fields = {
        outcome: 'spam',
        to: 'kelly',
        reason: 'Kelly is closer',
        serviceType: 'plumbing_repair',
      };

      // Act
      const missing = await api.request('POST', action(id, name), {
        body: fields,
        form: true,
        headers: { cookie: priya.cookie },
      });
      const wrong = await postForm(api, priya, action(id, name), {
        ...fields,
        csrf: `${priya.csrf.slice(1)}x`,
      });

      // Assess
      expect([missing.status, wrong.status]).toEqual([403, 403]);
      expect(await tableItems(api)).toEqual(before);
    },
  );

  it.each(ACTIONS)('a tech cannot %s (or open) another tech’s lead: 404', async (name) => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const theirs = await postLead(
      api,
      leadBody({ serviceAddress: '9 Elm St, Austin TX 78704', serviceType: 'hvac_repair' }),
    );
    expect((await getLead(api, theirs)).handoff?.to.id).toBe('kelly');
    const tomas: Session = await session(api, 'tomas');
    const before = await tableItems(api);

    // Act
    const opened = await leadPage(api, tomas, theirs);
    const acted = await postForm(api, tomas, action(theirs, name), {
      outcome: 'spam',
      to: 'tomas',
      reason: 'mine now',
    });

    // Assess
    expect([opened.status, acted.status]).toEqual([404, 404]);
    expect(await tableItems(api)).toEqual(before);
  });

  it('someone only asked to accept sees the lead but may not act on it from the board: no forms, 403', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const tomas = await session(api, 'tomas');
    const before = await getLead(api, id);

    // Act
    const page = await leadPage(api, tomas, id);
    const close = await postForm(api, tomas, action(id, 'close'), { outcome: 'spam' });

    // Assess
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<form');
    expect(close.status).toBe(403);
    expect(await getLead(api, id)).toEqual(before);
  });

  it('sends a post without a session to the sign-in page, changing nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const before = await getLead(api, id);

    // Act
    const res = await api.request('POST', action(id, 'close'), {
      body: { outcome: 'spam', csrf: 'x' },
      form: true,
    });

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('../../../sign-in');
    expect(await getLead(api, id)).toEqual(before);
  });
});
