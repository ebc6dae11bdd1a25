/**
 * The HTTP surface, declared once: the CDK API builds its resources and methods from it and the local
 * runner routes with it, so both expose the same endpoints with the same protection.
 */
export type FunctionName = 'intake' | 'leads' | 'links' | 'ops' | 'board' | 'hooks';

/**
 * - `intake`: a per-source intake key (header `x-api-key`, or query `key` for plain HTML forms).
 * - `ops`: the ops key, header only.
 * - `public`: no key (handoff links carry their own token; the board checks its own session cookie; each
 *   lead source's webhook is verified by its connector: signature, key or HTTP Basic, as the source signs).
 */
export type RouteAuth = 'intake' | 'ops' | 'public';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: `/leads/{id}`. */
  path: string;
  fn: FunctionName;
  auth: RouteAuth;
}

export const ROUTES = [
  { method: 'POST', path: '/leads', fn: 'intake', auth: 'intake' },
  { method: 'GET', path: '/hooks/{connector}', fn: 'hooks', auth: 'public' },
  { method: 'POST', path: '/hooks/{connector}', fn: 'hooks', auth: 'public' },
  { method: 'GET', path: '/leads', fn: 'leads', auth: 'ops' },
  { method: 'GET', path: '/leads/{id}', fn: 'leads', auth: 'ops' },
  { method: 'PATCH', path: '/leads/{id}', fn: 'leads', auth: 'ops' },
  { method: 'POST', path: '/leads/{id}/transfer', fn: 'leads', auth: 'ops' },
  { method: 'GET', path: '/h/{token}', fn: 'links', auth: 'public' },
  { method: 'POST', path: '/h/{token}', fn: 'links', auth: 'public' },
  { method: 'GET', path: '/ops/failed-handoffs', fn: 'ops', auth: 'ops' },
  { method: 'POST', path: '/ops/failed-handoffs/{id}/retry', fn: 'ops', auth: 'ops' },
  { method: 'POST', path: '/ops/failed-handoffs/retry-all', fn: 'ops', auth: 'ops' },
  { method: 'PUT', path: '/ops/config', fn: 'ops', auth: 'ops' },
  { method: 'GET', path: '/ops/sms/unknown', fn: 'ops', auth: 'ops' },
  { method: 'GET', path: '/ops/reports/daily', fn: 'ops', auth: 'ops' },
  { method: 'GET', path: '/ops/reports/weekly', fn: 'ops', auth: 'ops' },
  { method: 'GET', path: '/openapi.json', fn: 'ops', auth: 'public' },
  { method: 'GET', path: '/sign-in', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/sign-in', fn: 'board', auth: 'public' },
  { method: 'GET', path: '/s/{token}', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/s/{token}', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/sign-out', fn: 'board', auth: 'public' },
  { method: 'GET', path: '/board', fn: 'board', auth: 'public' },
  { method: 'GET', path: '/board/leads/{id}', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/leads/{id}/complete', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/leads/{id}/transfer', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/leads/{id}/close', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/leads/{id}/next-action', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/failed/{id}/retry', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/failed/retry-all', fn: 'board', auth: 'public' },
  { method: 'GET', path: '/board/roster', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/roster/{id}/away', fn: 'board', auth: 'public' },
  { method: 'POST', path: '/board/roster/{id}/back', fn: 'board', auth: 'public' },
] as const satisfies readonly Route[];

/** `METHOD /path` of each route a function serves: the keys of its handler map. */
export type RouteKey<F extends FunctionName> =
  Extract<(typeof ROUTES)[number], { fn: F }> extends infer R
    ? R extends Route
      ? `${R['method']} ${R['path']}`
      : never
    : never;

/** Matches a concrete path against a route template; returns the path parameters or undefined. */
export const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  const want = template.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (!actual) return undefined;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // a malformed %-escape names no resource
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
};
