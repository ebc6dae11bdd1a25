/** The README's "Benchmarks" and "Demo" text, with the tables of the latest run (`bench/README-section.md`). */
import { markdownTable } from './support/report';
import { type Results, summaryTable } from './support/results';

const WHAT = markdownTable({
  header: ['section', 'what it measures', 'how'],
  rows: [
    [
      '`intake`',
      'Intake overhead: the intake handler end to end (parsing, validation, the 24-hour duplicate query, routing, one conditional write, the dispatch enqueue) against a bare `PutItem` of the same item; p50 and p99 of each and their ratio. Target ≤ 1.5×.',
      'The real handler (`makeHandler` over `IntakeService`, wired as the local runner wires it) and the bare call on the same embedded dynalite, same process, warmed up, interleaved in random order. A third series, a bare Query + PutItem, is the floor of any check-then-write intake.',
    ],
    [
      '`calls`',
      'AWS calls per lead for the happy path (intake → SMS and email → open link → accept), the same with an `Idempotency-Key`, and a full emergency escalation (nobody accepts: the ladder climbs to the owner and re-notifies until exhausted); cost per 1,000 leads at on-demand us-east-1 prices (`bench/prices.ts`, SMS carrier fees apart), next to the fewest calls any design keeping the same guarantees needs.',
      "The local pipeline on the manual clock with the local runner's fault plan set to never fail (it counts every port call) plus a meter: DynamoDB at the SDK middleware with consumed capacity and the index writes DynamoDB bills, SQS polling by Lambda, Scheduler create/delete/fire, Lambda invocations. Lambda duration is a stated estimate.",
    ],
    [
      '`coldstart`',
      "Each function bundled as CDK bundles it (minified CommonJS, target node24, `@aws-sdk/*` external) and the time to load it in a fresh Node process (median of 20), split into the AWS SDK's share and the bundle's own; the same function as an ES module for comparison, and each SDK client alone. Targets ≤ 300 KB, ≤ 80 ms.",
      "esbuild with `LeadHandoffFunction`'s options; a child `node --enable-source-maps` per sample that `require`s the bundle as the Lambda runtime requires a `.js` handler, with every environment variable the stack sets.",
    ],
    [
      '`priority`',
      "Priority under backlog: 500 standard leads at once, then an emergency while their SMS drain at 1 SMS/s; simulated time from the emergency's intake to its SMS. Target ≤ 2 s. Also how fast the standard backlog drains.",
      'Manual clock; the local SMS sender delivers 1 SMS a second and queues the rest, as the carrier does.',
    ],
    [
      '`scale`',
      'Items read per query by the daily review (every open lead, `listOpen()` page by page) and by the reconciler (`listOpen({dueBefore})`) with 1,000 / 10,000 / 100,000 stored leads of which 100 are open. Must stay flat.',
      "Open leads through intake; closed leads written with `BatchWriteItem` from a real closed lead through the store's `toItem`; `ScannedCount`/`Count`/consumed capacity at the client middleware.",
    ],
    [
      '`throughput`',
      '`POST /leads` over HTTP against the local runner: requests/s, p50/p90/p99 latency.',
      'autocannon, 10 connections, 10 s after a warm-up, against `startServer` in the same process with the runtime loop running (as `npm start`).',
    ],
  ],
});

/** The first table of each section (its headline figures). */
const headlineTables = (results: Results): string =>
  Object.values(results.sections)
    .flatMap((s) => {
      if (!s) return [];
      const tables =
        s.id === 'calls'
          ? s.tables.filter((t) => t.caption?.startsWith('**'))
          : s.tables.slice(0, s.id === 'coldstart' ? 2 : 1);
      return [`**${s.title}**`, ...tables.map((t) => markdownTable(t))];
    })
    .join('\n\n');

export const readmeSection = (results: Results): string => {
  const m = results.machine;
  return `## Benchmarks

Measured, not guessed: \`npm run bench\` runs six sections in four to six minutes and writes every
figure to \`bench/results/latest.json\` (with the machine it ran on) and a table per section, targets
marked, to \`bench/results/latest.md\`. \`npm run bench -- intake scale\` runs some sections (the others
keep their last figures); \`npm run bench -- --quick\` runs everything at smoke-test size and writes
nothing. Figures are one run's ratios on a shared machine: noisy, and never asserted by tests.
\`npm test\` runs the calls, cold-start and demo code at small size (\`test/bench/\`) and checks outcomes, not
timings: the counts agree with the fault plan, an escalation has no refused writes, every bundle loads
and requires only the SDK clients its function uses.

${WHAT}

### Latest run

${results.generatedAt.slice(0, 10)}, Node ${m.node} on ${m.platform}, ${m.cpus} CPU(s), load average ${m.loadAverage1m} at the start.

${summaryTable(results)}

${headlineTables(results)}

Everything else (per-function DynamoDB calls, capacity units, the meter's raw counts, per-size query
figures) is in \`bench/results/latest.md\` and \`latest.json\`.

## Demo

\`npm run demo\` starts the local runner on the manual clock (embedded dynalite, HTTP on a free port),
posts an emergency, a standard and an estimate lead over HTTP, moves the clock past two 5-minute
acceptance windows so the emergency escalates twice, accepts it through the link in the new owner's
SMS, sends the standard lead back to intake with a reason through its link, and prints each lead's
timeline. It takes a few seconds and needs no AWS account.
`;
};
