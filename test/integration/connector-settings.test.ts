/**
 * Connector settings are checked when the business settings are replaced (issue 15): a typo in a
 * connector's entry (`business.connectors.<name>`) is refused at `PUT /ops/config` with its path, and
 * nothing changes — instead of every lead of that source arriving "kept, unmapped" later.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../shared/domain/load-config';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import { IN_HOURS } from '../support/scenario';

const readJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const business = readJson('business.example.json');
const roster = readJson('roster.example.json');
const connectors = business.connectors as Record<string, Record<string, unknown>>;

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi(IN_HOURS);
});
afterAll(async () => {
  await api.stop();
});

const put = (changed: Record<string, unknown>) =>
  api.request('PUT', '/ops/config', {
    key: KEYS.ops,
    body: { business: { ...business, connectors: { ...connectors, ...changed } }, roster },
  });

describe('PUT /ops/config checks every connector setting', () => {
  it('loads valid settings with their defaults filled in', () => {
    // Act
    const config = parseAppConfig(
      { ...business, connectors: { 'twilio-voice': { dialNumber: '+15125550199' } } },
      roster,
    );

    // Assess
    expect(config.business.connectors['twilio-voice']).toMatchObject({
      dialNumber: '+15125550199',
      ringSeconds: 20,
    });
  });

  it.each([
    [
      'a dial number that is not E.164',
      { 'twilio-voice': { dialNumber: '512-555-0102' } },
      'twilio-voice.dialNumber',
    ],
    ['a misspelt setting', { 'twilio-voice': { dialNumbr: '+15125550102' } }, 'twilio-voice'],
    [
      'a field map to no lead field',
      { typeform: { fields: { name_ref: 'name' } } },
      'typeform.fields.name_ref',
    ],
    [
      'a Graph URL that is not one',
      { 'meta-lead-ads': { graphBaseUrl: 'graph' } },
      'meta-lead-ads.graphBaseUrl',
    ],
    [
      'a service type map of numbers',
      { angi: { serviceTypes: { Plumbing: 7 } } },
      'angi.serviceTypes.Plumbing',
    ],
    ['a connector that does not exist', { zapier: {} }, 'connectors'],
  ])('refuses %s with its path and changes nothing', async (_, changed, path) => {
    // Prepare
    const before = await api.app.deps.config.load();

    // Act
    const res = await put(changed);

    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toContain(path);
    expect(await api.app.deps.config.load()).toEqual(before);
  });
});
