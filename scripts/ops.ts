/**
 * `npm run ops -- <command>`: the ops retry path and config changes from a terminal, against a deployed
 * stack or the local runner.
 *
 *   failed list [--json]          open failed handoffs
 *   failed retry <id>             retry one
 *   failed retry-all              redrive the DLQs and retry every open failed handoff
 *   sms unknown                   texts from numbers not on the roster, newest first
 *   config push <dir>             replace business settings and roster with <dir>/business.json + roster.json
 *                                 (`put` is the same; the *.example.json files only with --allow-example)
 *
 * Where: --url or LEAD_HANDOFF_URL (default http://localhost:3000, the local runner); the ops key:
 * --key or LEAD_HANDOFF_OPS_KEY (default local-ops-key, local only). A problem (nothing answers at the
 * URL, a config file that is not JSON) is one line on stderr with its fix, and exit code 1.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run ops -- <command> [--url URL] [--key OPS_KEY] [--json]
  failed list              open failed handoffs
  failed retry <id>        retry one failed handoff
  failed retry-all         redrive the dead-letter queues and retry every open failed handoff
  sms unknown              texts from numbers not on the roster (kept 30 days), newest first
  config push <dir>        replace business settings and roster with <dir>/business.json and <dir>/roster.json
                           (the *.example.json files only with --allow-example: their phones are not yours)
Environment: LEAD_HANDOFF_URL (default http://localhost:3000), LEAD_HANDOFF_OPS_KEY (default local-ops-key for localhost)`;

interface Io {
  fetch: typeof fetch;
  print: (line: string) => void;
  env: Record<string, string | undefined>;
}

interface Failure {
  id: string;
  kind: string;
  what: string;
  reason: string;
  attempts: number;
  lastSeenAt: string;
}

const table = (failures: Failure[]): string[] =>
  failures.length === 0
    ? ['No open failed handoffs.']
    : [
        'ID  |  WHAT  |  REASON  |  ATTEMPTS  |  LAST SEEN',
        ...failures.map((f) => `${f.id}  |  ${f.what}  |  ${f.reason}  |  ${f.attempts}  |  ${f.lastSeenAt}`),
      ];

/** Why nothing answered at `base`, in one line with the fix. */
const unreachable = (base: string, local: boolean, error: unknown): Error => {
  const cause = (error as { cause?: { code?: string } }).cause;
  const why = cause?.code ?? (error as Error).message;
  return new Error(
    local
      ? `Cannot reach the local runner at ${base} (${why}): start it with npm start, or give its address with --url or LEAD_HANDOFF_URL.`
      : `Cannot reach ${base} (${why}): check --url or LEAD_HANDOFF_URL (the stack's ApiUrl output).`,
  );
};

/** Runs one command; returns the process exit code. */
const parse = (argv: string[]) => {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        json: { type: 'boolean' },
        'allow-example': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // e.g. "Unknown option '--jsn'. To specify a positional argument ...": the first sentence is enough.
    throw new Error(`${(error as Error).message.split('. ')[0]}: npm run ops -- --help lists the commands.`);
  }
};

export const runOps = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0) {
    io.print(USAGE);
    return values.help ? 0 : 2;
  }
  const base = (values.url ?? io.env.LEAD_HANDOFF_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const local = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(base);
  const key = values.key ?? io.env.LEAD_HANDOFF_OPS_KEY ?? (local ? 'local-ops-key' : undefined);
  if (!key) {
    io.print(
      'An ops key is needed: --key or LEAD_HANDOFF_OPS_KEY (aws apigateway get-api-key --include-value --api-key <OpsApiKeyId>)',
    );
    return 2;
  }
  const call = async (method: string, path: string, body?: unknown) => {
    let res: Response;
    try {
      res = await io.fetch(`${base}${path}`, {
        method,
        headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw unreachable(base, local, error);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
  const show = (status: number, json: unknown, lines?: () => string[]): number => {
    if (values.json || status >= 400 || !lines) io.print(JSON.stringify(json, null, 2));
    else for (const line of lines()) io.print(line);
    return status >= 400 ? 1 : 0;
  };
  const [group, command, argument] = positionals;
  if (group === 'failed' && command === 'list') {
    const items: Failure[] = [];
    let cursor: string | undefined;
    do {
      const { status, json } = await call(
        'GET',
        `/ops/failed-handoffs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (status >= 400) return show(status, json);
      const page = json as { items: Failure[]; cursor?: string };
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return show(200, { items }, () => table(items));
  }
  if (group === 'failed' && command === 'retry' && argument) {
    const { status, json } = await call('POST', `/ops/failed-handoffs/${encodeURIComponent(argument)}/retry`);
    return show(status, json, () => {
      const result = json as { id: string; outcome: string; detail?: string };
      return [`${result.id}: ${result.outcome}${result.detail ? ` (${result.detail})` : ''}`];
    });
  }
  if (group === 'failed' && command === 'retry-all') {
    let code = 0;
    let cursor: string | undefined;
    for (let more = true; more; ) {
      const { status, json } = await call(
        'POST',
        `/ops/failed-handoffs/retry-all${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      code = show(status, json, () => {
        const result = json as {
          redrives: { queue: string; detail: string }[];
          results: { id: string; outcome: string }[];
        };
        return [
          ...result.redrives.map((r) => `redrive ${r.queue}: ${r.detail}`),
          ...result.results.map((r) => `${r.id}: ${r.outcome}`),
          `${result.results.length} retried`,
        ];
      });
      cursor = status < 400 ? (json as { cursor?: string }).cursor : undefined;
      more = cursor !== undefined;
    }
    return code;
  }
  if (group === 'sms' && command === 'unknown') {
    const { status, json } = await call('GET', '/ops/sms/unknown?limit=100');
    return show(status, json, () => {
      const { items } = json as { items: { from: string; body: string; receivedAt: string }[] };
      return items.length === 0
        ? ['No texts from unknown numbers.']
        : ['RECEIVED  |  FROM  |  TEXT', ...items.map((t) => `${t.receivedAt}  |  ${t.from}  |  ${t.body}`)];
    });
  }
  if (group === 'config' && (command === 'push' || command === 'put') && argument) {
    const read = async (name: string): Promise<unknown> => {
      const own = join(argument, `${name}.json`);
      const example = join(argument, `${name}.example.json`);
      const path = existsSync(own) ? own : values['allow-example'] ? example : undefined;
      if (path === undefined) {
        throw new Error(
          `${own} not found. Copy ${example} and put your own people in it; pushing the example roster ` +
            'would text and email its numbers and addresses (add --allow-example to do so anyway).',
        );
      }
      try {
        return JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new Error(`${path} is not valid JSON (${(error as Error).message}): fix it and push again.`);
      }
    };
    const { status, json } = await call('PUT', '/ops/config', {
      business: await read('business'),
      roster: await read('roster'),
    });
    return show(status, json, () => [`Configuration replaced: ${JSON.stringify(json)}`]);
  }
  io.print(USAGE);
  return 2;
};

const isMain = process.argv[1]?.endsWith('ops.ts');
if (isMain) {
  runOps(process.argv.slice(2), { fetch, print: (line) => console.log(line), env: process.env }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // One line with the fix, never a stack trace.
      console.error(((error as Error).message ?? String(error)).split('\n')[0]);
      process.exit(1);
    },
  );
}
