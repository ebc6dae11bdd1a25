/**
 * 3. Cold start: every `functions/<name>/handler.ts` bundled as CDK's `NodejsFunction` bundles it for
 * this stack (`infra/constructs/lead-handoff-function.ts`: local esbuild, minified CommonJS for the
 * Node.js 24 runtime, `@aws-sdk/*` left to the runtime, source map beside the file), then the time to
 * load the bundle in a fresh Node process as the Lambda runtime loads a `.js` handler (`require`), with
 * the environment the stack gives the function (every variable `shared/env.ts` names) and
 * `--enable-source-maps` as Lambda runs it. The median of 20 processes per function.
 *
 * Each load is split in two: the AWS SDK packages the bundle requires (the runtime provides them; they
 * are loaded first, in the same timed span) and the bundle's own code. The same function bundled as an
 * ES module (what this stack shipped before) is loaded too, for comparison; and each SDK client alone,
 * which is the floor under any function that uses it.
 *
 * The bundles are written under `node_modules/.cache/` so that `@aws-sdk/*` resolves from the
 * project's `node_modules`, as it resolves from the runtime's on Lambda.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ENV } from '../shared/settings';
import type { SectionResult } from './support/report';
import { grouped, median, progress, round } from './support/stats';

const MAX_KB = 300;
const MAX_LOAD_MS = 80;

/** The bundling options of `LeadHandoffFunction` (keep in step with infra/constructs/lead-handoff-function.ts). */
export const CDK_BUNDLING = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  // Runtime.NODEJS_24_X: CDK passes `--target=node24`.
  target: 'node24',
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  sourcemap: true,
  sourcesContent: false,
} as const;

