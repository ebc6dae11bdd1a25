/**
 * A browser form posting to `POST /leads`: a urlencoded body with a `redirect` field naming where to send
 * the browser once the lead is stored (the thank-you page). Such a post is answered for a person, not an
 * integration: a stored lead redirects (303), a refusal answers `400` with the form again — the customer's
 * values kept and a plain message at each field to fix (`formPage`, e.g. the local runner's demo form) —
 * or, where no form page is wired, the same messages as plain text. Never JSON.
 *
 * The honeypot: a browser form may carry a `website` field that people never see (`HONEYPOT_FIELD`).
 * A robot that fills it gets the same redirect to the thank-you page, and nothing is stored. Posts
 * without `redirect` (integrations) are read exactly as before.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { formProblems, HONEYPOT_FIELD } from '../../shared/domain/form-problems';
import { FIELD_LABELS, type LeadField } from '../../shared/domain/intake-fields';
import type { Issue } from '../../shared/errors';
import { formRedirect, type RedirectTarget } from '../../shared/http/form-redirect';
import { html, text } from '../../shared/http/respond';

/** A refused browser form: what the customer typed, what is wrong, and how to post it again. */
export interface RefusedForm {
  /** The posted fields, as typed (without `redirect` and the honeypot). */
  values: Record<string, string>;
  issues: Issue[];
  /** The source's key, when the form carried it in the query (`/leads?key=...`). */
  apiKey?: string;
  /** Where the form sends the browser after a stored lead. */
  redirect: string;
}

/** Renders the form again for a refusal (HTML); wired by the local runner for its demo form. */
export type FormPage = (refused: RefusedForm) => Promise<string>;

/** A form post split into the lead's fields and the form's own: where to go after, and the honeypot. */
export interface FormPost {
  fields: Record<string, unknown>;
  /** Set for a browser form (`redirect` given). */
  target?: RedirectTarget;
  /** The honeypot was filled: a robot. */
  robot: boolean;
}

/**
 * Reads a urlencoded body's own fields: the `redirect` (checked by `formRedirect`: this site or one of
 * `allowedHosts`, read only when a redirect is given) and, for a browser form, the honeypot.
 */
export const formPost = async (
  value: Record<string, unknown>,
  host: string | undefined,
  allowedHosts: () => Promise<readonly string[]>,
): Promise<FormPost> => {
  const { redirect: wanted, ...rest } = value;
  const target =
    wanted === undefined || wanted === '' ? undefined : formRedirect(wanted, host, await allowedHosts());
  if (target === undefined) return { fields: rest, robot: false };
  const { [HONEYPOT_FIELD]: trap, ...fields } = rest;
  return { fields, target, robot: typeof trap === 'string' && trap.trim() !== '' };
};

/** The posted values as strings, for the form shown again. */
export const typedValues = (fields: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
  );

/** The plain-text answer to a refused browser form where no form page is wired. */
const plainRefusal = (refused: RefusedForm): string => {
  const problems = formProblems(refused.issues, refused.values);
  const label = (name: string) => (name in FIELD_LABELS ? FIELD_LABELS[name as LeadField] : 'Your answer');
  return [
    'We could not send your request yet.',
    '',
    ...Object.entries(problems.fields).map(([name, message]) => `${label(name)}: ${message}`),
    ...problems.general,
    '',
    'Please go back, correct it and send it again.',
  ].join('\n');
};

/** The answer to a refused browser form: the form again (HTML) or the plain messages, both `400`. */
export const refusal = async (refused: RefusedForm, formPage?: FormPage): Promise<APIGatewayProxyResult> =>
  formPage ? html(400, await formPage(refused)) : text(400, plainRefusal(refused));
