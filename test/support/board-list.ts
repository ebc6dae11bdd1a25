/**
 * Signing people in to the board on the local API (as `test/integration/sign-in.test.ts` does, through
 * their own one-time link in the outbox) and reading the board's lists as a browser would.
 */
import { BOARD } from '../../shared/settings';
import type { ApiResponse, LocalApi } from './local-api';

const COOKIE = BOARD.localSessionCookie;

/** Each example roster person's id and the contact they sign in with. */
export const PEOPLE = {
  priya: 'priya@lonestar.example.com', // office manager: sees every lead
  irene: 'irene@lonestar.example.com', // intake
  tomas: 'tomas@lonestar.example.com', // tech
  kelly: 'kelly@lonestar.example.com', // tech
  marco: 'marco@lonestar.example.com', // on call
  sam: 'sam@lonestar.example.com', // sales
} as const;

/** Signs `personId` in through their own newest sign-in link; returns the Cookie header. */
export const signIn = async (api: LocalApi, personId: keyof typeof PEOPLE): Promise<string> => {
  await api.request('POST', '/sign-in', { body: { contact: PEOPLE[personId] }, form: true });
  const body = api.app.outbox.list(personId).at(-1)?.body ?? '';
  const path = /\/s\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
  if (!path) throw new Error(`${personId} has no sign-in link`);
  const res = await api.request('POST', path, { body: '', form: true });
  const value = new RegExp(`^${COOKIE}=([^;]*)`).exec(res.headers['set-cookie'] ?? '')?.[1];
  if (!value) throw new Error(`${personId} got no session cookie`);
  return `${COOKIE}=${value}`;
};

/** `GET /board` with these parameters, as the signed-in person. */
export const boardPage = (
  api: LocalApi,
  cookie: string,
  query: Record<string, string> = {},
): Promise<ApiResponse> => api.request('GET', '/board', { headers: { cookie }, query });

/** The lead ids of a board page's rows, in order. */
export const rowIds = (page: string): string[] =>
  [...page.matchAll(/data-lead="([0-9A-Z]{26})"/g)].map((m) => m[1] ?? '');

/** The failure ids of a failed view's rows, in order. */
export const failureIds = (page: string): string[] =>
  [...page.matchAll(/data-failure="([^"]+)"/g)].map((m) => m[1] ?? '');

/** The count a view's navigation link shows (`Overdue (3)` → 3), or undefined when the view is not offered. */
export const navCount = (page: string, view: string): number | undefined => {
  const match = new RegExp(`data-view="${view}"[^>]*>[^<(]*\\((\\d+)\\)`).exec(page);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** The href of the page's "Next page" link, as a path and query the local API takes. */
export const nextPageQuery = (page: string): Record<string, string> | undefined => {
  const href = /<a class="tap" href="([^"]+)" rel="next">/.exec(page)?.[1];
  if (!href) return undefined;
  const url = new URL(href.replaceAll('&amp;', '&'), 'http://localhost/');
  return Object.fromEntries(url.searchParams);
};
