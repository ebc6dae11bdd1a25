/**
 * Where a plain HTML form's `redirect` field may send the browser after a lead is posted: a path on this
 * site, this site's own URL, or a host the business configured (`business.formRedirectHosts`, its
 * website). Anything else is refused with 400 before the lead is read, so nothing is stored and the API
 * is never an open redirect.
 */
import { ValidationError } from '../errors';

/** The longest `redirect` accepted, in characters. */
export const MAX_REDIRECT_LENGTH = 1024;

/** A redirect target, with the lead's id and status still to add. */
export type RedirectTarget = { kind: 'absolute'; url: URL } | { kind: 'path'; url: URL };

const refuse = (message: string): ValidationError =>
  new ValidationError('The redirect is not allowed', [{ path: 'redirect', message }]);

/** A path on this site: `/…`, never `//host` or `/\host` (which browsers read as another host). */
const SAME_SITE_PATH = /^\/(?![/\\])[^\\\s]*$/;

/**
 * Reads a form's `redirect`: undefined when absent or blank; a `ValidationError` (path `redirect`) when it
 * is too long, not http(s), carries credentials, or names a host that is neither `host` (the request's
 * own `Host`) nor one of `allowedHosts`.
 */
export const formRedirect = (
  value: unknown,
  host: string | undefined,
  allowedHosts: readonly string[],
): RedirectTarget | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw refuse('must be a URL');
  if (value.length > MAX_REDIRECT_LENGTH) throw refuse(`longer than ${MAX_REDIRECT_LENGTH} characters`);
  if (value.startsWith('/')) {
    if (!SAME_SITE_PATH.test(value)) throw refuse('must be a path on this site, like /thanks');
    return { kind: 'path', url: new URL(value, 'http://this-site.invalid') };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('must be an absolute http(s) URL or a path on this site');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse('must be an absolute http(s) URL or a path on this site');
  }
  if (url.username !== '' || url.password !== '') throw refuse('must not carry a user name or password');
  const sameSite = host !== undefined && url.host === host.toLowerCase();
  const allowed = allowedHosts.some((allowedHost) => allowedHost.toLowerCase() === url.hostname);
  if (!sameSite && !allowed) throw refuse(`${url.hostname} is not one of this business's websites`);
  return { kind: 'absolute', url };
};

/** The `Location` for a target with the lead's id and status added to its query. */
export const redirectLocation = (
  target: RedirectTarget,
  params: Record<string, string | undefined>,
): string => {
  const { url } = target;
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return target.kind === 'absolute' ? url.toString() : `${url.pathname}${url.search}${url.hash}`;
};
