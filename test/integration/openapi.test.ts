import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_LEAD_FIELDS, PATCHABLE_FIELDS } from '../../shared/domain/intake-fields';
import { openApiDocument } from '../../shared/http/openapi';
import { ROUTES } from '../../shared/http/routes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';

const API_FUNCTIONS = new Set(['intake', 'leads', 'ops', 'hooks']);

// biome-ignore lint/suspicious/noExplicitAny: reading a generated JSON document
const doc = openApiDocument() as any;

/** A validator of one component schema, with the document's other components resolvable. */
const schemaValidator = (name: string) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
};

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});

afterAll(async () => {
  await api?.stop();
});

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // Prepare
    const validator = new Validator();

    // Act
    const result = await validator.validate(structuredClone(doc));

    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes exactly the API routes the gateway serves, each with its own security', () => {
    // Prepare
    const apiRoutes = ROUTES.filter((route) => API_FUNCTIONS.has(route.fn));

    // Act
    const described = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );

    // Assess
    expect(described.toSorted()).toEqual(
      apiRoutes.map((route) => `${route.method} ${route.path}`).toSorted(),
    );
    expect(doc.paths['/leads'].post.security).toEqual([{ intakeKey: [] }, { intakeKeyQuery: [] }]);
    expect(doc.paths['/ops/config'].put.security).toEqual([{ opsKey: [] }]);
    expect(doc.paths['/hooks/{connector}'].post.security).toEqual([]);
    expect(doc.paths['/board']).toBeUndefined();
  });

  it('takes the lead fields from the table intake and PATCH validate with', () => {
    // Prepare
    const { LeadSubmission, LeadPatch } = doc.components.schemas;

    // Act
    const submission = Object.keys(LeadSubmission.properties);
    const patch = Object.keys(LeadPatch.properties);

    // Assess
    expect(submission).toEqual([...ALL_LEAD_FIELDS, 'test']);
    expect(patch).toEqual([...PATCHABLE_FIELDS]);
    expect(LeadSubmission.properties.estimatedValue).toMatchObject({ type: 'number', maximum: 10_000_000 });
  });

  it('accepts what the API accepts and refuses what it refuses, for bodies with a schema', () => {
    // Prepare
    const submission = schemaValidator('LeadSubmission');
    const transfer = schemaValidator('Transfer');

    // Act / Assess
    expect(submission({ fullName: 'Ana Díaz', phone: '(512) 555-0123', From: '+15125550123' })).toBe(true);
    expect(submission({ fullName: 'Ana Díaz' })).toBe(false);
    expect(submission({ phone: '5125550123', estimatedValue: 1e20 })).toBe(false);
    expect(transfer({ to: 'tomas', reason: 'Customer asked for Tomás' })).toBe(true);
    expect(transfer({ to: 'tomas', reason: 'Customer asked', extra: 1 })).toBe(false);
    expect(transfer({ reason: 'no one named' })).toBe(false);
  });

  it('is served at GET /openapi.json without a key, the same as generated', async () => {
    // Act
    const response = await api.request('GET', '/openapi.json');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json).toEqual(doc);
  });

  it('is kept in step in docs/openapi.json (run `npm run openapi` after changing the API)', () => {
    // Prepare
    const file = join(import.meta.dirname, '../../docs/openapi.json');

    // Act
    const committed = JSON.parse(readFileSync(file, 'utf8'));

    // Assess
    expect(committed).toEqual(doc);
  });

  it('leaves the ops endpoints behind the ops key', async () => {
    // Act
    const without = await api.request('GET', '/ops/reports/daily');
    const withKey = await api.request('GET', '/ops/reports/daily', { key: KEYS.ops });

    // Assess
    expect(without.status).toBe(401);
    expect(withKey.status).toBe(200);
  });
});
