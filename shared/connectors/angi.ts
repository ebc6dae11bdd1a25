/**
 * Angi (formerly HomeAdvisor) lead delivery: Angi's Lead Integration API
 * (intercom.help/angi/en/articles/15304819-angi-lead-integration-api) posts each lead as JSON when it is
 * assigned to the business, with the key the business gave Angi in the `x-api-key` header ("the only
 * supported authentication mechanism"). Angi wants `200` with a JSON body acknowledging success, and
 * retries anything else (HomeAdvisor's feed documentation: 3 retries, 15 minutes apart), so a retry
 * lands on the same lead through `leadOid`.
 *
 * Angi shares its field list with partners privately; the field names here are those of HomeAdvisor's
 * published JSON Lead Feed (homeadvisor.com/r/feed), which the Lead Integration API kept: `name`,
 * `firstName`, `lastName`, `address`, `city`, `stateProvince`, `postalCode`, `primaryPhone`,
 * `secondaryPhone`, `email`, `leadOid`, `srOid`, `taskName`, `comments`, `leadDescription`, `matchType`,
 * `interview` (docs/connectors/angi.md says what is and is not confirmed).
 */
import * as z from 'zod';
import { angiSettings } from '../domain/connector-settings';
import type { Connector, ConnectorPorts, HookRequest, Mapping, Refusal } from './connector';
import { jsonAnswer } from './connector';
import {
  answerSchema,
  type FieldMap,
  joined,
  mapFields,
  questionLines,
  serviceTypeOf,
  settingsOf,
  textOf,
  zipOf,
} from './payload-fields';
import { jsonBody, sameSecret } from './signatures';

const NAME = 'angi';

const credentials = z.object({ apiKey: z.string().min(1).max(160) });

const text = z.string().optional().catch(undefined);
const id = z
  .union([z.string().min(1), z.number()])
  .optional()
  .catch(undefined);

/** The fields of Angi's lead this connector reads; everything else is left as sent. */
const leadPayload = z.object({
  leadOid: id,
  srOid: id,
  name: text,
  firstName: text,
  lastName: text,
  address: text,
  city: text,
  stateProvince: text,
  postalCode: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  primaryPhone: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  secondaryPhone: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  email: text,
  taskName: text,
  comments: text,
  leadDescription: text,
  matchType: text,
  leadSource: text,
  interview: z
    .union([z.array(answerSchema).max(200), z.string()])
    .optional()
    .catch(undefined),
});
type Lead = z.infer<typeof leadPayload>;

const verify = (request: HookRequest, { apiKey }: z.infer<typeof credentials>): Refusal | undefined => {
  const given = request.headers['x-api-key'];
  if (given === undefined) return { status: 401, reason: 'no x-api-key' };
  return sameSecret(given, apiKey) ? undefined : { status: 403, reason: 'x-api-key does not match' };
};

const fieldMap = (serviceTypes: Readonly<Record<string, string>>): FieldMap<Lead> => ({
  fullName: (lead) => lead.name?.trim() || joined([lead.firstName, lead.lastName], ' '),
  phone: (lead) => lead.primaryPhone?.trim() || lead.secondaryPhone,
  email: (lead) => lead.email,
  serviceAddress: (lead) =>
    joined([lead.address, lead.city, joined([lead.stateProvince, lead.postalCode], ' ')], ', '),
  zip: (lead) => zipOf(lead.postalCode),
  serviceType: (lead) => serviceTypeOf(lead.taskName, serviceTypes),
  notes: (lead) =>
    joined(
      [
        lead.taskName && `Service requested: ${lead.taskName}`,
        lead.comments,
        lead.leadDescription,
        ...(typeof lead.interview === 'string' ? [lead.interview] : questionLines(lead.interview ?? [])),
      ],
      '\n',
    ),
  campaign: (lead) => joined(['Angi', lead.leadSource, lead.matchType && `${lead.matchType} match`], ' · '),
});

const map = async (request: HookRequest, _: unknown, ports: ConnectorPorts): Promise<Mapping> => {
  const parsed = leadPayload.safeParse(jsonBody(request));
  if (!parsed.success) return { kind: 'unmapped', reason: 'not an Angi lead' };
  const lead = parsed.data;
  const externalId = textOf(lead.leadOid) ?? textOf(lead.srOid);
  if (externalId === undefined) return { kind: 'unmapped', reason: 'an Angi lead without leadOid' };
  const { serviceTypes } = settingsOf(angiSettings, ports, NAME) ?? { serviceTypes: {} };
  return { kind: 'lead', lead: { externalId, fields: mapFields(lead, fieldMap(serviceTypes)) } };
};

export const angi: Connector<z.infer<typeof credentials>> = {
  name: NAME,
  source: 'angi',
  credentials,
  verify,
  map,
  // Angi looks for success in a JSON body; anything else is retried.
  answer: (captured) => jsonAnswer({ status: 'success', leadId: captured.leadId }),
  // A kept payload is safe with us: Angi must not retry it either.
  unmappedAnswer: () => jsonAnswer({ status: 'success' }),
};
