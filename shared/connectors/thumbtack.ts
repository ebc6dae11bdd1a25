/**
 * Thumbtack leads (developers.thumbtack.com/docs/pro-integrations/negotiations, "Manage Webhooks"): when
 * a customer contacts the business, Thumbtack posts the lead ("negotiation") to the webhook the business
 * created, with HTTP Basic credentials the business chose for it (the webhook's `auth` `username` and
 * `password`, `authType: Basic`). A missing `Authorization` answers 401, a wrong one 403.
 *
 * The lead as Thumbtack shapes it: `negotiationID` (the id; `leadID` in the older lead webhook),
 * `category` (`{categoryID, name}`, or its name), `customer` (`displayName` or `name`, `phone`, `email`,
 * `location`), the request's `description`, `details` (question and answer pairs) and `location`
 * (`address1`, `address2`, `city`, `state`, `zipCode`). Either the negotiation itself or an event whose
 * `data` holds it is read.
 */
import * as z from 'zod';
import { thumbtackSettings } from '../domain/connector-settings';
import type { Connector, ConnectorPorts, HookRequest, Mapping, Refusal } from './connector';
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
import { basicCredentials, jsonBody, sameSecret } from './signatures';

const NAME = 'thumbtack';

const credentials = z.object({ username: z.string().min(1), password: z.string().min(1) });

const text = z.string().optional().catch(undefined);
const id = z
  .union([z.string().min(1), z.number()])
  .optional()
  .catch(undefined);

const location = z
  .object({
    address1: text,
    address2: text,
    city: text,
    state: text,
    zipCode: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  })
  .optional()
  .catch(undefined);

const category = z
  .union([z.string(), z.object({ name: text }).transform((value) => value.name)])
  .optional()
  .catch(undefined);

const details = z.array(answerSchema).max(200).optional().catch(undefined);

/** The fields of Thumbtack's lead this connector reads; everything else is left as sent. */
const negotiation = z.object({
  negotiationID: id,
  leadID: id,
  category,
  description: text,
  details,
  location,
  customer: z
    .object({
      displayName: text,
      name: text,
      firstName: text,
      lastName: text,
      phone: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
      email: text,
      location,
    })
    .optional()
    .catch(undefined),
  request: z
    .object({ category, title: text, description: text, schedule: text, details, location })
    .optional()
    .catch(undefined),
  business: z.object({ name: text }).optional().catch(undefined),
});
type Negotiation = z.infer<typeof negotiation>;

const verify = (request: HookRequest, expected: z.infer<typeof credentials>): Refusal | undefined => {
  const given = basicCredentials(request);
  if (given === undefined) return { status: 401, reason: 'no HTTP Basic credentials' };
  // Both compared, whatever the first gives, so the time taken says nothing about which was wrong.
  const user = sameSecret(given.user, expected.username);
  const password = sameSecret(given.password, expected.password);
  return user && password ? undefined : { status: 403, reason: 'HTTP Basic credentials do not match' };
};

const placeOf = (lead: Negotiation) => lead.request?.location ?? lead.location ?? lead.customer?.location;
const categoryOf = (lead: Negotiation) => lead.category ?? lead.request?.category;

const fieldMap = (serviceTypes: Readonly<Record<string, string>>): FieldMap<Negotiation> => ({
  fullName: ({ customer }) =>
    customer?.displayName?.trim() ||
    customer?.name?.trim() ||
    joined([customer?.firstName, customer?.lastName], ' '),
  phone: ({ customer }) => customer?.phone,
  email: ({ customer }) => customer?.email,
  serviceAddress: (lead) => {
    const place = placeOf(lead);
    const region = joined([place?.state, place?.zipCode], ' ');
    return joined([place?.address1, place?.address2, place?.city, region], ', ');
  },
  zip: (lead) => zipOf(placeOf(lead)?.zipCode),
  serviceType: (lead) => serviceTypeOf(categoryOf(lead), serviceTypes),
  notes: (lead) => {
    const service = categoryOf(lead);
    return joined(
      [
        service && `Service requested: ${service}`,
        lead.description || lead.request?.description,
        lead.request?.schedule && `When: ${lead.request.schedule}`,
        ...questionLines(lead.details ?? lead.request?.details ?? []),
      ],
      '\n',
    );
  },
  campaign: (lead) => joined(['Thumbtack', lead.business?.name], ' · '),
});

/** The negotiation itself, or the `data` of an event carrying it. */
const leadOf = (body: unknown): unknown => {
  if (typeof body !== 'object' || body === null) return body;
  const data = (body as { data?: unknown }).data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : body;
};

const map = async (request: HookRequest, _: unknown, ports: ConnectorPorts): Promise<Mapping> => {
  const parsed = negotiation.safeParse(leadOf(jsonBody(request)));
  if (!parsed.success) return { kind: 'unmapped', reason: 'not a Thumbtack lead' };
  const lead = parsed.data;
  const externalId = textOf(lead.negotiationID) ?? textOf(lead.leadID);
  if (externalId === undefined) return { kind: 'unmapped', reason: 'a Thumbtack lead without negotiationID' };
  const { serviceTypes } = settingsOf(thumbtackSettings, ports, NAME) ?? { serviceTypes: {} };
  return { kind: 'lead', lead: { externalId, fields: mapFields(lead, fieldMap(serviceTypes)) } };
};

export const thumbtack: Connector<z.infer<typeof credentials>> = {
  name: NAME,
  source: 'thumbtack',
  credentials,
  verify,
  map,
};
