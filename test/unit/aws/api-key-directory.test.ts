import { APIGatewayClient, type ApiKey, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ApiGatewayKeyDirectory,
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

const manualClock = (): Clock & { advanceSeconds(seconds: number): void } => {
  let time = Date.parse('2026-03-02T15:00:00.000Z');
  return {
    now: () => new Date(time),
    advanceSeconds: (seconds) => {
      time += seconds * 1000;
    },
  };
};

const directoryWith = (items: ApiKey[], clock: Clock = manualClock()): ApiGatewayKeyDirectory => {
  apiGateway.on(GetApiKeysCommand).resolves({ items });
  return new ApiGatewayKeyDirectory(
    new APIGatewayClient({ region: 'us-east-1' }),
    PREFIX,
    clock,
    CACHE_SECONDS,
  );
};

describe('ApiGatewayKeyDirectory', () => {
  beforeEach(() => {
    apiGateway.reset();
  });

  it('finds an intake key with its source', async () => {
    // Prepare
    const directory = directoryWith([key('k1', `${PREFIX}.intake.web_form`, 'secret-web')]);

    // Act
    const client = await directory.lookup('secret-web');

    // Assess
    expect(client).toEqual({ keyId: 'k1', scope: 'intake', source: 'web_form' });
  });

  it('finds the ops key without a source', async () => {
    // Prepare
    const directory = directoryWith([key('k2', `${PREFIX}.ops`, 'secret-ops')]);

    // Act
    const client = await directory.lookup('secret-ops');

    // Assess
    expect(client).toEqual({ keyId: 'k2', scope: 'ops' });
  });

  it('accepts a label after the source, so one source can have several keys', async () => {
    // Prepare
    const directory = directoryWith([key('k3', `${PREFIX}.intake.phone.callrail`, 'secret-calls')]);

    // Act
    const client = await directory.lookup('secret-calls');

    // Assess
    expect(client).toEqual({ keyId: 'k3', scope: 'intake', source: 'phone' });
  });

  it('refuses a disabled key', async () => {
    // Prepare
    const directory = directoryWith([key('k1', `${PREFIX}.intake.web_form`, 'secret-web', false)]);

    // Act
    const client = await directory.lookup('secret-web');

    // Assess
    expect(client).toBeUndefined();
  });

  it('refuses an unknown key', async () => {
    // Prepare
    const directory = directoryWith([key('k1', `${PREFIX}.intake.web_form`, 'secret-web')]);

    // Act
    const client = await directory.lookup('not-a-key');

    // Assess
    expect(client).toBeUndefined();
  });

  it("refuses keys of another app or stage that share the prefix's start", async () => {
    // Prepare
    const directory = directoryWith([key('k9', `${PREFIX}-staging.ops`, 'secret-staging')]);

    // Act
    const client = await directory.lookup('secret-staging');

    // Assess
    expect(client).toBeUndefined();
  });

  it('refuses an intake key whose name has no known source', async () => {
    // Prepare
    const directory = directoryWith([key('k4', `${PREFIX}.intake.carrier_pigeon`, 'secret-bird')]);

    // Act
    const client = await directory.lookup('secret-bird');

    // Assess
    expect(client).toBeUndefined();
  });

  it('follows pagination to find a key on a later page', async () => {
    // Prepare
    apiGateway
      .on(GetApiKeysCommand)
      .resolves({ items: [key('k1', `${PREFIX}.intake.web_form`, 'secret-web')], position: 'page-2' })
      .on(GetApiKeysCommand, { position: 'page-2' })
      .resolves({ items: [key('k5', `${PREFIX}.intake.referral`, 'secret-referral')] });
    const directory = new ApiGatewayKeyDirectory(
      new APIGatewayClient({ region: 'us-east-1' }),
      PREFIX,
      manualClock(),
      CACHE_SECONDS,
    );

    // Act
    const client = await directory.lookup('secret-referral');

    // Assess
    expect(client).toEqual({ keyId: 'k5', scope: 'intake', source: 'referral' });
  });

  it('reads API Gateway once for repeated lookups within the cache time, known or unknown', async () => {
    // Prepare
    const clock = manualClock();
    const directory = directoryWith([key('k1', `${PREFIX}.intake.web_form`, 'secret-web')], clock);

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
    expect(apiGateway.commandCalls(GetApiKeysCommand)).toHaveLength(1);
  });

  it('sees a newly enabled key once the cache time has passed', async () => {
    // Prepare
    const clock = manualClock();
    const directory = directoryWith([key('k1', `${PREFIX}.intake.web_form`, 'secret-web', false)], clock);
    const before = await directory.lookup('secret-web');
    apiGateway
      .on(GetApiKeysCommand)
      .resolves({ items: [key('k1', `${PREFIX}.intake.web_form`, 'secret-web')] });

    // Act
    clock.advanceSeconds(CACHE_SECONDS);
    const after = await directory.lookup('secret-web');

    // Assess
    expect(before).toBeUndefined();
    expect(after).toEqual({ keyId: 'k1', scope: 'intake', source: 'web_form' });
  });

  it('reports throttling as a TransientError and does not cache the failure', async () => {
    // Prepare
    const throttled = Object.assign(new Error('Too Many Requests'), { name: 'TooManyRequestsException' });
    apiGateway
      .on(GetApiKeysCommand)
      .rejectsOnce(throttled)
      .resolves({ items: [key('k1', `${PREFIX}.intake.web_form`, 'secret-web')] });
    const directory = new ApiGatewayKeyDirectory(
      new APIGatewayClient({ region: 'us-east-1' }),
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
