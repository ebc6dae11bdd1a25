/**
 * The OpenAPI 3.1 description of the public API (`/leads`, `/hooks/*`, the ops endpoints), served at
 * `GET /openapi.json` and kept in `docs/openapi.json` for readers. Generated, never hand-written: the
 * paths and methods from `ROUTES` (what the gateway and the local runner serve), the request bodies from
 * the schemas the code validates with (`openapi-schemas.ts`). A route without an entry in `OPERATIONS`
 * does not compile, so the description cannot fall behind the API. The pages (board, links) are for
 * people and are left out.
 */
import { BOARD_VIEWS, STATUS_FILTERS } from '../domain/board-query';
import { SOURCES } from '../domain/lead';
import {
  configBodySchema,
  type JsonSchema,
  leadPatchSchema,
  leadSubmissionSchema,
  transferBodySchema,
} from './openapi-schemas';
import { type FunctionName, ROUTES, type RouteAuth, type RouteKey } from './routes';

/** The functions whose routes are the API (the others serve pages). */
const API_FUNCTIONS = ['intake', 'leads', 'ops', 'hooks'] as const satisfies readonly FunctionName[];
type ApiRouteKey = RouteKey<(typeof API_FUNCTIONS)[number]>;

interface Operation {
  summary: string;
  /** `#/components/schemas/<name>` of the JSON body, when it takes one. */
  body?: string;
  /** Also accepted as a plain HTML form (`application/x-www-form-urlencoded`). */
  form?: boolean;
  query?: ReadonlyArray<{ name: string; schema: JsonSchema; description: string }>;
  /** Status codes of success, with what they mean. */
  ok: Readonly<Record<number, string>>;
  tag: 'Leads' | 'Lead sources' | 'Ops' | 'About';
}

const LIST_QUERY = [
  { name: 'view', schema: { type: 'string', enum: [...BOARD_VIEWS] }, description: 'Which list' },
  { name: 'q', schema: { type: 'string', maxLength: 100 }, description: 'A phone (any format) or a name' },
  { name: 'status', schema: { type: 'string', enum: [...STATUS_FILTERS] }, description: 'Stage or status' },
  { name: 'source', schema: { type: 'string', enum: [...SOURCES] }, description: 'Where the lead came from' },
  { name: 'cursor', schema: { type: 'string' }, description: 'The next page, as the last answer gave it' },
] as const;

const PAGE_QUERY = [
  { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 100 }, description: 'Records per page' },
  { name: 'cursor', schema: { type: 'string' }, description: 'The next page, as the last answer gave it' },
] as const;

