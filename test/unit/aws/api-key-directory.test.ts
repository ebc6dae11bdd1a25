import {
  APIGatewayClient,
  type ApiKey,
  GetApiKeyCommand,
  GetApiKeysCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ApiGatewayKeyDirectory,
  apiKeyIdsSchema,
  parseKeyName,
  StaticKeyDirectory,
} from '../../../shared/aws/api-key-directory';
import { TransientError } from '../../../shared/errors';
import type { Clock } from '../../../shared/ports';

const PREFIX = 'leadhandoff-prod';
const CACHE_SECONDS = 300;

const apiGateway = mockClient(APIGatewayClient);

const key = (id: string, name: string, value: string, enabled = true): ApiKey => ({
  id,
  name,
  value,
  enabled,
});

const notFound = () =>
  Object.assign(new Error('Invalid API Key identifier specified'), { name: 'NotFoundException' });

const manualClock = (): Clock & { advanceSeconds(seconds: number): void } => {
  let time = Date.parse('2026-03-02T15:00:00.000Z');
  return {
    now: () => new Date(time),
    advanceSeconds: (seconds) => {
      time += seconds * 1000;
    },
  };
};

/** API Gateway holding `stored` (any id not stored is not found), read by a directory listing `listed`. */
const directoryOver = (
  stored: ApiKey[],
  listed: readonly string[] = stored.map((stored) => stored.id ?? ''),
  clock: Clock = manualClock(),
): ApiGatewayKeyDirectory => {
  apiGateway.on(GetApiKeyCommand).rejects(notFound());
  for (const item of stored) apiGateway.on(GetApiKeyCommand, { apiKey: item.id }).resolves(item);
  return new ApiGatewayKeyDirectory(
    new APIGatewayClient({ region: 'us-east-1' }),
    listed,
    PREFIX,
    clock,
    CACHE_SECONDS,
  );
};

const readIds = () => apiGateway.commandCalls(GetApiKeyCommand).map((call) => call.args[0].input);

