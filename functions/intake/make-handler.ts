/**
 * `POST /leads`: web forms and phone systems post leads here with their source's key.
 * JSON or urlencoded; an `Idempotency-Key` header replays the first answer (Powertools Idempotency).
 * The body's size, charset, depth and field count are checked (`parseBody`) before the key hashes it; a
 * form's `redirect` must name this site or one of the business's websites (`formRedirect`). A browser
 * form (urlencoded with `redirect`) is answered for a person: see `browser-form.ts`.
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { IntakeService } from '../../shared/app/intake-service';
import type { Source } from '../../shared/domain/lead';
import { ConflictError, ValidationError } from '../../shared/errors';
import { apiHandler, requireCaller } from '../../shared/http/api-handler';
import { type RedirectTarget, redirectLocation } from '../../shared/http/form-redirect';
import { header, parseBody } from '../../shared/http/request';
import { json, redirect } from '../../shared/http/respond';
import { logger } from '../../shared/observability';
import type { ConfigSource } from '../../shared/ports';
import { type FormPage, type FormPost, formPost, refusal, typedValues } from './browser-form';

export interface IntakeHandlerDeps {
  intake: IntakeService;
  idempotency: BasePersistenceLayer;
  /** The business settings: which websites a form's `redirect` may name. */
  config: ConfigSource;
  /** Shows a refused browser form again (the local runner's demo form); without it, plain text. */
  formPage?: FormPage;
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
      warnings: outcome.view.warnings?.length ?? 0,
      test: outcome.lead.test === true,
    });
    return { statusCode: outcome.kind === 'created' ? 201 : 200, body: outcome.view };
  };
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[channel, idempotencyKey]',
    payloadValidationJmesPath: 'payload',
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
  });
  const idempotentSubmit = makeIdempotent(submit, { persistenceStore: deps.idempotency, config });

  const handle = apiHandler(async (event, context): Promise<APIGatewayProxyResult> => {
    const caller = requireCaller(event, 'intake');
    const channel: Source = caller.source ?? 'other';
    const body = parseBody(event);
    let form: FormPost | undefined;
    if (body.format === 'form' && typeof body.value === 'object' && body.value !== null) {
      const fields = body.value as Record<string, unknown>;
      const allowedHosts = async () => (await deps.config.load()).business.formRedirectHosts;
      form = await formPost(fields, header(event, 'host'), allowedHosts);
      body.value = form.fields;
      if (form.target && form.robot) {
        logger.info('Browser form with the honeypot filled: nothing stored');
        return redirect(redirectLocation(form.target, {}));
      }
    }
    const target = form?.target;
    try {
      return await answer(event, context, channel, body, target);
    } catch (error) {
      if (!(form && target && error instanceof ValidationError)) throw error;
      logger.info('Browser form refused', { fields: error.issues.map((issue) => issue.path) });
      const apiKey = event.queryStringParameters?.key;
      return refusal(
        {
          values: typedValues(form.fields),
          issues: error.issues,
          redirect: redirectLocation(target, {}),
          ...(apiKey ? { apiKey } : {}),
        },
        deps.formPage,
      );
    }
  });

  /** Submits (replaying an `Idempotency-Key`'s first answer) and answers: JSON, or the browser's redirect. */
  const answer = async (
    event: APIGatewayProxyEvent,
    context: Context,
    channel: Source,
    body: SubmitInput['payload'],
    target: RedirectTarget | undefined,
  ): Promise<APIGatewayProxyResult> => {
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
  };
  return handle;
};
