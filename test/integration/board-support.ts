/**
 * Helpers for the board's scenario tests: sign a roster person in through their own link (as a browser
 * would), read the CSRF token off a page, post a board form.
 */
import { BOARD } from '../../shared/settings';
import type { ApiResponse, LocalApi } from '../support/local-api';

const COOKIE = BOARD.localSessionCookie;

/** The contact each example roster person signs in with. */
export const CONTACTS = {
  priya: 'priya@lonestar.example.com',
  irene: 'irene@lonestar.example.com',
  tomas: '+15125550105',
  kelly: '+15125550106',
  lee: 'lee@lonestar.example.com',
} as const;

/** Signs `personId` in through their own link; returns the Cookie header. */
export const signIn = async (api: LocalApi, personId: keyof typeof CONTACTS): Promise<string> => {
  await api.request('POST', '/sign-in', { body: { contact: CONTACTS[personId] }, form: true });
  const body = api.app.outbox.list(personId).at(-1)?.body ?? '';
  const path = /\/s\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
  if (!path) throw new Error(`${personId} has no sign-in link`);
  const res = await api.request('POST', path, { body: '', form: true });
  const value = new RegExp(`^${COOKIE}=([^;]*)`).exec(res.headers['set-cookie'] ?? '')?.[1];
  if (!value) throw new Error('no session cookie');
  return `${COOKIE}=${value}`;
};

/** The CSRF token the page's forms carry. */
export const csrfOf = (page: string): string => {
  const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
};

/** A signed-in person: their cookie and their session's CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

export const session = async (api: LocalApi, personId: keyof typeof CONTACTS): Promise<Session> => {
  const cookie = await signIn(api, personId);
  const board = await api.request('GET', '/board', { headers: { cookie } });
  return { cookie, csrf: csrfOf(board.body) };
};

/** The lead page as `who` sees it. */
export const leadPage = (api: LocalApi, who: Session, leadId: string, query: Record<string, string> = {}) =>
  api.request('GET', `/board/leads/${leadId}`, { headers: { cookie: who.cookie }, query });

/** Posts a board form as `who`, with their CSRF token unless `fields` says otherwise. */
export const postForm = (
  api: LocalApi,
  who: Session,
  path: string,
  fields: Record<string, string> = {},
): Promise<ApiResponse> =>
  api.request('POST', path, {
    body: { csrf: who.csrf, ...fields },
    form: true,
    headers: { cookie: who.cookie },
  });

/** `Tue Nov 24, 2026 09:30` as a `datetime-local` value, `days` after the scenario's Wednesday. */
export const localInput = (days: number, time = '09:30'): string => {
  const day = new Date(Date.UTC(2026, 10, 18 + days));
  return `${day.toISOString().slice(0, 10)}T${time}`;
};
