/**
 * What every board action checks before it runs (docs/product-rules.md §10): a live session (else the sign-in
 * page), and the session's CSRF token in the form's `csrf` field (else 403, nothing changed). The
 * foreign-`Origin` rule is checked for every POST by `make-handler.ts`.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import type { SignedIn } from '../../shared/app/sign-in-service';
import type { PersonRef } from '../../shared/domain/lead';
import { personRef } from '../../shared/domain/routing';
import { redirect } from '../../shared/http/respond';
import { logger } from '../../shared/observability';
import { type BoardContext, formOf, problem, sameSecret } from './board-http';

/** A signed-in person's form, read. */
export interface GuardedForm {
  signedIn: SignedIn;
  /** The person as the timeline names them. */
  viewer: PersonRef;
  form: URLSearchParams;
}

const csrfSchema = z.string().min(1).max(100);

/** The person and their form, or the answer to send instead (`signInPath`: relative to the request). */
export const guardedForm = async (
  context: BoardContext,
  event: APIGatewayProxyEvent,
  signInPath: string,
): Promise<GuardedForm | { response: APIGatewayProxyResult }> => {
  const signedIn = await context.current(event);
  if (!signedIn) return { response: redirect(signInPath) };
  const form = formOf(event);
  const csrf = csrfSchema.safeParse(form.get('csrf'));
  if (!csrf.success || !sameSecret(csrf.data, signedIn.session.csrfToken)) {
    logger.warn('Board form refused: missing or wrong CSRF token');
    return {
      response: problem(403, 'Nothing was changed', 'This form has expired: reload the page and try again.'),
    };
  }
  return { signedIn, viewer: personRef(signedIn.person), form };
};

/** The posted values of `names` (an absent field reads as empty; a repeated one as its first value). */
export const formValues = (form: URLSearchParams, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, form.get(name) ?? '']));
