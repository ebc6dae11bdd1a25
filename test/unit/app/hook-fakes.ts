/**
 * The hook service with the registry's connectors on in-memory fakes: the credentials of
 * config/connectors.example.json, the example business settings, an intake that refuses only a lead
 * without a usable phone or email (the never-bounce rule, docs/product-rules.md §2), and a Graph API port
 * the test answers. Cheap enough for property tests with hundreds of cases.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HookService, type LeadCapture } from '../../../shared/app/hook-service';
import type { HookRequest } from '../../../shared/connectors/connector';
import { connectorsByName } from '../../../shared/connectors/registry';
import { toE164 } from '../../../shared/domain/phone-number';
import { ValidationError } from '../../../shared/errors';
import type { UnmappedHook } from '../../../shared/ports';
import { exampleConfig, staticConfig } from '../../support/fakes';

/** config/connectors.example.json. */
export const CREDENTIALS = JSON.parse(readFileSync('config/connectors.example.json', 'utf8')) as Record<
  string,
  Record<string, string>
>;

const credential = (connector: string, field: string): string => CREDENTIALS[connector]?.[field] ?? '';

/** A phone or email intake can reach the customer with. */
export const usableContact = (body: Record<string, unknown>): boolean =>
  (typeof body.phone === 'string' && toE164(body.phone, 'US') !== undefined) ||
  (typeof body.email === 'string' && z.email().safeParse(body.email.toLowerCase()).success);

/** The example settings with `business.connectors` replaced. */
const withConnectors = (connectors: Record<string, Record<string, unknown>>) => {
  const config = exampleConfig();
  return staticConfig({ ...config, business: { ...config.business, connectors } });
};

export const hookFakes = (
  fetchJson: (url: string, init?: { signal?: AbortSignal }) => Promise<unknown> = async () => ({}),
  connectors?: Record<string, Record<string, unknown>>,
) => {
  const submitted: Record<string, unknown>[] = [];
  const kept: UnmappedHook[] = [];
  const capture: LeadCapture = {
    submit: async ({ body }) => {
      const fields = body as Record<string, unknown>;
      if (!usableContact(fields)) throw new ValidationError('no usable contact', []);
      submitted.push(fields);
      return { kind: 'created', lead: { id: `L${submitted.length}` } };
    },
  };
  const service = new HookService({
    connectors: connectorsByName(),
    secrets: { get: async (name) => CREDENTIALS[name] },
    capture,
    inbox: {
      keep: async (hook) => {
        kept.push(hook);
        return true;
      },
      get: async () => undefined,
    },
    reportUnmapped: async () => {},
    clock: { now: () => new Date('2026-11-18T16:00:00Z') },
    config: connectors ? withConnectors(connectors) : staticConfig(),
    ports: { fetchJson, hooksBaseUrl: 'https://leads.example.test/v1/hooks' },
  });
  return { service, submitted, kept };
};

/** A request to `/hooks/<connector>`. */
export const hookRequest = (
  connector: string,
  options: {
    method?: 'GET' | 'POST';
    body?: Buffer;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  },
): HookRequest => {
  const query = new URLSearchParams(options.query ?? {});
  const search = query.toString();
  return {
    method: options.method ?? 'POST',
    url: `https://leads.example.test/v1/hooks/${connector}${search ? `?${search}` : ''}`,
    headers: options.headers ?? {},
    query,
    rawBody: options.body ?? Buffer.alloc(0),
  };
};

/** How each connector's requests prove they are the source's, with the example credentials. */
export const SIGNED: Record<
  string,
  (body: Buffer) => { headers: Record<string, string>; query: Record<string, string> }
> = {
  typeform: (body) => ({
    headers: {
      'typeform-signature': `sha256=${createHmac('sha256', credential('typeform', 'secret')).update(body).digest('base64')}`,
    },
    query: {},
  }),
  jotform: () => ({ headers: {}, query: { key: credential('jotform', 'key') } }),
  'gravity-forms': () => ({ headers: { 'x-api-key': credential('gravity-forms', 'key') }, query: {} }),
  'meta-lead-ads': (body) => ({
    headers: {
      'x-hub-signature-256': `sha256=${createHmac('sha256', credential('meta-lead-ads', 'appSecret')).update(body).digest('hex')}`,
    },
    query: {},
  }),
};
