/**
 * Ops endpoints on leads: `GET /leads` (the board's lists as JSON, for integrations), `GET /leads/{id}`
 * (with its timeline), `PATCH /leads/{id}` (complete or correct it) and `POST /leads/{id}/transfer` (an
 * explicit new handoff the new owner must accept).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { BoardService } from '../../shared/app/board-service';
import type { LeadsService } from '../../shared/app/leads-service';
import { INTEGRATION_VIEWER, INTEGRATION_VIEWS } from '../../shared/domain/board-access';
import { parseBoardQuery } from '../../shared/domain/board-query';
import { ValidationError } from '../../shared/errors';
import { requireCaller } from '../../shared/http/api-handler';
import { apiRouter } from '../../shared/http/api-router';
import { parseBody, queryParameters } from '../../shared/http/request';
import { json } from '../../shared/http/respond';
import { logger } from '../../shared/observability';

export interface LeadsHandlerDeps {
  leads: LeadsService;
  board: BoardService;
}

const leadIdOf = (event: APIGatewayProxyEvent): string => {
  const id = event.pathParameters?.id ?? '';
  if (!/^[0-9A-Z]{26}$/.test(id)) {
    throw new ValidationError('Bad lead id', [{ path: 'id', message: 'not a lead id' }]);
  }
  return id;
};

/**
 * `GET /leads?view=&q=&status=&source=&cursor=`: one page of a board list as the roles that see every
 * lead see it (no `mine`: a key is nobody), with the count of every view and the next page's cursor.
 */
const listLeads = async (board: BoardService, event: APIGatewayProxyEvent) => {
  const parsed = parseBoardQuery(queryParameters(event));
  if (!parsed.ok) throw new ValidationError('Bad list query', parsed.issues);
  const listing = await board.list(INTEGRATION_VIEWER, parsed.query, INTEGRATION_VIEWS);
  if (listing.kind === 'refused') throw new ValidationError('Bad list query', listing.issues);
  if (listing.kind === 'not_offered') {
    throw new ValidationError('Bad list query', [
      { path: 'view', message: `view must be one of: ${INTEGRATION_VIEWS.join(', ')} (mine needs a person)` },
    ]);
  }
  return json(200, {
    view: listing.view,
    counts: listing.counts,
    items: listing.items,
    ...(listing.next ? { cursor: listing.next } : {}),
  });
};

export const makeHandler = ({ leads, board }: LeadsHandlerDeps) =>
  apiRouter('leads')({
    'GET /leads': async (event) => {
      requireCaller(event, 'ops');
      return listLeads(board, event);
    },
    'GET /leads/{id}': async (event) => {
      requireCaller(event, 'ops');
      return json(200, await leads.get(leadIdOf(event)));
    },
    'PATCH /leads/{id}': async (event) => {
      const caller = requireCaller(event, 'ops');
      const id = leadIdOf(event);
      const body = parseBody(event);
      if (body.format !== 'json') {
        throw new ValidationError('Send JSON', [{ path: 'body', message: 'PATCH takes application/json' }]);
      }
      const lead = await leads.update(id, body.value, { kind: 'ops', id: caller.keyId });
      logger.info('Lead updated by ops', { leadId: id, status: lead.status });
      return json(200, lead);
    },
    'POST /leads/{id}/transfer': async (event) => {
      const caller = requireCaller(event, 'ops');
      const id = leadIdOf(event);
      const body = parseBody(event);
      if (body.format !== 'json') {
        throw new ValidationError('Send JSON', [
          { path: 'body', message: 'transfer takes application/json' },
        ]);
      }
      const lead = await leads.transfer(id, body.value, { kind: 'ops', id: caller.keyId });
      logger.info('Lead transferred by ops', { leadId: id, seq: lead.handoff?.seq });
      return json(200, lead);
    },
  });
