/**
 * What every board route shares: its page and problem responses, the session cookie, the CSRF check and the
 * foreign-`Origin` rule (docs/product-rules.md §10). Route modules (`make-handler.ts`, and the action routes) use these
 * so the rules are written once.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { BoardActionsService } from '../../shared/app/board-actions-service';
import type { BoardService } from '../../shared/app/board-service';
import type { RosterService } from '../../shared/app/roster-service';
import type { SignedIn, SignInService } from '../../shared/app/sign-in-service';
import { header, pageForm } from '../../shared/http/request';
import { html } from '../../shared/http/respond';
import type { ConfigSource } from '../../shared/ports';
import { problemPage } from '../../shared/web/problem-page';

/** The session cookie: `__Host-lh_session`, Secure; plain http only in the local runner. */
export interface SessionCookie {
  name: string;
  secure: boolean;
}

export type Route = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export const page = (status: number, body: string): APIGatewayProxyResult => {
  const response = html(status, body);
  return { ...response, headers: { ...response.headers, 'x-robots-tag': 'noindex, nofollow' } };
};

export const problem = (status: number, title: string, message: string): APIGatewayProxyResult =>
  page(status, problemPage(title, message));

export const NOT_FOUND = () => problem(404, 'Not found', 'There is no such lead on your board.');

export const withCookie = (response: APIGatewayProxyResult, cookie: string): APIGatewayProxyResult => ({
  ...response,
  headers: { ...response.headers, 'set-cookie': cookie },
});

export const formOf = (event: APIGatewayProxyEvent): URLSearchParams =>
  pageForm(event, { emptyAllowed: true });

/** The foreign-`Origin` rule, shared with the handoff link forms (`shared/http/request.ts`). */
export { foreignOrigin } from '../../shared/http/request';

export const cookieValue = (event: APIGatewayProxyEvent, name: string): string | undefined => {
  for (const part of (header(event, 'cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
};

export const sameSecret = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface BoardHandlerDeps {
  signIn: SignInService;
  board: BoardService;
  /** The lead page, its actions and failed-handoff retries. */
  actions: BoardActionsService;
  /** The roster page: who is working and away; setting someone away or back. */
  roster: RosterService;
  config: ConfigSource;
  cookie: SessionCookie;
}

/** What the route modules get: the services, and the signed-in person of a request. */
export interface BoardContext extends BoardHandlerDeps {
  businessName(): Promise<string>;
  current(event: APIGatewayProxyEvent): Promise<SignedIn | undefined>;
}
