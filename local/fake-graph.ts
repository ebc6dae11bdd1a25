/**
 * A fake of Meta's Graph API for the local runner (docs/connectors/meta-lead-ads.md): `GET
 * /_local/graph/<leadgen id>?access_token=…` answers the fixture leads below as the Graph API answers a
 * lead (`id`, `created_time`, `field_data`), and an unknown id or a missing token with a Graph error.
 * The local runner has no real Meta: its hooks answer Meta's own Graph URLs (`graph.facebook.com`, any
 * version) and such local URLs in process, whatever host and port the runner listens on, so the example
 * settings can keep Meta's real `graphBaseUrl` (the one a deployed stack must use).
 */

/** The path the fake Graph API answers under. */
export const FAKE_GRAPH_PATH = '/_local/graph/';

const field = (name: string, value: string) => ({ name, values: [value] });

/** Leads the fake Graph API knows, by leadgen id. */
export const FAKE_GRAPH_LEADS: Readonly<Record<string, unknown>> = {
  '900000000000001': {
    id: '900000000000001',
    created_time: '2026-11-18T15:58:00+0000',
    field_data: [
      field('full_name', 'Rosa Delgado'),
      field('phone_number', '+15125550142'),
      field('email', 'rosa@example.com'),
      field('street_address', '4410 Manchaca Rd'),
      field('city', 'Austin'),
      field('zip_code', '78745'),
      field('what_service_do_you_need?', 'Drain cleaning'),
      field('when_is_a_good_time_to_call?', 'After 5pm'),
    ],
  },
  '900000000000002': {
    id: '900000000000002',
    created_time: '2026-11-18T15:59:00+0000',
    field_data: [
      field('first_name', 'Ken'),
      field('last_name', 'Ito'),
      field('phone_number', '(512) 555-0177'),
      field('post_code', '78664'),
      field('what_service_do_you_need?', 'Water heater'),
    ],
  },
};

const graphError = (message: string, type: string, code: number) => ({
  status: 400,
  body: { error: { message, type, code } },
});

/** The fake Graph API's answer to `url`, or undefined when `url` is not one of its paths. */
export const fakeGraph = (url: URL): { status: number; body: unknown } | undefined => {
  const meta = url.hostname === 'graph.facebook.com';
  if (!meta && !url.pathname.startsWith(FAKE_GRAPH_PATH)) return undefined;
  const id = meta ? (url.pathname.split('/').pop() ?? '') : url.pathname.slice(FAKE_GRAPH_PATH.length);
  if (!url.searchParams.get('access_token')) {
    return graphError('An access token is required to request this resource.', 'OAuthException', 104);
  }
  const lead = Object.hasOwn(FAKE_GRAPH_LEADS, id) ? FAKE_GRAPH_LEADS[id] : undefined;
  if (lead === undefined) {
    return graphError(
      `Object with ID '${id}' does not exist (local fake Graph API)`,
      'GraphMethodException',
      100,
    );
  }
  return { status: 200, body: lead };
};
