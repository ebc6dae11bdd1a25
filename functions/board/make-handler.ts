/**
 * The board and its sign-in (docs/product-rules.md §8, §10). Public at the gateway: this function checks the session.
 *
 * - `GET /sign-in` the form; `POST /sign-in` queues a one-time link (same answer for everyone).
 * - `GET /s/{token}` a "Sign in" button only (link previews change nothing); `POST /s/{token}` uses the
 *   link up, sets the session cookie and sends the browser to the board.
 * - `POST /sign-out` deletes the session and clears the cookie.
 * - `GET /board` the open leads the person may see; `GET /board/leads/{id}` one of them (404 otherwise).
 *
 * Every POST is refused (403, nothing changed) when `Origin` names another host. A missing `Origin`,
 * or `Origin: null`, is accepted: our pages send no referrer, and browsers then send `Origin: null`
 * even on same-origin form posts; older browsers send none. Forms that act for a session (sign-out now,
 * the board's actions later) also carry the session's CSRF token, which is what protects them then; the
 * sign-in forms need none (their token or the roster address is the credential, and a forged request can
 * at most send a rate-limited link to a roster person's own phone). Redirects are relative, so they
 * keep the stage prefix (`/v1`) on AWS.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { SignedIn } from '../../shared/app/sign-in-service';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../shared/errors';
import type { ApiHandler } from '../../shared/http/api-handler';
import { redirect } from '../../shared/http/respond';
import type { RouteKey } from '../../shared/http/routes';
import { logger } from '../../shared/observability';
import { BOARD } from '../../shared/settings';
import {
  signInFormPage,
  signInLinkGonePage,
  signInLinkPage,
  signInSentPage,
} from '../../shared/web/sign-in-pages';
import { actionRoutes } from './action-routes';
import {
  type BoardContext,
  type BoardHandlerDeps,
  cookieValue,
  foreignOrigin,
  formOf,
  NOT_FOUND,
  page,
  problem,
  type Route,
  sameSecret,
  withCookie,
} from './board-http';
import { failedRoutes } from './failed-routes';
import { leadRoutes } from './lead-routes';
import { listRoutes } from './list-routes';
import { rosterRoutes } from './roster-routes';

export type { BoardContext, BoardHandlerDeps, SessionCookie } from './board-http';

export const makeHandler = (deps: BoardHandlerDeps): ApiHandler => {
  const { signIn, cookie } = deps;
  const businessName = async () => (await deps.config.load()).business.name;
  const setCookie = (value: string, maxAgeSeconds: number) =>
    `${cookie.name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${cookie.secure ? '; Secure' : ''}`;
  const current = (event: APIGatewayProxyEvent): Promise<SignedIn | undefined> =>
    signIn.current(cookieValue(event, cookie.name));
  const context: BoardContext = { ...deps, businessName, current };

  const routes: Record<RouteKey<'board'>, Route> = {
    ...listRoutes(context),
    ...leadRoutes(context),
    ...actionRoutes(context),
    ...failedRoutes(context),
    ...rosterRoutes(context),
    'GET /sign-in': async () => page(200, signInFormPage(await businessName(), 'sign-in')),
    'POST /sign-in': async (event) => {
      await signIn.requestLink(formOf(event).get('contact') ?? '');
      return page(200, signInSentPage(await businessName(), 'sign-in'));
    },
    'GET /s/{token}': async (event) => {
      const token = event.pathParameters?.token ?? '';
      if (!(await signIn.linkWorks(token)))
        return page(410, signInLinkGonePage(await businessName(), '../sign-in'));
      return page(200, signInLinkPage(await businessName(), `./${encodeURIComponent(token)}`));
    },
    'POST /s/{token}': async (event) => {
      const session = await signIn.signIn(event.pathParameters?.token ?? '');
      if (!session) return page(410, signInLinkGonePage(await businessName(), '../sign-in'));
      return withCookie(redirect('../board'), setCookie(session.cookieValue, BOARD.sessionHours * 3600));
    },
    'POST /sign-out': async (event) => {
      const signedIn = await current(event);
      if (signedIn) {
        const csrf = formOf(event).get('csrf') ?? '';
        if (!sameSecret(csrf, signedIn.session.csrfToken)) {
          return problem(403, 'Not signed out', 'Use the Sign out button on the board.');
        }
        await signIn.signOut(signedIn.session);
      }
      return withCookie(redirect('./sign-in'), setCookie('', 0));
    },
  };

  return async (event, lambdaContext) => {
    logger.addContext(lambdaContext);
    const requestId = event.requestContext?.requestId;
    if (requestId) logger.setCorrelationId(requestId);
    try {
      if (event.httpMethod === 'POST' && foreignOrigin(event)) {
        logger.warn('Board form refused: foreign origin');
        return problem(403, 'Refused', 'This form can only be sent from this site.');
      }
      const route = (routes as Record<string, Route | undefined>)[`${event.httpMethod} ${event.resource}`];
      if (!route) return NOT_FOUND();
      return await route(event);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return problem(413, 'Too large', 'The form is too large.');
      if (error instanceof UnsupportedMediaTypeError) {
        return problem(415, 'Unsupported form', 'Use the forms on the page.');
      }
      logger.error('Board request failed', { method: event.httpMethod, error: error as Error });
      return problem(500, 'Something went wrong', 'Nothing was changed. Try again in a minute.');
    } finally {
      logger.removeKeys(['correlation_id']);
    }
  };
};
