/** The local runner's command line: `npm start -- [--data-dir DIR] [--config DIR] [--port N]`. */
import { parseArgs } from 'node:util';
import { SEES_EVERY_LEAD } from '../shared/domain/board-access';
import type { AppConfig } from '../shared/domain/config';
import { createLocalApp, LOCAL_KEYS } from './app';
import { startLocalDynamo } from './dynamo-engine';
import { localPages } from './local-pages';
import { ManualClock } from './manual-clock';
import { startServer } from './server';

/** Whom to sign in as locally: the first active person who sees every lead (their email, else phone). */
const signInHint = (config: AppConfig): string => {
  const person = config.roster.people.find(
    (p) => p.active && SEES_EVERY_LEAD.includes(p.role) && (p.email || p.phone),
  );
  return person?.email ?? person?.phone ?? 'a roster phone or email';
};

const USAGE = `Usage: npm start -- [--data-dir DIR] [--config DIR] [--port N]

  --data-dir DIR   keep data on disk in DIR (default: in memory, gone when stopped)
  --config DIR     business.json and roster.json (default: config/, *.example.json when absent)
  --port N         HTTP port (default: $PORT or 3000)

Environment: PORT, DYNAMODB_ENDPOINT (use that DynamoDB-compatible endpoint instead of the embedded
engine; the table is created when missing), LEAD_HANDOFF_TABLE (default lead-handoff-local),
LEAD_HANDOFF_CLOCK=manual (time moves only with POST /_local/clock/advance {"seconds": N}).`;

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string', default: 'config' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const tableName = process.env.LEAD_HANDOFF_TABLE ?? 'lead-handoff-local';
  const dynamo = await startLocalDynamo({
    tableName,
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  const clockMode = process.env.LEAD_HANDOFF_CLOCK ?? 'real';
  if (clockMode !== 'real' && clockMode !== 'manual')
    throw new Error('LEAD_HANDOFF_CLOCK must be real or manual');
  const clock = clockMode === 'manual' ? new ManualClock() : undefined;
  const app = createLocalApp({
    client: dynamo.client,
    tableName,
    configDir: values.config,
    ...(clock ? { clock } : {}),
  });
  const config = await app.deps.config.load();
  const server = await startServer(app, {
    port,
    pages: [localPages(app, clock)],
    settleAfterRequest: clock !== undefined,
  });
  if (!clock) app.runtime.start();

  const where = dynamo.embedded
    ? `embedded dynalite (${values['data-dir'] ? `data in ${values['data-dir']}` : 'in memory'})`
    : `DynamoDB at ${dynamo.endpoint}`;
  console.log(`Lead Handoff (local) for ${config.business.name}
  URL:      ${server.url}   (demo web form at ${server.url}/)
  Store:    ${where}, table ${tableName}
  Clock:    ${clock ? 'manual (POST /_local/clock/advance {"seconds":N})' : 'real time'}
  Outbox:   ${server.url}/_local/phone (SMS and email go here instead of SNS; JSON at /_local/outbox)
  Sign in:  ${server.url}/sign-in as ${signInHint(config)} — the link arrives at /_local/phone
  API keys: ${Object.entries(LOCAL_KEYS)
    .map(([key, client]) => `${key} (${client.source ?? client.scope})`)
    .join(', ')}

Try:
  curl -s -X POST ${server.url}/leads -H 'x-api-key: local-web-form-key' -H 'content-type: application/json' \\
    -d '{"fullName":"Ana Diaz","phone":"512-555-0199","serviceAddress":"12 Oak St, Austin TX 78704","serviceType":"plumbing_repair","urgency":"emergency","notes":"Burst pipe under the sink","consent":{"sms":true,"email":false}}'
Press Ctrl+C to stop.`);

  const stop = async () => {
    await app.runtime.stop();
    await server.close();
    await dynamo.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};
