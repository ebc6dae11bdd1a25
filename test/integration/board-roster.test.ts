/**
 * The roster page (docs/product-rules.md §8): who is on call, on shift, off shift and away now, in the business
 * time zone, and the lead page's link to it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../shared/domain/config';
import { exampleConfig, staticConfig } from '../support/fakes';
import { type LocalApi, startLocalApi } from '../support/local-api';
import { IN_HOURS, leadBody, postLead } from '../support/scenario';
import { leadPage, session } from './board-support';

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
});