/** The same as an ES module, as this stack bundled its functions before (for the comparison column). */
const ESM_BUNDLING = {
  ...CDK_BUNDLING,
  format: 'esm',
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
  [ENV.API_KEY_IDS]: 'a1b2c3d4e5,f6g7h8i9j0,k1l2m3n4o5',
  [ENV.CONFIG_CACHE_SECONDS]: '60',
  [ENV.DISPATCH_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/dispatch',
  [ENV.NOTIFY_URGENT_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/notify-urgent',
  [ENV.NOTIFY_STANDARD_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/notify-standard',
  [ENV.SCHEDULE_GROUP]: 'leadhandoff-bench',
  [ENV.SCHEDULER_ROLE_ARN]: 'arn:aws:iam::123456789012:role/scheduler',
  [ENV.DEADLINE_FUNCTION_ARN]: 'arn:aws:lambda:us-east-1:123456789012:function:deadline',
  [ENV.SCHEDULER_DLQ_ARN]: 'arn:aws:sqs:us-east-1:123456789012:scheduler-dlq',
  [ENV.EMAIL_TOPIC_ARN]: 'arn:aws:sns:us-east-1:123456789012:email',
  [ENV.SMS_CONFIGURATION_SET]: 'LeadHandoff-bench',
  [ENV.SMS_ORIGINATION_IDENTITY]:
    'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef',
  [ENV.PUBLIC_BASE_URL]: 'https://abc123.execute-api.us-east-1.amazonaws.com/v1',
  [ENV.DEADLINE_FAILURES_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/deadline-failures',
  [ENV.SCHEDULER_DLQ_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/scheduler-dlq',
  [ENV.CONNECTORS_SECRET_ARN]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:connectors-AbCdEf',
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
 * Loads one bundle and prints how long it took (ms), or the error. The AWS SDK packages the bundle
 * uses are loaded first, in the same timed span, so the time splits into the SDK's share (which the
 * runtime provides) and the bundle's own code. A CommonJS bundle is `require`d, as the Lambda runtime
 * requires a `.js` handler; an ES module is `import()`ed, and so are the SDK packages it imports.
 */
const CHILD = `
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const [file, sdk, format] = process.argv.slice(1);
const load = createRequire(file);
(async () => {
  const start = performance.now();
  let mod;
  if (format === 'cjs') {
    for (const name of JSON.parse(sdk)) load(name);
  } else {
    await Promise.all(JSON.parse(sdk).map((name) => import(load.resolve(name))));
  }
  const sdkDone = performance.now();
  mod = format === 'cjs' ? load(file) : await import(pathToFileURL(file).href);
  const end = performance.now();
  if (typeof mod.handler !== 'function') throw new Error('no handler export');
  process.stdout.write(JSON.stringify({ ms: end - start, sdkMs: sdkDone - start }));
})().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String((error && error.message) || error) }));
});
`;

interface LoadTime {
  ms: number;
  sdkMs: number;
}

const loadOnce = (file: string, sdk: readonly string[], format: 'cjs' | 'esm' = 'cjs'): Promise<LoadTime> =>
  new Promise((resolvePromise, reject) => {
    const args = [
      '--enable-source-maps',
      '--input-type=commonjs',
      '-e',
      CHILD,
      file,
      JSON.stringify(sdk),
      format,
    ];
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
  awsSdk: string[];
  /** Loading the bundle with the SDK packages it requires (median, min, max). */
  p50: number;
  min: number;
  max: number;
  /** Median time spent loading the AWS SDK packages the bundle uses. */
  sdkP50: number;
  /** Median time spent loading the bundle itself once the SDK was loaded. */
  ownP50: number;
  /** The same function bundled as an ES module: median load, SDK included. */
  esmP50: number;
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

const bundle = async (name: string, outfile: string, options: typeof CDK_BUNDLING | typeof ESM_BUNDLING) => {
  const { metafile } = await build({
    ...options,
    mainFields: [...options.mainFields],
    external: [...options.external],
    entryPoints: [join('functions', name, 'handler.ts')],
    outfile,
    tsconfig: 'tsconfig.json',
    metafile: true,
    logLevel: 'error',
  });
  const output = metafile.outputs[Object.keys(metafile.outputs).find((file) => !file.endsWith('.map')) ?? ''];
  if (!output) throw new Error(`esbuild wrote no bundle for ${name}`);
  return output;
};

/** Median time of `processes` fresh loads, after one load that reads the files from disk into the cache. */
const timeLoads = async (file: string, sdk: readonly string[], format: 'cjs' | 'esm', processes: number) => {
  await loadOnce(file, sdk, format); // the first read of the files from disk is not a Lambda cold start's concern
  const times: LoadTime[] = [];
  for (let i = 0; i < processes; i += 1) times.push(await loadOnce(file, sdk, format));
  return times;
};

export const runColdStart = async (options: { processes?: number } = {}): Promise<SectionResult> => {
  const processes = options.processes ?? 20;
  const outDir = resolve('node_modules/.cache/lead-handoff-bench/bundles');
  rmSync(outDir, { recursive: true, force: true });
  const rows: ColdStartRow[] = [];
  for (const name of functionNames()) {
    const outfile = join(outDir, name, 'index.js');
    const output = await bundle(name, outfile, CDK_BUNDLING);
    // The Lambda asset has no package.json, so `index.js` is CommonJS there; say so here too, where the
    // project's own package.json (type: module) is the nearest one.
    writeFileSync(join(outDir, name, 'package.json'), '{ "type": "commonjs" }\n');
    const esmFile = join(outDir, `${name}-esm`, 'index.mjs');
    mkdirSync(join(outDir, `${name}-esm`), { recursive: true });
    await bundle(name, esmFile, ESM_BUNDLING);
    const sdk = [
      ...new Set(
        output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path),
      ),
    ].sort();
    const times = await timeLoads(outfile, sdk, 'cjs', processes);
    const esmTimes = await timeLoads(esmFile, sdk, 'esm', processes);
    const row: ColdStartRow = {
      name,
      kb: round(statSync(outfile).size / 1024, 1),
      mapKb: round(statSync(`${outfile}.map`).size / 1024, 1),
      largestInputs: largestPackages(output.inputs, 3),
      awsSdk: sdk,
      p50: round(median(times.map((t) => t.ms)), 1),
      min: round(Math.min(...times.map((t) => t.ms)), 1),
      max: round(Math.max(...times.map((t) => t.ms)), 1),
      sdkP50: round(median(times.map((t) => t.sdkMs)), 1),
      ownP50: round(median(times.map((t) => t.ms - t.sdkMs)), 1),
      esmP50: round(median(esmTimes.map((t) => t.ms)), 1),
    };
    progress(
      `cold start: ${name} ${row.kb} KB, load ${row.p50} ms (SDK ${row.sdkP50}, own ${row.ownP50}; as ESM ${row.esmP50})`,
    );
    rows.push(row);
  }

  // The floor under any function: each SDK package the functions use, loaded alone in a fresh process.
  const packages = [...new Set(rows.flatMap((r) => r.awsSdk))].sort();
  const emptyBundle = join(outDir, 'empty', 'index.js');
  mkdirSync(join(outDir, 'empty'), { recursive: true });
  writeFileSync(join(outDir, 'empty', 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(emptyBundle, 'exports.handler = async () => {};\n');
  const sdkAlone: { name: string; p50: number }[] = [];
  for (const name of packages) {
    const times = await timeLoads(emptyBundle, [name], 'cjs', processes);
    sdkAlone.push({ name, p50: round(median(times.map((t) => t.sdkMs)), 1) });
  }
  progress(`cold start: SDK packages alone ${sdkAlone.map((p) => `${p.name} ${p.p50} ms`).join(', ')}`);

  const largest = rows.reduce((a, b) => (b.kb > a.kb ? b : a));
  const slowestOwn = rows.reduce((a, b) => (b.ownP50 > a.ownP50 ? b : a));
  const slowest = rows.reduce((a, b) => (b.p50 > a.p50 ? b : a));
  const firstClient = Math.min(...sdkAlone.filter((p) => p.name.includes('/client-')).map((p) => p.p50));
  const within = rows.filter((r) => r.p50 <= MAX_LOAD_MS).map((r) => r.name);
  return {
    id: 'coldstart',
    title: `3. Cold start: bundle size and load time (median of ${processes} fresh processes)`,
    figures: { processes, node: process.version, bundling: CDK_BUNDLING, functions: rows, sdkAlone },
    checks: [
      {
        figure: `largest bundle (${largest.name})`,
        measured: `${largest.kb} KB`,
        target: `every bundle ≤ ${MAX_KB} KB`,
        pass: rows.every((r) => r.kb <= MAX_KB),
      },
      {
        figure: `slowest load of a bundle's own code (${slowestOwn.name})`,
        measured: `${slowestOwn.ownP50} ms`,
        target: `every bundle ≤ ${MAX_LOAD_MS} ms`,
        pass: rows.every((r) => r.ownP50 <= MAX_LOAD_MS),
      },
      {
        figure: `slowest load with the runtime's AWS SDK clients (${slowest.name})`,
        measured: `${slowest.p50} ms`,
        target: `every function ≤ ${MAX_LOAD_MS} ms`,
        pass: rows.every((r) => r.p50 <= MAX_LOAD_MS),
      },
    ],
    tables: [
      {
        header: [
          'function',
          'bundle (minified)',
          'largest parts',
          'load p50',
          'of which AWS SDK / own code',
          'min–max',
          'as ESM (before)',
          'AWS SDK packages',
        ],
        rows: rows.map((r) => [
          r.name,
          `${grouped(r.kb, 1)} KB (+ ${grouped(r.mapKb, 1)} KB map)`,
          r.largestInputs.map((i) => `${i.from} ${grouped(i.kb, 1)} KB`).join(', '),
          `${r.p50} ms`,
          `${r.sdkP50} / ${r.ownP50} ms`,
          `${r.min}–${r.max} ms`,
          `${r.esmP50} ms`,
          r.awsSdk.map((name) => name.replace('@aws-sdk/', '')).join(', '),
        ]),
      },
      {
        header: ['AWS SDK package alone (the runtime provides it)', 'load p50'],
        rows: sdkAlone.map((p) => [p.name, `${p.p50} ms`]),
      },
    ],
    notes: [
      'Bundled with the project esbuild and the options of `LeadHandoffFunction` (minify, CommonJS, target node24, `@aws-sdk/*` external: the runtime provides it, so its load time is included but not its size). Each function requires only the SDK clients it uses (`shared/aws/deps*.ts`, one module per client).',
      `Load time is \`require(bundle)\` (as the Lambda runtime loads a \`.js\` handler) in a new \`node --enable-source-maps\` process on this machine (Node ${process.version}; Lambda runs Node.js 24 on arm64), with the function's environment variables set; Lambda's own init (runtime start, code download) is not included. "As ESM" is the same function bundled as an ES module and \`import()\`ed, SDK included: Node then lexes every CommonJS SDK package for its named exports.`,
      `The first AWS SDK client a process loads costs ${firstClient} ms or more here (on Lambda it comes from the runtime, and Lambda's CPU differs); most of it is the clients' shared core (Smithy, credentials, HTTP), so a second client adds little. That is before any of our code runs. With the SDK counted, ${within.length ? within.join(', ') : 'no function'} load${within.length === 1 ? 's' : ''} within ${MAX_LOAD_MS} ms; ${rows.every((r) => r.ownP50 <= MAX_LOAD_MS) ? "the bundles' own code loads within it in every function" : `the bundles' own code does in ${rows.filter((r) => r.ownP50 <= MAX_LOAD_MS).length} of ${rows.length}`}.`,
    ],
  };
};
