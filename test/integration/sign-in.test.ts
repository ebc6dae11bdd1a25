import { afterEach, describe, expect, it } from 'vitest';
import { BOARD } from '../../shared/settings';
import { type ApiResponse, type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import { getLead, IN_HOURS, leadBody, postLead } from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api.stop();
});

const COOKIE = BOARD.localSessionCookie;
const HOST = 'localhost:3000';

const requestLink = (contact: string, headers: Record<string, string> = {}) =>
  api.request('POST', '/sign-in', { body: { contact }, form: true, headers });

/** The newest sign-in link's path a person received (`/s/<token>`). */
const signInPath = (personId: string): string => {
  const body = api.app.outbox.list(personId).at(-1)?.body ?? '';
  const path = /\/s\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
  if (!path) throw new Error(`${personId} has no sign-in link`);
  return path;
};

const sessionCookie = (res: ApiResponse): string => {
  const value = new RegExp(`^${COOKIE}=([^;]*)`).exec(res.headers['set-cookie'] ?? '')?.[1];
  if (!value) throw new Error('no session cookie');
  return `${COOKIE}=${value}`;
};

/** Signs `personId` in through their own link; returns the Cookie header. */
const signIn = async (personId: string, contact: string): Promise<string> => {
  await requestLink(contact);
  const res = await api.request('POST', signInPath(personId), { body: '', form: true });
  return sessionCookie(res);
};

const board = (cookie: string) => api.request('GET', '/board', { headers: { cookie } });

const csrfOf = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

const itemsWithPrefix = async (prefix: string) =>
  (await tableItems(api)).filter((item) => item.PK?.S?.startsWith(prefix));

