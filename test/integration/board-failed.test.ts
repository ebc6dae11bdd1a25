/**
 * Retrying failed handoffs from the board (docs/product-rules.md §9): the same use case as the ops API, for the
 * office roles only, with the session's CSRF token; the browser goes back to the failed list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { staticConfig } from '../support/fakes';
import { type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import { AFTER_HOURS, getLead, leadBody, onlyMarcoOnCall, postLead, received } from '../support/scenario';
import { postForm, session } from './board-support';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

const MARCO = '+15125550103';

/**
 * After hours, emergencies in the north page Marco; with his number opted out each is a failed handoff
 * (and, with nobody after him on the ladder, each keeps waiting on him: docs/product-rules.md §12).
 */
const failedEmergencies = async (count: number): Promise<{ leadIds: string[]; failureIds: string[] }> => {
  api = await startLocalApi(AFTER_HOURS, { config: staticConfig(onlyMarcoOnCall()) });
  api.app.sms.optedOut.add(MARCO);
  const leadIds: string[] = [];
  for (let i = 0; i < count; i += 1) leadIds.push(await postLead(api, leadBody({ urgency: 'emergency' })));
  const failureIds = (await api.app.deps.failureStore.listOpen()).items.map((failure) => failure.id);
  expect(failureIds).toHaveLength(count);
  return { leadIds, failureIds };
};

const openFailures = async () => (await api.app.deps.failureStore.listOpen()).items.map((f) => f.id);

describe('retrying failed handoffs from the board', () => {
  it('Retry: the office manager retries one; it is delivered once, the record closed, back to the list', async () => {
    // Prepare
    const { leadIds, failureIds } = await failedEmergencies(1);
    const priya = await session(api, 'priya');
    api.app.sms.optedOut.delete(MARCO);

    // Act
    const res = await postForm(api, priya, `/board/failed/${failureIds[0]}/retry`);

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('../../../board?view=failed');
    expect(await openFailures()).toEqual([]);
    expect(received(api, 'marco').filter((m) => m.channel === 'sms')).toHaveLength(1);
    const lead = await getLead(api, leadIds[0] ?? '');
    expect(lead.timeline.some((e) => e.type === 'retried')).toBe(true);
  });

  it('Retry all: operations retries every open one', async () => {
    // Prepare
    await failedEmergencies(2);
    const lee = await session(api, 'lee');
    api.app.sms.optedOut.delete(MARCO);

    // Act
    const res = await postForm(api, lee, '/board/failed/retry-all');

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('../../board?view=failed');
    expect(await openFailures()).toEqual([]);
    expect(received(api, 'marco').filter((m) => m.channel === 'sms')).toHaveLength(2);
  });

  it('is not for techs (404) and needs the CSRF token (403); neither changes anything', async () => {
    // Prepare
    const { failureIds } = await failedEmergencies(1);
    const tomas = await session(api, 'tomas');
    const priya = await session(api, 'priya');
    api.app.sms.optedOut.delete(MARCO);
    const before = await tableItems(api);

    // Act
    const tech = await postForm(api, tomas, `/board/failed/${failureIds[0]}/retry`);
    const techAll = await postForm(api, tomas, '/board/failed/retry-all');
    const noToken = await postForm(api, priya, `/board/failed/${failureIds[0]}/retry`, { csrf: '' });
    const wrongAll = await postForm(api, priya, '/board/failed/retry-all', { csrf: 'not-the-token' });
    const unknown = await postForm(api, priya, '/board/failed/no-such-record/retry');

    // Assess
    expect([tech.status, techAll.status, noToken.status, wrongAll.status]).toEqual([404, 404, 403, 403]);
    expect(unknown.status).toBe(404);
    expect(await tableItems(api)).toEqual(before);
    expect(await openFailures()).toEqual(failureIds);
    expect(received(api, 'marco').filter((m) => m.channel === 'sms')).toHaveLength(0);
  });
});
