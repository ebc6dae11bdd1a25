/**
 * `npm run bench [-- SECTION...] [--quick]`: runs the benchmark sections (all by default) and writes
 * `bench/results/latest.{json,md}` and `bench/results/summary.md`. `--quick` runs each section at a
 * smoke-test size and writes nothing. Targets are reported, never enforced: the exit code is 0 unless
 * a section fails to run. Environment is settled before anything that reads it at import time.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Paced standard-lane SMS log a warning on every retry; only errors are worth seeing here.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const { SECTIONS, runSuite, RESULTS_MD } = await import('./suite');
const { summaryTable } = await import('./support/results');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((arg) => !arg.startsWith('--'));
const known = Object.keys(SECTIONS);
const unknown = names.filter((name) => !known.includes(name));
if (unknown.length > 0 || args.includes('--help')) {
  console.error(`Usage: npm run bench -- [${known.join('|')}]... [--quick]`);
  process.exit(unknown.length > 0 ? 1 : 0);
}
const ids = (names.length > 0 ? names : known) as (keyof typeof SECTIONS)[];
const started = performance.now();
const results = await runSuite(ids, { quick, write: !quick });
console.log(`\n${summaryTable(results)}`);
console.log(
  `\n${ids.length} section(s) in ${Math.round((performance.now() - started) / 1000)} s${quick ? ' (quick: nothing written)' : `; written to ${RESULTS_MD}`}`,
);
// Embedded engines and HTTP agents may keep sockets open: the run is over.
process.exit(0);

export {};
