/**
 * Ops endpoints on one lead: `GET /leads/{id}` (with its timeline), `PATCH /leads/{id}` (complete or
 * correct it) and `POST /leads/{id}/transfer` (an explicit new handoff the new owner must accept).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { LeadsService } from '../../shared/app/leads-service';
import { ValidationError } from '../../shared/errors';
import { requireCaller } from '../../shared/http/api-handler';
import { apiRouter } from '../../shared/http/api-router';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/respond';
import { logger } from '../../shared/observability';

export interface LeadsHandlerDeps {
  leads: LeadsService;
}

const leadIdOf = (event: APIGatewayProxyEvent): string => {
  const id = event.pathParameters?.id ?? '';
  if (!/^[0-9A-Z]{26}$/.test(id)) {
    throw new ValidationError('Bad lead id', [{ path: 'id', message: 'not a lead id' }]);
  }
  return id;
};

export const makeHandler = ({ leads }: LeadsHandlerDeps) =>
  apiRouter('leads')({
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
