/**
 * The board over time and at length (docs/product-rules.md §5, §8): overdue and unowned leads said in
 * words and listed in their views, the unowned queue for on-call people, and page after page of a long
 * list on the board and in `GET /leads`, on the manual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BOARD } from '../../shared/settings';
import { boardPage, navCount, nextPageQuery, rowIds, signIn } from '../support/board-list';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import { getLead, IN_HOURS, leadBody, postLead } from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

describe('overdue and unowned leads', () => {
  it('lists an overdue lead in the Overdue view, marked in words as well as colour', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const late = await postLead(api, leadBody({ fullName: 'Ana Diaz' }));
    const manager = await signIn(api, 'priya');

    // Act: past the acceptance deadline, before its timer has run (the page is rendered first)
    api.clock.set(new Date(Date.parse(IN_HOURS) + 20 * 60_000));
    const overdue = (await boardPage(api, manager, { view: 'overdue' })).body;

    // Assess
    expect(rowIds(overdue)).toEqual([late]);
    expect(overdue).toContain('<li class="overdue"');
    expect(overdue).toContain('<span class="tag overdue-tag">Overdue</span>');
    expect(overdue).toContain('Due Wed Nov 18, 10:15 AM (overdue)');
    expect(navCount(overdue, 'overdue')).toBe(1);
  });

  it('lists a lead nobody accepted as Unowned, for the office and for on-call people, never for a tech', async () => {
    // Prepare: Tomás, then the office manager, let the standard window pass; the ladder runs out
    api = await startLocalApi(IN_HOURS);
    const lead = await postLead(api, leadBody({ fullName: 'Ana Diaz' }));
    await api.advance(31 * 60);
    expect((await getLead(api, lead)).handoff?.kind).toBe('renotify');
    const manager = await signIn(api, 'priya');
    const onCall = await signIn(api, 'marco');
    const tech = await signIn(api, 'tomas');

    // Act
    const unowned = (await boardPage(api, manager, { view: 'unowned' })).body;
    const onCallQueue = (await boardPage(api, onCall, { view: 'unowned' })).body;
    const onCallLead = await api.request('GET', `/board/leads/${lead}`, { headers: { cookie: onCall } });
    const techQueue = await boardPage(api, tech, { view: 'unowned' });
    const techLead = await api.request('GET', `/board/leads/${lead}`, { headers: { cookie: tech } });

    // Assess
    expect(rowIds(unowned)).toEqual([lead]);
    expect(unowned).toContain('<span class="tag unowned-tag">Unowned</span>');
    expect(unowned).toContain('Nobody accepted: asking Priya to accept until');
    expect(navCount(unowned, 'unowned')).toBe(1);
    expect(rowIds(onCallQueue)).toEqual([lead]);
    expect(navCount(onCallQueue, 'mine')).toBe(0);
    expect(onCallLead.status).toBe(200);
    expect(techQueue.status).toBe(404);
    expect(techLead.status).toBe(404);
  });
});

describe('pages of a long list', () => {
  it('pages the board and GET /leads with cursors: every lead once, in due order', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const total = BOARD.pageSize + 2;
    const posted: string[] = [];
    for (let n = 0; n < total; n += 1) posted.push(await postLead(api, leadBody({ fullName: `Lead ${n}` })));
    const manager = await signIn(api, 'priya');

    // Act
    const first = (await boardPage(api, manager)).body;
    const next = nextPageQuery(first);
    const second = (await boardPage(api, manager, next ?? {})).body;
    const firstJson = await api.request('GET', '/leads', { key: KEYS.ops });
    const secondJson = await api.request('GET', '/leads', {
      key: KEYS.ops,
      query: { cursor: firstJson.json.cursor },
    });

    // Assess
    expect(rowIds(first)).toHaveLength(BOARD.pageSize);
    expect(next).toMatchObject({ view: 'all' });
    expect(rowIds(second)).toHaveLength(2);
    expect([...rowIds(first), ...rowIds(second)].toSorted()).toEqual(posted.toSorted());
    expect(second).toContain('First page');
    expect(nextPageQuery(second)).toBeUndefined();
    expect(navCount(second, 'all')).toBe(total);
    const jsonIds = [...firstJson.json.items, ...secondJson.json.items].map(
      (item: { id: string }) => item.id,
    );
    expect(jsonIds).toEqual([...rowIds(first), ...rowIds(second)]);
    expect(secondJson.json.cursor).toBeUndefined();
  });
});
