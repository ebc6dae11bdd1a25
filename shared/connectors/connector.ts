/**
 * Lead sources at the door (docs/product-rules.md §11): one small module per place leads come from (a phone
 * system, an ad platform's lead form, a marketplace, a form builder). Each says how the source proves a
 * request is its own, how its payload maps to our lead, the source's own id (for dedupe), and the answer
 * the source expects. `functions/hooks` runs them; nothing here talks to AWS.
 */
import type { z } from 'zod';
import type { Source } from '../domain/lead';

/** A webhook request as the source sent it. */
export interface HookRequest {
  method: 'GET' | 'POST';
  /** The full URL the source called (scheme, host, stage path and query): some signatures cover it. */
  url: string;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The body exactly as received (signatures are computed over these bytes). */
  rawBody: Buffer;
}

/** What the hook answers the source. */
export interface HookResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

/** A request the source did not sign: 401 (no or bad credentials) or 403 (credentials not ours). */
export interface Refusal {
  status: 401 | 403;
  /** For the log: which check failed (never a secret or a customer's data). */
  reason: string;
}

/**
 * A lead as a connector hands it to intake: the fields of `POST /leads` (fullName, phone, email,
 * serviceAddress, zip, serviceType, urgency, notes, campaign…), plus the source's own id. Unknown fields
 * go under `extra`; intake keeps what it cannot use, with a warning (never-bounce rule, §2).
 */
export interface MappedLead {
  /** The source's id for this lead (CallSid, lead_id, negotiationID…): the same id is the same lead. */
  externalId: string;
  fields: Record<string, unknown>;
  /** A test lead the source sends from its settings page: stored marked as a test, never routed. */
  test?: boolean;
}

/**
 * What a verified request means:
 * - `lead`: a lead to capture;
 * - `none`: nothing to capture (an answered call, a ping), answered with `response`;
 * - `unmapped`: a payload the connector cannot read (the source changed its format): it is kept raw
 *   with the reason, shown in the failed list for a person, and the source still gets a 2xx;
 * - `several`: one delivery carrying several leads (Meta batches them): each is captured, or kept for a
 *   person under its own id, and the source gets one 2xx.
 */
export type Mapping =
  | { kind: 'lead'; lead: MappedLead }
  | { kind: 'none'; response?: HookResponse }
  | { kind: 'unmapped'; reason: string; externalId?: string }
  | { kind: 'several'; items: readonly SeveralItem[] };

/** One lead of a delivery carrying several: captured, or kept for a person under the source's id. */
export type SeveralItem =
  | { kind: 'lead'; lead: MappedLead }
  | { kind: 'unmapped'; reason: string; externalId: string };

/** The outcome of capturing a lead, for the connector's answer. */
export interface Captured {
  leadId: string;
  /** True when the source's id (or the customer) was already known: a retry gets the same lead. */
  existing: boolean;
}

/** What a connector may use besides the request: the Graph API for Meta, the public URL for TwiML. */
export interface ConnectorPorts {
  /** GET a JSON document (Meta's Graph API); the base URL is a setting. `signal` gives up on a slow one. */
  fetchJson(url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<unknown>;
  /** Where this stage's hooks are reachable (`https://…/v1/hooks`), for callback URLs in answers. */
  hooksBaseUrl: string;
  /** The business's settings the connectors read (e.g. the number a Twilio call is dialled to). */
  settings: ConnectorSettings;
  /** When the request arrived, and the business time zone, for times people read (a missed call's notes). */
  now: Date;
  timeZone: string;
}

/** Non-secret connector settings (business settings `connectors`), e.g. Twilio's `dialNumber`. */
export type ConnectorSettings = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface Connector<Credentials = unknown> {
  /** The path segment: `POST /hooks/<name>`. */
  name: string;
  /** Where the lead came from, as stored (`source`). */
  source: Source;
  /** The shape of this connector's entry in the secrets (see config/connectors.example.json). */
  credentials: z.ZodType<Credentials>;
  /** Verifies the request exactly as the source documents; a refusal stores nothing. */
  verify(request: HookRequest, credentials: Credentials): Refusal | undefined;
  /** A `GET` handshake (Meta's `hub.challenge`); undefined where the source has none (then GET is 404). */
  handshake?(request: HookRequest, credentials: Credentials): HookResponse;
  /** Reads the payload. May call the source back (Meta's Graph API) through `ports`. */
  map(request: HookRequest, credentials: Credentials, ports: ConnectorPorts): Promise<Mapping>;
  /** The answer the source expects once the lead is captured (default: 200 JSON `{ok, leadId}`). */
  answer?(captured: Captured, request: HookRequest, ports: ConnectorPorts): HookResponse;
  /**
   * The answer when a verified payload is kept unmapped (unreadable, or no usable contact), for a source
   * that must always get its own format (Twilio: TwiML, so a caller never hears an error). Default: 200
   * JSON `{ok, kept}`.
   */
  unmappedAnswer?(request: HookRequest, ports: ConnectorPorts): HookResponse;
}

/** The default answer: 200 with a small JSON body (sources retry on anything but 2xx). */
export const jsonAnswer = (body: unknown, statusCode = 200): HookResponse => ({
  statusCode,
  contentType: 'application/json',
  body: JSON.stringify(body),
});
