/** The local runner's command line: `npm start -- [--data-dir DIR] [--config DIR] [--port N]`. */
import { parseArgs } from 'node:util';
import { SEES_EVERY_LEAD } from '../shared/domain/board-access';
import type { AppConfig } from '../shared/domain/config';
import { LOCAL_KEYS } from './app';
import { checkedPublicUrl } from './public-url';
import { type Runner, type RunnerOptions, startRunner } from './runner';
import { StartupError } from './startup-error';

/** Whom to sign in as locally: the first active person who sees every lead (their email, else phone). */
const signInHint = (config: AppConfig): string => {
  const person = config.roster.people.find(
    (p) => p.active && SEES_EVERY_LEAD.includes(p.role) && (p.email || p.phone),
  );
  return person?.email ?? person?.phone ?? 'a roster phone or email';
};

const USAGE = `Usage: npm start -- [--data-dir DIR] [--config DIR] [--port N]

  --data-dir DIR   keep data on disk in DIR: the store, pending timers, queued messages, the outbox and
                   the manual clock survive a restart (default: in memory, gone when stopped)
  --config DIR     business.json and roster.json (default: config/, *.example.json when absent)
  --port N         HTTP port (default: $PORT or 3000)

Environment: PORT; HOST (default 127.0.0.1, this machine only; 0.0.0.0 lets a phone on the same network
open the links, which then use this machine's network address); PUBLIC_URL (the base URL printed links
use instead, e.g. http://my-laptop.local:3000); DYNAMODB_ENDPOINT (use that DynamoDB-compatible endpoint
instead of the embedded engine; the table is created when missing); LEAD_HANDOFF_TABLE (default
lead-handoff-local); LEAD_HANDOFF_CLOCK=manual (time moves only with POST /_local/clock/advance
{"seconds": N} or /_local/clock/set {"at": "<ISO time>"}); LEAD_HANDOFF_CLOCK_START=<ISO time> (where
the manual clock starts; default: where it stopped in the data dir, else now).`;

const parse = (argv: string[]) => {
  try {
    return parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        config: { type: 'string', default: 'config' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // e.g. "Unknown option '--prot'. To specify a positional argument ..." : the first sentence is enough.
    const first = (error as Error).message.split('. ')[0] ?? 'Bad arguments';
    throw new StartupError(`${first}: npm start -- --help lists the options.`);
  }
};

/** The runner's options from the command line and the environment; a `StartupError` names what is wrong. */
export const runnerOptions = (
  argv: string[],
  env: Record<string, string | undefined>,
): RunnerOptions | 'help' => {
  const values = parse(argv);
  if (values.help) return 'help';
  const portText = values.port ?? (env.PORT || '3000');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new StartupError(`Port "${portText}" is not a port number: give 0 to 65535, e.g. --port 3001.`);
  }
  const clock = env.LEAD_HANDOFF_CLOCK || 'real';
  if (clock !== 'real' && clock !== 'manual') {
    throw new StartupError(`LEAD_HANDOFF_CLOCK=${clock} is not a clock: use real (the default) or manual.`);
  }
  const startText = env.LEAD_HANDOFF_CLOCK_START || undefined;
  const clockStart = startText === undefined ? undefined : new Date(startText);
  if (clockStart && Number.isNaN(clockStart.getTime())) {
    throw new StartupError(
      `LEAD_HANDOFF_CLOCK_START=${startText} is not a time: give an ISO time such as 2026-11-20T23:00:00-06:00.`,
    );
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    ...(env.PUBLIC_URL ? { publicUrl: checkedPublicUrl(env.PUBLIC_URL) } : {}),
    configDir: values.config,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    tableName: env.LEAD_HANDOFF_TABLE || 'lead-handoff-local',
    ...(env.DYNAMODB_ENDPOINT ? { dynamoEndpoint: env.DYNAMODB_ENDPOINT } : {}),
    clock,
    ...(clockStart ? { clockStart } : {}),
  };
};

const plural = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;

/** What `npm start` prints once the runner listens. */
export const banner = (runner: Runner, options: RunnerOptions): string => {
  const { url, config, clock, resumed } = runner;
  const lines = [
    `Lead Handoff (local) for ${config.business.name}`,
    `  URL:      ${url}   (demo web form at ${url}/)`,
    `  Store:    ${runner.store}, table ${options.tableName}`,
    ...(resumed
      ? [
          `  Resumed:  ${plural(resumed.timers, 'pending timer')}, ${plural(resumed.messages, 'queued message')}, ${plural(resumed.outbox, 'sent message')}; ${plural(resumed.firedAtStart, 'timer')} came due while stopped and ran`,
        ]
      : []),
    `  Clock:    ${clock ? `manual, at ${clock.now().toISOString()} (POST /_local/clock/advance {"seconds":N} or /_local/clock/set {"at":"<ISO time>"})` : 'real time'}`,
    `  Outbox:   ${url}/_local/phone (SMS and email go here instead of AWS; JSON at /_local/outbox)`,
    `  Sign in:  ${url}/sign-in as ${signInHint(config)} — the link arrives at /_local/phone`,
    `  API keys: ${Object.entries(LOCAL_KEYS)
      .map(([key, client]) => `${key} (${client.source ?? client.scope})`)
      .join(', ')}`,
    ...(options.host === '127.0.0.1' || options.host === 'localhost'
      ? []
      : [`  Network:  listening on ${options.host}; anyone on this network can open these pages`]),
    '',
    'Try:',
    `  curl -s -X POST ${url}/leads -H 'x-api-key: local-web-form-key' -H 'content-type: application/json' \\`,
    `    -d '{"fullName":"Ana Diaz","phone":"512-555-0199","serviceAddress":"12 Oak St, Austin TX 78704","serviceType":"plumbing_repair","urgency":"emergency","notes":"Burst pipe under the sink","consent":{"sms":true,"email":false}}'`,
    'Press Ctrl+C to stop.',
  ];
  return lines.join('\n');
};

export const run = async (argv: string[]): Promise<void> => {
  const options = runnerOptions(argv, process.env);
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const runner = await startRunner(options);
  console.log(banner(runner, options));
  const stop = async () => {
    await runner.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};
