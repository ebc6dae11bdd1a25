/**
 * 3. Cold start: every `functions/<name>/handler.ts` bundled as CDK's `NodejsFunction` bundles it for
 * this stack (`infra/constructs/lead-handoff-function.ts`: local esbuild, minified ESM for the Node.js 24
 * runtime, `@aws-sdk/*` left to the runtime, the `createRequire` banner, source map beside the file),
 * then the time to `import()` the bundle in a fresh Node process, with the environment the stack
 * gives the function (every variable `shared/env.ts` names) and `--enable-source-maps` as Lambda runs
 * it. The median of 20 processes per function.
 *
 * The bundles are written under `node_modules/.cache/` so that `@aws-sdk/*` resolves from the
 * project's `node_modules`, as it resolves from the runtime's on Lambda.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ENV } from '../shared/env';
import type { SectionResult } from './support/report';
import { grouped, median, progress, round } from './support/stats';

const MAX_KB = 300;
const MAX_LOAD_MS = 80;

/** The bundling options of `LeadHandoffFunction` (keep in step with infra/constructs/lead-handoff-function.ts). */
export const CDK_BUNDLING = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  // Runtime.NODEJS_24_X: CDK passes `--target=node24`.
  target: 'node24',
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  sourcemap: true,
  sourcesContent: false,
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
} as const;

/** What each function finds in its environment on AWS (values shaped like the real ones). */
export const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'lead-handoff',
  POWERTOOLS_METRICS_NAMESPACE: 'LeadHandoff',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  [ENV.TABLE_NAME]: 'LeadHandoff-bench-Table',
  [ENV.API_KEY_PREFIX]: 'leadhandoff-bench',
  [ENV.CONFIG_CACHE_SECONDS]: '60',
  [ENV.DISPATCH_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/dispatch',
  [ENV.NOTIFY_URGENT_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/notify-urgent',
  [ENV.NOTIFY_STANDARD_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/notify-standard',
  [ENV.SCHEDULE_GROUP]: 'leadhandoff-bench',
  [ENV.SCHEDULER_ROLE_ARN]: 'arn:aws:iam::123456789012:role/scheduler',
  [ENV.DEADLINE_FUNCTION_ARN]: 'arn:aws:lambda:us-east-1:123456789012:function:deadline',
  [ENV.SCHEDULER_DLQ_ARN]: 'arn:aws:sqs:us-east-1:123456789012:scheduler-dlq',
  [ENV.EMAIL_TOPIC_ARN]: 'arn:aws:sns:us-east-1:123456789012:email',
  [ENV.PUBLIC_BASE_URL]: 'https://abc123.execute-api.us-east-1.amazonaws.com/v1',
  [ENV.DEADLINE_FAILURES_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/deadline-failures',
  [ENV.SCHEDULER_DLQ_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/scheduler-dlq',
  [ENV.REDRIVE_QUEUES]: JSON.stringify(
    Object.fromEntries(
      ['dispatch', 'notify-urgent', 'notify-standard'].map((queue) => [
        queue,
        {
          deadLetterArn: `arn:aws:sqs:us-east-1:123456789012:${queue}-dlq`,
          sourceArn: `arn:aws:sqs:us-east-1:123456789012:${queue}`,
        },
      ]),
    ),
  ),
};

/**
 * Imports one bundle and prints how long it took (ms), or the error. The AWS SDK packages the bundle
 * imports are imported first, in the same timed span, so the time splits into the SDK's share (which
 * the runtime provides) and the bundle's own code.
 */
const CHILD = `
const [file, sdk] = process.argv.slice(1);
const start = performance.now();
try {
  await Promise.all(JSON.parse(sdk).map((name) => import(name)));
  const sdkDone = performance.now();
  const mod = await import(file);
  const end = performance.now();
  if (typeof mod.handler !== 'function') throw new Error('no handler export');
  process.stdout.write(JSON.stringify({ ms: end - start, sdkMs: sdkDone - start }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String((error && error.message) || error) }));
}
`;

interface LoadTime {
  ms: number;
  sdkMs: number;
}

const loadOnce = (file: string, sdk: readonly string[]): Promise<LoadTime> =>
  new Promise((resolvePromise, reject) => {
    const args = ['--enable-source-maps', '--input-type=module', '-e', CHILD, file, JSON.stringify(sdk)];
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', () => {
      try {
        const result = JSON.parse(out) as { ms?: number; sdkMs?: number; error?: string };
        if (result.ms === undefined || result.sdkMs === undefined)
          reject(new Error(`loading ${file} failed: ${result.error}`));
        else resolvePromise({ ms: result.ms, sdkMs: result.sdkMs });
      } catch (error) {
        reject(new Error(`loading ${file} printed ${out}`, { cause: error }));
      }
    });
  });

interface ColdStartRow {
  name: string;
  kb: number;
  mapKb: number;
  /** The packages (or project folders) that take the most room in the bundle, with their KB. */
  largestInputs: { from: string; kb: number }[];
  /** Zod's translated error messages (every locale ships with the classic \`z\` namespace). */
  zodLocalesKb: number;
  awsSdk: string[];
  p50: number;
  min: number;
  max: number;
  /** Median time spent importing the AWS SDK packages the bundle uses. */
  sdkP50: number;
  /** Median time spent importing the bundle itself once the SDK was loaded. */
  ownP50: number;
}

/** Bytes of output per npm package (or per project folder). */
const largestPackages = (inputs: Record<string, { bytesInOutput: number }>, top: number) => {
  const bytes = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    const from =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    bytes.set(from, (bytes.get(from) ?? 0) + info.bytesInOutput);
  }
  return [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([from, n]) => ({ from, kb: round(n / 1024, 1) }));
};

export const functionNames = (): string[] =>
  readdirSync('functions', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('functions', d.name, 'handler.ts')))
    .map((d) => d.name)
    .sort();

