/**
 * `POST /leads`: web forms and phone systems post leads here with their source's key.
 * JSON or urlencoded; an `Idempotency-Key` header replays the first answer (Powertools Idempotency).
 * The body's size, charset, depth and field count are checked (`parseBody`) before the key hashes it; a
 * form's `redirect` must name this site or one of the business's websites (`formRedirect`).
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { IntakeService } from '../../shared/app/intake-service';
import type { Source } from '../../shared/domain/lead';
import { ConflictError, ValidationError } from '../../shared/errors';
import { apiHandler, requireCaller } from '../../shared/http/api-handler';
import { formRedirect, type RedirectTarget, redirectLocation } from '../../shared/http/form-redirect';
import { header, parseBody } from '../../shared/http/request';
import { json, redirect } from '../../shared/http/respond';
import { logger } from '../../shared/observability';
import type { ConfigSource } from '../../shared/ports';

export interface IntakeHandlerDeps {
  intake: IntakeService;
  idempotency: BasePersistenceLayer;
  /** The business settings: which websites a form's `redirect` may name. */
  config: ConfigSource;
}

/** How long an Idempotency-Key replays its first answer. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

interface SubmitInput {
  channel: Source;
  idempotencyKey: string;
  payload: { format: 'json' | 'form'; value: unknown };
}

interface StoredResult {
  statusCode: number;
  body: unknown;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export const makeHandler = (deps: IntakeHandlerDeps) => {
  const submit = async ({ channel, payload }: SubmitInput): Promise<StoredResult> => {
    const outcome = await deps.intake.submit({ channel, format: payload.format, body: payload.value });
    logger.info('Lead accepted by intake', {
      leadId: outcome.lead.id,
      outcome: outcome.kind,
      status: outcome.lead.status,
      duplicate: outcome.view.duplicateOf !== undefined,
    });
    return { statusCode: outcome.kind === 'created' ? 201 : 200, body: outcome.view };
  };
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[channel, idempotencyKey]',
    payloadValidationJmesPath: 'payload',
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
  });
  const idempotentSubmit = makeIdempotent(submit, { persistenceStore: deps.idempotency, config });

  return apiHandler(async (event, context): Promise<APIGatewayProxyResult> => {
    const caller = requireCaller(event, 'intake');
    const channel: Source = caller.source ?? 'other';
    const body = parseBody(event);
    let target: RedirectTarget | undefined;
    if (body.format === 'form' && typeof body.value === 'object' && body.value !== null) {
      const { redirect: wanted, ...fields } = body.value as Record<string, unknown>;
      if (wanted !== undefined && wanted !== '') {
        const { business } = await deps.config.load();
        target = formRedirect(wanted, header(event, 'host'), business.formRedirectHosts);
      }
      body.value = fields;
    }
    const key = header(event, 'idempotency-key');
    let result: StoredResult;
    if (key === undefined) {
      result = await submit({ channel, idempotencyKey: '', payload: body });
    } else {
      if (!IDEMPOTENCY_KEY.test(key)) {
        throw new ValidationError('Bad Idempotency-Key', [
          { path: 'Idempotency-Key', message: 'must be 1-128 visible ASCII characters' },
        ]);
      }
      config.registerLambdaContext(context);
      try {
        result = await idempotentSubmit({ channel, idempotencyKey: key, payload: body });
      } catch (error) {
        if (error instanceof IdempotencyValidationError) {
          throw new ConflictError('This Idempotency-Key was already used with a different request body', {
            cause: error,
          });
        }
        if (error instanceof IdempotencyAlreadyInProgressError) {
          throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly', {
            cause: error,
          });
        }
        throw error;
      }
    }
    if (target) {
      const view = result.body as { leadId?: string; status?: string };
      return redirect(redirectLocation(target, { leadId: view.leadId, status: view.status }));
    }
    return json(result.statusCode, result.body);
  });
};
