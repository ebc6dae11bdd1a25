/** Lambda entry for the API key authorizer, wired to API Gateway's key store. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import * as z from 'zod';
import { ApiGatewayKeyDirectory, apiKeyIdsSchema } from '../../shared/aws/api-key-directory';
import { systemClock } from '../../shared/clock';
import { readEnv } from '../../shared/env';
import { ENV } from '../../shared/settings';
import { makeHandler } from './make-handler';

/** New or revoked keys take effect within this many seconds. */
const KEY_CACHE_SECONDS = 300;

const env = readEnv({
  [ENV.API_KEY_PREFIX]: z.string().min(1),
  [ENV.API_KEY_IDS]: apiKeyIdsSchema,
});

export const handler = makeHandler({
  keys: new ApiGatewayKeyDirectory(
    new APIGatewayClient({}),
    env[ENV.API_KEY_IDS],
    env[ENV.API_KEY_PREFIX],
    systemClock,
    KEY_CACHE_SECONDS,
  ),
});
