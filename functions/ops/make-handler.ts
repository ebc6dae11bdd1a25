/**
 * Ops endpoints: `GET /ops/failed-handoffs`, `POST /ops/failed-handoffs/{id}/retry`,
 * `POST /ops/failed-handoffs/retry-all`, `PUT /ops/config` (business settings and roster, without a
 * redeploy), `GET /ops/sms/unknown` (texts from numbers not on the roster), and the reports: `GET /ops/reports/daily` (today's open loops) and
 * `GET /ops/reports/weekly?week=YYYY-Www` (the weekly numbers and QA sample). Ops key only; but
 * `GET /openapi.json`, the API's description, is public.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { OpsService } from '../../shared/app/ops-service';
import type { ReviewService } from '../../shared/app/review-service';
import { ConfigError, ValidationError } from '../../shared/errors';
import { requireCaller } from '../../shared/http/api-handler';
import { apiRouter } from '../../shared/http/api-router';
import { openApiDocument } from '../../shared/http/openapi';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/respond';
import { logger } from '../../shared/observability';
import type { ConfigWriter, SmsContacts } from '../../shared/ports';

export interface OpsHandlerDeps {
  ops: OpsService;
  config: ConfigWriter;
  reviews: ReviewService;
  /** Where texts from unknown numbers are kept. */
  unknownSms: Pick<SmsContacts, 'listUnknown'>;
}

const WEEK_ID = /^\d{4}-W\d{2}$/;

/** The configuration is deeper and wider than a lead: a roster person's weekly hours sit 6 levels down. */
const CONFIG_BODY_LIMITS = { maxDepth: 10, maxKeys: 5000 };

/** `?week=YYYY-Www` or nothing (the last complete week); any other parameter is refused. */
const weekOption = (event: APIGatewayProxyEvent): string | undefined => {
  const query = event.queryStringParameters ?? {};
  const unknown = Object.keys(query).filter((key) => key !== 'week');
  if (unknown.length > 0) {
    throw new ValidationError(
      'Unknown query parameters',
      unknown.map((path) => ({ path, message: 'unknown parameter' })),
    );
  }
  if (query.week !== undefined && !WEEK_ID.test(query.week)) {
    throw new ValidationError('Bad week', [{ path: 'week', message: 'an ISO week like 2026-W47' }]);
  }
  return query.week;
};

const listOptions = (event: APIGatewayProxyEvent): { limit?: number; cursor?: string } => {
  const query = event.queryStringParameters ?? {};
  const unknown = Object.keys(query).filter((key) => key !== 'limit' && key !== 'cursor');
  if (unknown.length > 0) {
    throw new ValidationError(
      'Unknown query parameters',
      unknown.map((path) => ({ path, message: 'unknown parameter' })),
    );
  }
  if (query.limit !== undefined && !/^\d{1,3}$/.test(query.limit)) {
    throw new ValidationError('Bad limit', [{ path: 'limit', message: 'a whole number from 1 to 100' }]);
  }
  return {
    ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
};

const noBody = (event: APIGatewayProxyEvent): void => {
  if (event.body && event.body.trim() !== '' && event.body.trim() !== '{}') {
    throw new ValidationError('Unexpected body', [{ path: 'body', message: 'this endpoint takes no body' }]);
  }
};

export const makeHandler = ({ ops, config, reviews, unknownSms }: OpsHandlerDeps) => {
  // Public and the same for every request: generated from the schemas once, on the first request.
  let description: ReturnType<typeof openApiDocument> | undefined;
  return apiRouter('ops')({
    'GET /openapi.json': async () => {
      description ??= openApiDocument();
      return json(200, description);
    },
    'GET /ops/failed-handoffs': async (event) => {
      requireCaller(event, 'ops');
      return json(200, await ops.listFailures(listOptions(event)));
    },
    'POST /ops/failed-handoffs/{id}/retry': async (event) => {
      requireCaller(event, 'ops');
      noBody(event);
      const result = await ops.retry(event.pathParameters?.id ?? '');
      logger.info('Failed handoff retried', { failureId: result.id, outcome: result.outcome });
      return json(200, result);
    },
    'POST /ops/failed-handoffs/retry-all': async (event) => {
      requireCaller(event, 'ops');
      noBody(event);
      const { cursor } = listOptions(event);
      const result = await ops.retryAll(cursor);
      logger.info('Failed handoffs retried', {
        retried: result.results.length,
        more: result.cursor !== undefined,
      });
      return json(200, result);
    },
    'GET /ops/sms/unknown': async (event) => {
      requireCaller(event, 'ops');
      return json(200, await unknownSms.listUnknown(listOptions(event)));
    },
    'GET /ops/reports/daily': async (event) => {
      requireCaller(event, 'ops');
      if (Object.keys(event.queryStringParameters ?? {}).length > 0) {
        throw new ValidationError('Unknown query parameters', [
          { path: 'query', message: 'this endpoint takes no parameters' },
        ]);
      }
      return json(200, await reviews.review());
    },
    'GET /ops/reports/weekly': async (event) => {
      requireCaller(event, 'ops');
      return json(200, await reviews.weeklyReport(weekOption(event)));
    },
    'PUT /ops/config': async (event) => {
      requireCaller(event, 'ops');
      const body = parseBody(event, CONFIG_BODY_LIMITS);
      const value = body.value as { business?: unknown; roster?: unknown } | null;
      if (body.format !== 'json' || typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ValidationError('Send JSON', [
          { path: 'body', message: 'expected {"business": {...}, "roster": {...}}' },
        ]);
      }
      const extra = Object.keys(value).filter((key) => key !== 'business' && key !== 'roster');
      if (extra.length > 0 || value.business === undefined || value.roster === undefined) {
        throw new ValidationError('Bad config body', [
          ...extra.map((path) => ({ path, message: 'unknown field' })),
          ...(value.business === undefined ? [{ path: 'business', message: 'required' }] : []),
          ...(value.roster === undefined ? [{ path: 'roster', message: 'required' }] : []),
        ]);
      }
      try {
        const stored = await config.put(value.business, value.roster);
        logger.info('Configuration replaced by ops', {
          people: stored.roster.people.length,
          rules: stored.roster.rules.length,
        });
        return json(200, {
          updated: true,
          people: stored.roster.people.length,
          rules: stored.roster.rules.length,
        });
      } catch (error) {
        if (error instanceof ConfigError)
          throw new ValidationError('Invalid configuration', error.issues, { cause: error });
        throw error;
      }
    },
  });
};