export const runColdStart = async (options: { processes?: number } = {}): Promise<SectionResult> => {
  const processes = options.processes ?? 20;
  const outDir = resolve('node_modules/.cache/lead-handoff-bench/bundles');
  rmSync(outDir, { recursive: true, force: true });
  const rows: ColdStartRow[] = [];
  for (const name of functionNames()) {
    const outfile = join(outDir, name, 'index.mjs');
    const { metafile } = await build({
      ...CDK_BUNDLING,
      mainFields: [...CDK_BUNDLING.mainFields],
      external: [...CDK_BUNDLING.external],
      entryPoints: [join('functions', name, 'handler.ts')],
      outfile,
      tsconfig: 'tsconfig.json',
      metafile: true,
      logLevel: 'error',
    });
    const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('index.mjs'))?.[1];
    if (!output) throw new Error(`esbuild wrote no bundle for ${name}`);
    const sdk = [
      ...new Set(
        output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path),
      ),
    ];
    const kb = statSync(outfile).size / 1024;
    const mapKb = statSync(`${outfile}.map`).size / 1024;
    const url = pathToFileURL(outfile).href;
    await loadOnce(url, sdk); // the first read of the files from disk is not a Lambda cold start's concern
    const times: LoadTime[] = [];
    for (let i = 0; i < processes; i += 1) times.push(await loadOnce(url, sdk));
    const row: ColdStartRow = {
      name,
      kb: round(kb, 1),
      mapKb: round(mapKb, 1),
      largestInputs: largestPackages(output.inputs, 3),
      zodLocalesKb: round(
        Object.entries(output.inputs)
          .filter(([file]) => file.includes('zod/v4/locales/'))
          .reduce((sum, [, info]) => sum + info.bytesInOutput, 0) / 1024,
        1,
      ),
      awsSdk: sdk,
      p50: round(median(times.map((t) => t.ms)), 1),
      min: round(Math.min(...times.map((t) => t.ms)), 1),
      max: round(Math.max(...times.map((t) => t.ms)), 1),
      sdkP50: round(median(times.map((t) => t.sdkMs)), 1),
      ownP50: round(median(times.map((t) => t.ms - t.sdkMs)), 1),
    };
    progress(`cold start: ${name} ${row.kb} KB, import ${row.p50} ms (median of ${processes})`);
    rows.push(row);
  }
  const largest = rows.reduce((a, b) => (b.kb > a.kb ? b : a));
  const slowest = rows.reduce((a, b) => (b.p50 > a.p50 ? b : a));
  return {
    id: 'coldstart',
    title: `3. Cold start: bundle size and import time (median of ${processes} fresh processes)`,
    figures: { processes, node: process.version, bundling: CDK_BUNDLING, functions: rows },
    checks: [
      {
        figure: `largest bundle (${largest.name})`,
        measured: `${largest.kb} KB`,
        target: `every bundle ≤ ${MAX_KB} KB`,
        pass: rows.every((r) => r.kb <= MAX_KB),
      },
      {
        figure: `slowest import (${slowest.name})`,
        measured: `${slowest.p50} ms`,
        target: `every import ≤ ${MAX_LOAD_MS} ms`,
        pass: rows.every((r) => r.p50 <= MAX_LOAD_MS),
      },
    ],
    tables: [
      {
        header: [
          'function',
          'bundle (minified)',
          'largest parts',
          'import p50',
          'of which AWS SDK / own code',
          'min–max',
          '',
        ],
        rows: rows.map((r) => [
          r.name,
          `${grouped(r.kb, 1)} KB (+ ${grouped(r.mapKb, 1)} KB map)`,
          r.largestInputs.map((i) => `${i.from} ${grouped(i.kb, 1)} KB`).join(', '),
          `${r.p50} ms`,
          `${r.sdkP50} / ${r.ownP50} ms`,
          `${r.min}–${r.max} ms`,
          r.kb <= MAX_KB && r.p50 <= MAX_LOAD_MS ? '✅' : '❌',
        ]),
      },
    ],
    notes: [
      `zod is the largest part of every bundle; ${grouped(Math.max(...rows.map((r) => r.zodLocalesKb)), 1)} KB of it are its error-message locales, which \`import { z } from 'zod'\` keeps (the namespace object reaches them all).`,
      'Bundled with the project esbuild and the options of `LeadHandoffFunction` (minify, ESM, target node24, `@aws-sdk/*` external: the runtime provides it, so its load time is included but not its size).',
      `Import time is \`await import(bundle)\` in a new \`node --enable-source-maps\` process on this machine (Node ${process.version}; Lambda runs Node.js 24 on arm64), with the function's environment variables set; Lambda's own init (runtime start, code download) is not included.`,
    ],
  };
};