describe('ApiGatewayKeyDirectory', () => {
  beforeEach(() => {
    apiGateway.reset();
  });

  it('finds an intake key with its source', async () => {
    // Prepare
    const directory = directoryOver([key('k1', `${PREFIX}.intake.web_form`, 'secret-web')]);

    // Act
    const client = await directory.lookup('secret-web');

    // Assess
    expect(client).toEqual({ keyId: 'k1', scope: 'intake', source: 'web_form' });
  });

  it('finds the ops key without a source', async () => {
    // Prepare
    const directory = directoryOver([key('k2', `${PREFIX}.ops`, 'secret-ops')]);

    // Act
    const client = await directory.lookup('secret-ops');

    // Assess
    expect(client).toEqual({ keyId: 'k2', scope: 'ops' });
  });

  it('accepts a label after the source, so one source can have several keys', async () => {
    // Prepare
    const directory = directoryOver([key('k3', `${PREFIX}.intake.phone.callrail`, 'secret-calls')]);

    // Act
    const client = await directory.lookup('secret-calls');

    // Assess
    expect(client).toEqual({ keyId: 'k3', scope: 'intake', source: 'phone' });
  });

  it('reads each listed id with its value, one GetApiKey per id, and never lists the keys', async () => {
    // Prepare
    const directory = directoryOver([
      key('k1', `${PREFIX}.intake.web_form`, 'secret-web'),
      key('k2', `${PREFIX}.ops`, 'secret-ops'),
    ]);

    // Act
    const client = await directory.lookup('secret-ops');

    // Assess
    expect(client).toEqual({ keyId: 'k2', scope: 'ops' });
    expect(readIds()).toEqual([
      { apiKey: 'k1', includeValue: true },
      { apiKey: 'k2', includeValue: true },
    ]);
    expect(apiGateway.commandCalls(GetApiKeysCommand)).toHaveLength(0);
  });

  it('refuses a key of this app whose id is not listed, without reading it', async () => {
    // Prepare: k9 exists in API Gateway with a valid name, but the stack did not list it
    const directory = directoryOver(
      [key('k1', `${PREFIX}.intake.web_form`, 'secret-web'), key('k9', `${PREFIX}.ops`, 'secret-hand-made')],
      ['k1'],
    );

    // Act
    const client = await directory.lookup('secret-hand-made');

    // Assess
    expect(client).toBeUndefined();
    expect(readIds()).toEqual([{ apiKey: 'k1', includeValue: true }]);
  });

  it('refuses a disabled key', async () => {
    // Prepare
    const directory = directoryOver([key('k1', `${PREFIX}.intake.web_form`, 'secret-web', false)]);

    // Act
    const client = await directory.lookup('secret-web');

    // Assess
    expect(client).toBeUndefined();
  });

  it('refuses an unknown key', async () => {
    // Prepare
    const directory = directoryOver([key('k1', `${PREFIX}.intake.web_form`, 'secret-web')]);

    // Act
    const client = await directory.lookup('not-a-key');

    // Assess
    expect(client).toBeUndefined();
  });

  it('grants nothing for a listed id that no longer exists, and still finds the others', async () => {
    // Prepare
    const directory = directoryOver([key('k1', `${PREFIX}.intake.web_form`, 'secret-web')], ['gone', 'k1']);

    // Act
    const client = await directory.lookup('secret-web');

    // Assess
    expect(client).toEqual({ keyId: 'k1', scope: 'intake', source: 'web_form' });
    expect(readIds().map((input) => input.apiKey)).toEqual(['gone', 'k1']);
  });

  it("refuses keys of another app or stage that share the prefix's start", async () => {
    // Prepare
    const directory = directoryOver([key('k9', `${PREFIX}-staging.ops`, 'secret-staging')]);

    // Act
    const client = await directory.lookup('secret-staging');

    // Assess
    expect(client).toBeUndefined();
  });

  it('refuses an intake key whose name has no known source', async () => {
    // Prepare
    const directory = directoryOver([key('k4', `${PREFIX}.intake.carrier_pigeon`, 'secret-bird')]);

    // Act
    const client = await directory.lookup('secret-bird');

    // Assess
    expect(client).toBeUndefined();
  });

  it('reads API Gateway once per id for repeated lookups within the cache time, known or unknown', async () => {
    // Prepare
    const clock = manualClock();
    const directory = directoryOver(
      [key('k1', `${PREFIX}.intake.web_form`, 'secret-web'), key('k2', `${PREFIX}.ops`, 'secret-ops')],
      undefined,
      clock,
    );

    // Act
    const results = [
      await directory.lookup('secret-web'),
      await directory.lookup('guess-1'),
      await directory.lookup('guess-2'),
    ];
    clock.advanceSeconds(CACHE_SECONDS - 1);
    results.push(await directory.lookup('secret-web'));

    // Assess
    expect(results.map((client) => client?.keyId)).toEqual(['k1', undefined, undefined, 'k1']);
    expect(readIds().map((input) => input.apiKey)).toEqual(['k1', 'k2']);
  });

  it('sees a newly enabled key once the cache time has passed', async () => {
    // Prepare
    const clock = manualClock();
    const directory = directoryOver(
      [key('k1', `${PREFIX}.intake.web_form`, 'secret-web', false)],
      undefined,
      clock,
    );
    const before = await directory.lookup('secret-web');
    apiGateway
      .on(GetApiKeyCommand, { apiKey: 'k1' })
      .resolves(key('k1', `${PREFIX}.intake.web_form`, 'secret-web'));

    // Act
    clock.advanceSeconds(CACHE_SECONDS);
    const after = await directory.lookup('secret-web');

    // Assess
    expect(before).toBeUndefined();
    expect(after).toEqual({ keyId: 'k1', scope: 'intake', source: 'web_form' });
    expect(readIds()).toHaveLength(2);
  });

  it('reports throttling as a TransientError and does not cache the failure', async () => {
    // Prepare
    const throttled = Object.assign(new Error('Too Many Requests'), { name: 'TooManyRequestsException' });
    apiGateway
      .on(GetApiKeyCommand, { apiKey: 'k1' })
      .rejectsOnce(throttled)
      .resolves(key('k1', `${PREFIX}.intake.web_form`, 'secret-web'));
    const directory = new ApiGatewayKeyDirectory(
      new APIGatewayClient({ region: 'us-east-1' }),
      ['k1'],
      PREFIX,
      manualClock(),
      CACHE_SECONDS,
    );

    // Act
    const first = directory.lookup('secret-web');
    await first.catch(() => undefined);
    const second = await directory.lookup('secret-web');

    // Assess
    await expect(first).rejects.toBeInstanceOf(TransientError);
    expect(second?.keyId).toBe('k1');
  });
});

describe('apiKeyIdsSchema', () => {
  it('reads the comma-separated ids the stack sets, trimmed and without duplicates', () => {
    // Act
    const ids = apiKeyIdsSchema.parse(' k1,k2,, k1 ');

    // Assess
    expect(ids).toEqual(['k1', 'k2']);
  });

  it.each(['', ' , '])('refuses %j: the authorizer would accept no key at all', (value) => {
    // Act
    const result = apiKeyIdsSchema.safeParse(value);

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('parseKeyName', () => {
  it.each([
    ['leadhandoff-prod.intake.web_form', { scope: 'intake', source: 'web_form' }],
    ['leadhandoff-prod.intake.missed_call.front-desk', { scope: 'intake', source: 'missed_call' }],
    ['leadhandoff-prod.ops', { scope: 'ops' }],
    ['leadhandoff-prod.ops.alice', { scope: 'ops' }],
    ['leadhandoff-prod.intake', undefined],
    ['leadhandoff-prod.admin.web_form', undefined],
    ['leadhandoff-prod.intake.web_form.a.b', undefined],
    ['leadhandoff-prodops', undefined],
    ['other.intake.web_form', undefined],
  ])('reads %s', (name, expected) => {
    // Prepare
    const prefix = 'leadhandoff-prod';

    // Act
    const owner = parseKeyName(name, prefix);

    // Assess
    expect(owner).toEqual(expected);
  });
});

describe('StaticKeyDirectory', () => {
  it('returns the client a key value maps to, and nothing for other values', async () => {
    // Prepare
    const directory = new StaticKeyDirectory({
      'local-web': { keyId: 'web', scope: 'intake', source: 'web_form' },
    });

    // Act
    const results = [await directory.lookup('local-web'), await directory.lookup('local-ops')];

    // Assess
    expect(results).toEqual([{ keyId: 'web', scope: 'intake', source: 'web_form' }, undefined]);
  });
});
