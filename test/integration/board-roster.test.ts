/**
 * The roster page (docs/product-rules.md §8, §12): who is on call, on shift, off shift and away now, in the
 * business time zone, the lead page's link to it, and setting someone away or back from it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../shared/domain/config';
import { exampleConfig, staticConfig } from '../support/fakes';
import { type LocalApi, startLocalApi } from '../support/local-api';
import { IN_HOURS, leadBody, postLead } from '../support/scenario';
import { leadPage, postForm, session } from './board-support';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

/** The example roster with Kelly away and Sam working afternoons only. */
const rosterWithChanges = (): AppConfig => {
  const config = exampleConfig();
  const people = config.roster.people.map((person) => {
    if (person.id === 'kelly') return { ...person, active: false };
    if (person.id === 'sam') return { ...person, hours: { wed: ['13:00-18:00'] } };
    return person;
  });
  return { ...config, roster: { ...config.roster, people } };
};

const group = (page: string, id: string): string =>
  new RegExp(`<section aria-labelledby="${id}-heading">([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';

describe('the roster page', () => {
  it('shows who is on call, on shift (until when), off shift (back when) and away, in local time', async () => {
    // Prepare: Wednesday 10 AM in Austin
    api = await startLocalApi(IN_HOURS, { config: staticConfig(rosterWithChanges()) });
    const tomas = await session(api, 'tomas');

    // Act
    const res = await api.request('GET', '/board/roster', { headers: { cookie: tomas.cookie } });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toContain('As of Wed 10:00 AM.');
    expect(group(res.body, 'on-call')).toContain('Marco Silva (on call)</strong>: any hour');
    expect(group(res.body, 'on-call')).toContain('Ruth Hollis (business owner)</strong>: any hour');
    expect(group(res.body, 'on-shift')).toContain('Priya Raman (office manager)</strong>: until Wed 5:30 PM');
    expect(group(res.body, 'on-shift')).not.toContain('Sam Ortega');
    expect(group(res.body, 'off-shift')).toContain('Sam Ortega (sales)</strong>: back Wed Nov 18, 1:00 PM');
    expect(group(res.body, 'away')).toContain('Kelly Nguyen (tech)</strong>: not taking leads');
    expect(res.body).toContain('Times are in America/Chicago time.');
  });

  it('needs a session, and the lead page links to it', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const id = await postLead(api, leadBody());
    const priya = await session(api, 'priya');

    // Act
    const anonymous = await api.request('GET', '/board/roster');
    const page = await leadPage(api, priya, id);

    // Assess
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('../sign-in');
    expect(page.body).toContain('<a class="tap" href="../../board/roster">Who is working now</a>');
  });

  it('lets the office manager set a tech away for an hour and back, with no script: routing follows', async () => {
    // Prepare: Wednesday 10 AM in Austin
    api = await startLocalApi(IN_HOURS);
    const priya = await session(api, 'priya');
    const roster = () => api.request('GET', '/board/roster', { headers: { cookie: priya.cookie } });
    const before = await roster();

    // Act
    const set = await postForm(api, priya, '/board/roster/tomas/away', { for: '1h' });
    const away = await roster();
    const lead = await postLead(api, leadBody());
    const back = await postForm(api, priya, '/board/roster/tomas/back');
    const after = await roster();

    // Assess
    expect(before.body).toContain('<form class="away-form" method="post" action="./roster/tomas/away">');
    expect(before.body).toContain('<option value="today">Rest of today</option>');
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('../../roster');
    expect(group(away.body, 'away')).toContain(
      'Tomás Vega (tech)</strong>: until 11:00 AM, set by Priya Raman',
    );
    expect(group(away.body, 'away')).toContain('action="./roster/tomas/back"');
    expect(group(away.body, 'on-shift')).not.toContain('Tomás Vega');
    expect((await api.app.deps.store.get(lead))?.handoff?.to.id).toBe('dana');
    expect(back.status).toBe(303);
    expect(group(after.body, 'away')).not.toContain('Tomás Vega');
    expect(group(after.body, 'on-shift')).toContain('Tomás Vega (tech)</strong>: until Wed 5:30 PM');
  });

  it('shows an away ended by the clock as over, without anyone saying BACK', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const tomas = await session(api, 'tomas');
    await postForm(api, tomas, '/board/roster/tomas/away', { for: '2h' });

    // Act
    await api.advance(2 * 3600);
    const page = await api.request('GET', '/board/roster', { headers: { cookie: tomas.cookie } });

    // Assess
    expect(group(page.body, 'away')).not.toContain('Tomás Vega');
    expect(group(page.body, 'on-shift')).toContain('Tomás Vega (tech)</strong>: until Wed 5:30 PM');
  });

  it('lets a tech set only themselves away; refuses other people, unknown choices and forms without the token', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const tomas = await session(api, 'tomas');

    // Act
    const page = await api.request('GET', '/board/roster', { headers: { cookie: tomas.cookie } });
    const other = await postForm(api, tomas, '/board/roster/kelly/away', { for: '1h' });
    const unknownChoice = await postForm(api, tomas, '/board/roster/tomas/away', { for: '3 weeks' });
    const nobody = await postForm(api, tomas, '/board/roster/zoe/away', { for: '1h' });
    const noToken = await postForm(api, tomas, '/board/roster/tomas/away', { csrf: '', for: '1h' });
    const unchanged = await api.app.deps.config.load();
    const self = await postForm(api, tomas, '/board/roster/tomas/away', { for: 'today' });

    // Assess
    expect(page.body.match(/class="away-form"/g)).toHaveLength(1);
    expect(other.status).toBe(403);
    expect(unknownChoice.status).toBe(422);
    expect(unknownChoice.body).toContain('Choose how long: 1 hour, 2 hours, 4 hours or rest of today.');
    expect(nobody.status).toBe(404);
    expect(noToken.status).toBe(403);
    expect(unchanged.away).toBeUndefined();
    expect(self.status).toBe(303);
    expect((await api.app.deps.config.load()).away?.tomas).toMatchObject({
      until: '2026-11-19T06:00:00.000Z',
      setBy: { id: 'tomas', name: 'Tomás Vega' },
      via: 'board',
    });
  });
});