describe('signing in to the board (docs/product-rules.md §8, §10)', () => {
  it('shows a form asking for a phone number or email', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    const res = await api.request('GET', '/sign-in');

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toContain('name="contact"');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown contact with the same page and sends nothing', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    const known = await requestLink('priya@lonestar.example.com');
    const unknown = await requestLink('stranger@example.com');

    // Assess
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toBe(known.body);
    expect(api.app.outbox.messages).toHaveLength(1);
  });

  it('sends a known contact exactly one link, to their own address (email any case, phone in national format)', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    await requestLink('Priya@LoneStar.example.com');
    await requestLink('(512) 555-0105');

    // Assess
    const [email] = api.app.outbox.list('priya');
    expect(api.app.outbox.list('priya')).toHaveLength(1);
    expect(email).toMatchObject({ channel: 'email', to: 'priya@lonestar.example.com' });
    const [sms] = api.app.outbox.list('tomas');
    expect(api.app.outbox.list('tomas')).toHaveLength(1);
    expect(sms).toMatchObject({ channel: 'sms', to: '+15125550105' });
    expect(sms?.body).toMatch(
      /^Lone Star Plumbing & Air: your sign-in link \(15 min\): http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{43}$/,
    );
    const stored = await itemsWithPrefix('SIGNIN#');
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(signInPath('tomas').slice(3));
  });

  it('opening the link (GET) changes nothing; the button (POST) signs in and goes to the board', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await requestLink('priya@lonestar.example.com');
    const path = signInPath('priya');
    const before = await tableItems(api);

    // Act
    const opened = await api.request('GET', path);
    await api.request('GET', path);
    const after = await tableItems(api);
    const posted = await api.request('POST', path, { body: '', form: true });

    // Assess
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Sign in</button>');
    expect(opened.headers['set-cookie']).toBeUndefined();
    expect(after).toEqual(before);
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('../board');
    const cookie = posted.headers['set-cookie'] ?? '';
    expect(cookie).toMatch(
      new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax$`),
    );
    const page = await board(sessionCookie(posted));
    expect(page.status).toBe(200);
    expect(page.body).toContain('Signed in as Priya Raman');
    expect(page.body).toContain('<meta http-equiv="refresh" content="60"/>');
  });

  it('refuses a used link (410) and does not start a second session', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await requestLink('priya@lonestar.example.com');
    const path = signInPath('priya');
    await api.request('POST', path, { body: '', form: true });

    // Act
    const again = await api.request('POST', path, { body: '', form: true });
    const opened = await api.request('GET', path);

    // Assess
    expect(again.status).toBe(410);
    expect(again.body).toContain('Ask for a new sign-in link');
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(opened.status).toBe(410);
    expect(await itemsWithPrefix('SESSION#')).toHaveLength(1);
  });

  it('refuses a link after 15 minutes', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await requestLink('priya@lonestar.example.com');
    const path = signInPath('priya');

    // Act
    await api.advance(15 * 60 + 1);
    const res = await api.request('POST', path, { body: '', form: true });

    // Assess
    expect(res.status).toBe(410);
    expect(await itemsWithPrefix('SESSION#')).toHaveLength(0);
  });

  it('ends a session after 12 hours', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const cookie = await signIn('priya', 'priya@lonestar.example.com');

    // Act
    await api.advance(12 * 3600 - 60);
    const before = await board(cookie);
    await api.advance(61);
    const after = await board(cookie);

    // Assess
    expect(before.status).toBe(200);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('./sign-in');
  });

  it('signs out: the session item is deleted and the cookie cleared', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const cookie = await signIn('priya', 'priya@lonestar.example.com');
    const csrf = csrfOf((await board(cookie)).body);

    // Act
    const res = await api.request('POST', '/sign-out', { body: { csrf }, form: true, headers: { cookie } });

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers['set-cookie']).toMatch(new RegExp(`^${COOKIE}=; Path=/; Max-Age=0`));
    expect(await itemsWithPrefix('SESSION#')).toHaveLength(0);
    expect((await board(cookie)).status).toBe(303);
  });

  it('refuses sign-out without the session’s CSRF token, and any form from a foreign origin, with 403', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const cookie = await signIn('priya', 'priya@lonestar.example.com');
    const csrf = csrfOf((await board(cookie)).body);
    await requestLink('priya@lonestar.example.com');
    const path = signInPath('priya');
    const before = await tableItems(api);
    const sentBefore = api.app.outbox.messages.length;
    const foreign = { origin: 'https://evil.example', host: HOST };

    // Act
    const noCsrf = await api.request('POST', '/sign-out', {
      body: { csrf: 'x' },
      form: true,
      headers: { cookie },
    });
    const signOut = await api.request('POST', '/sign-out', {
      body: { csrf },
      form: true,
      headers: { cookie, ...foreign },
    });
    const link = await api.request('POST', path, { body: '', form: true, headers: foreign });
    const request = await requestLink('priya@lonestar.example.com', foreign);

    // Assess
    expect([noCsrf.status, signOut.status, link.status, request.status]).toEqual([403, 403, 403, 403]);
    expect(await tableItems(api)).toEqual(before);
    expect(api.app.outbox.messages).toHaveLength(sentBefore);
    const sameSite = await api.request('POST', path, {
      body: '',
      form: true,
      headers: { origin: `http://${HOST}`, host: HOST },
    });
    expect(sameSite.status).toBe(303);
  });

  it('shows a tech only their own leads, and another’s lead is 404', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    const mine = await postLead(api, leadBody({ fullName: 'Ana Diaz' }));
    const theirs = await postLead(
      api,
      leadBody({
        fullName: 'Bo Kim',
        serviceAddress: '9 Elm St, Austin TX 78704',
        serviceType: 'hvac_repair',
      }),
    );
    expect((await getLead(api, mine)).handoff?.to.id).toBe('tomas');
    expect((await getLead(api, theirs)).handoff?.to.id).not.toBe('tomas');
    const tech = await signIn('tomas', '+15125550105');
    const manager = await signIn('priya', 'priya@lonestar.example.com');

    // Act
    const techBoard = await board(tech);
    const managerBoard = await board(manager);
    const own = await api.request('GET', `/board/leads/${mine}`, { headers: { cookie: tech } });
    const other = await api.request('GET', `/board/leads/${theirs}`, { headers: { cookie: tech } });

    // Assess
    expect(techBoard.body).toContain('Ana Diaz');
    expect(techBoard.body).not.toContain('Bo Kim');
    expect(techBoard.body).toMatch(/Waiting for Tomás to accept until \w{3} \d{1,2}:\d{2} (AM|PM)/);
    expect(managerBoard.body).toContain('Ana Diaz');
    expect(managerBoard.body).toContain('Bo Kim');
    expect(own.status).toBe(200);
    expect(other.status).toBe(404);
  });

  it('marks an overdue lead in words', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);
    await postLead(api, leadBody({ fullName: 'Ana Diaz' }));
    const manager = await signIn('priya', 'priya@lonestar.example.com');

    // Act: past the acceptance deadline, before its timer has run (the page is rendered first)
    api.clock.set(new Date(Date.parse(IN_HOURS) + 6 * 3600_000));
    const page = await board(manager);

    // Assess
    expect(page.body).toContain('<span class="tag overdue-tag">Overdue</span>');
  });

  it('rate-limits link requests per person and per address', async () => {
    // Prepare
    api = await startLocalApi(IN_HOURS);

    // Act
    for (let i = 0; i < BOARD.signInRequestsPerWindow + 2; i += 1)
      await requestLink('priya@lonestar.example.com');
    await requestLink('+1 512 555 0108');
    const sentInWindow = api.app.outbox.list('priya').length;
    await api.advance(BOARD.signInWindowMinutes * 60);
    await requestLink('priya@lonestar.example.com');

    // Assess
    expect(sentInWindow).toBe(BOARD.signInRequestsPerWindow);
    expect(api.app.outbox.list('priya')).toHaveLength(BOARD.signInRequestsPerWindow + 1);
  });
});
