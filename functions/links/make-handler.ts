/**
 * `GET /h/{token}` shows a handoff to its recipient, and after acceptance the owner's lead card;
 * `POST /h/{token}` accepts or rejects it, or posts a lead card form (contact, status, next action). Public:
 * the unguessable token is the credential. GET only reads. Every answer is an HTML page, including
 * errors (never a stack trace). A POST whose `Origin` names another site is refused with 403 and changes
 * nothing (`foreignOrigin`, the board's rule: a missing `Origin` or `Origin: null` is accepted).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CARD_ACTIONS, type LinkService } from '../../shared/app/link-service';
import type { LinkOutcome, LinkView } from '../../shared/app/link-view';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../shared/errors';
import type { ApiHandler } from '../../shared/http/api-handler';
import { foreignOrigin, pageForm } from '../../shared/http/request';
import { html } from '../../shared/http/respond';
import { logger } from '../../shared/observability';
import { linkPage } from '../../shared/web/link-page';
import { problemPage } from '../../shared/web/problem-page';

export interface LinksDeps {
  links: LinkService;
}

/** The HTTP status of each outcome of the link service. */
const STATUS: Record<LinkOutcome, number> = {
  ok: 200,
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
};

const page = (view: LinkView): APIGatewayProxyResult => {
  const response = html(STATUS[view.outcome], linkPage(view.page));
  return { ...response, headers: { ...response.headers, 'x-robots-tag': 'noindex, nofollow' } };
};

const problem = (status: number, title: string, message: string): APIGatewayProxyResult =>
  html(status, problemPage(title, message));

const formOf = (event: APIGatewayProxyEvent): URLSearchParams => pageForm(event);

export const makeHandler =
  ({ links }: LinksDeps): ApiHandler =>
  async (event, context) => {
    logger.addContext(context);
    const requestId = event.requestContext?.requestId;
    if (requestId) logger.setCorrelationId(requestId);
    try {
      return await respond(links, event);
    } finally {
      logger.removeKeys(['correlation_id']);
    }
  };

const respond = async (links: LinkService, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const token = event.pathParameters?.token ?? '';
  const actionUrl = `./${encodeURIComponent(token)}`;
  try {
    if (event.httpMethod === 'GET') return page(await links.open(token, actionUrl));
    if (foreignOrigin(event)) {
      logger.warn('Handoff form refused: foreign origin');
      return problem(403, 'Refused', 'This form can only be sent from this site.');
    }
    const form = formOf(event);
    const action = form.get('action');
    if (action === 'accept') return page(await links.accept(token, actionUrl, form.getAll('confirm')));
    if (action === 'reject') {
      return page(
        await links.reject(token, actionUrl, {
          reason: form.get('reason') ?? undefined,
          text: form.get('text') ?? undefined,
        }),
      );
    }
    const card = CARD_ACTIONS.find((name) => name === action);
    if (card) return page(await links.card(token, actionUrl, card, form));
    return problem(400, 'Unknown action', 'Use the buttons on the handoff page.');
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return problem(413, 'Too large', 'The form is too large.');
    if (error instanceof UnsupportedMediaTypeError) {
      return problem(415, 'Unsupported form', 'Use the buttons on the handoff page.');
    }
    logger.error('Handoff link failed', { method: event.httpMethod, error: error as Error });
    return problem(500, 'Something went wrong', 'Nothing was changed. Try again in a minute.');
  }
};