/** Every API route, described. */
const OPERATIONS: Readonly<Record<ApiRouteKey, Operation>> = {
  'POST /leads': {
    summary:
      'Capture a lead (JSON or a plain HTML form); never bounced unless it has no way to reach the customer',
    body: 'LeadSubmission',
    form: true,
    ok: {
      200: 'The same lead (a retry, or the customer already has an open lead)',
      201: 'Captured',
      303: 'A form post with `redirect`',
    },
    tag: 'Leads',
  },
  'GET /hooks/{connector}': {
    summary: "A lead source's handshake (Meta's hub.challenge)",
    ok: { 200: 'The handshake answer' },
    tag: 'Lead sources',
  },
  'POST /hooks/{connector}': {
    summary: "A lead source's webhook, verified as the source signs it (docs/connectors)",
    ok: { 200: 'Captured, or nothing to capture, in the answer the source expects' },
    tag: 'Lead sources',
  },
  'GET /leads': {
    summary: 'The board’s lists as JSON',
    query: LIST_QUERY,
    ok: { 200: 'One page' },
    tag: 'Leads',
  },
  'GET /leads/{id}': { summary: 'One lead with its timeline', ok: { 200: 'The lead' }, tag: 'Leads' },
  'PATCH /leads/{id}': {
    summary: 'Complete or correct a lead; a complete needs-info lead is routed',
    body: 'LeadPatch',
    ok: { 200: 'The lead' },
    tag: 'Leads',
  },
  'POST /leads/{id}/transfer': {
    summary: 'Transfer a lead: a new handoff the person must accept',
    body: 'Transfer',
    ok: { 200: 'The lead' },
    tag: 'Leads',
  },
  'GET /ops/failed-handoffs': {
    summary: 'Open failed handoffs',
    query: PAGE_QUERY,
    ok: { 200: 'One page' },
    tag: 'Ops',
  },
  'POST /ops/failed-handoffs/{id}/retry': {
    summary: 'Retry one failed handoff',
    ok: { 200: 'The outcome' },
    tag: 'Ops',
  },
  'POST /ops/failed-handoffs/retry-all': {
    summary: 'Redrive the dead-letter queues and retry open failed handoffs',
    ok: { 200: 'The outcomes' },
    tag: 'Ops',
  },
  'PUT /ops/config': {
    summary: 'Replace the business settings and the roster without a redeploy',
    body: 'Config',
    ok: { 200: 'Stored' },
    tag: 'Ops',
  },
  'GET /ops/sms/unknown': {
    summary: 'Texts from numbers not on the roster, newest first (kept 30 days)',
    query: PAGE_QUERY,
    ok: { 200: 'One page' },
    tag: 'Ops',
  },
  'GET /ops/reports/daily': { summary: 'Today’s open loops', ok: { 200: 'The review' }, tag: 'Ops' },
  'GET /ops/reports/weekly': {
    summary: 'The weekly numbers (also per source) and the QA sample',
    query: [
      { name: 'week', schema: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' }, description: 'e.g. 2026-W47' },
    ],
    ok: { 200: 'The report' },
    tag: 'Ops',
  },
  'GET /openapi.json': { summary: 'This description', ok: { 200: 'OpenAPI 3.1' }, tag: 'About' },
};

const SECURITY: Readonly<Record<RouteAuth, ReadonlyArray<Record<string, never[]>>>> = {
  intake: [{ intakeKey: [] }, { intakeKeyQuery: [] }],
  ops: [{ opsKey: [] }],
  public: [],
};

const REFUSALS: Readonly<Record<number, string>> = {
  400: 'Not a lead or a bad request: `issues` says what, by field',
  401: 'No or a bad credential',
  403: 'Not allowed',
  404: 'No such resource',
  409: 'Changed meanwhile: read it again',
  413: 'The body is too large',
  415: 'A content type or charset we do not read',
};

const operationOf = (route: (typeof ROUTES)[number], op: Operation): JsonSchema => {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = (op.query ?? []).map(({ name, schema, description }) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema,
  }));
  const ref = op.body && { $ref: `#/components/schemas/${op.body}` };
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = '') => c.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    security: SECURITY[route.auth],
    ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(ref
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref },
              ...(op.form ? { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } : {}),
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(Object.entries(op.ok).map(([status, description]) => [status, { description }])),
      ...Object.fromEntries(
        Object.entries(REFUSALS).map(([status, description]) => [
          status,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
};

const isApiRoute = (route: (typeof ROUTES)[number]): boolean =>
  (API_FUNCTIONS as readonly string[]).includes(route.fn);

/** The OpenAPI 3.1 document of the API. */
export const openApiDocument = (): JsonSchema => {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES.filter(isApiRoute)) {
    const op = OPERATIONS[`${route.method} ${route.path}` as ApiRouteKey];
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route, op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lead Handoff API',
      version: '1',
      description:
        'Leads in (your forms, phone system and lead sources), one accountable owner each. See docs/api.md.',
    },
    paths,
    components: {
      securitySchemes: {
        intakeKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: 'A per-source intake key',
        },
        intakeKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'key',
          description: 'The same, for plain HTML forms',
        },
        opsKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'The ops key' },
      },
      schemas: {
        LeadSubmission: leadSubmissionSchema(),
        LeadPatch: leadPatchSchema(),
        Transfer: transferBodySchema(),
        Config: configBodySchema(),
        Problem: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
};
