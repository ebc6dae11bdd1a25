/**
 * The benchmark suite: runs the sections asked for (all by default), then writes
 * `bench/results/latest.json` (every figure, with the machine it ran on), `bench/results/latest.md`
 * (a table per section, targets marked pass/fail) and `bench/results/summary.md` (the headline
 * figures, linked from `docs/benchmarks.md`). Running some sections keeps the other sections' last figures.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runAwsCalls } from './aws-calls';
import { runColdStart } from './cold-start';
import { runIntakeOverhead } from './intake-overhead';
import { runPriority } from './priority';
import { resultsSummary } from './results-summary';
import { runScale } from './scale';
import { type SectionResult, sectionMarkdown } from './support/report';
import { machine, type Results, resultsMarkdown, type StoredSection } from './support/results';
import { round } from './support/stats';
import { runThroughput } from './throughput';

export const RESULTS_JSON = 'bench/results/latest.json';
export const RESULTS_MD = 'bench/results/latest.md';
export const RESULTS_SUMMARY = 'bench/results/summary.md';

export const SECTIONS = {
  intake: (quick: boolean) => runIntakeOverhead(quick ? { warmup: 50, iterations: 200 } : {}),
  calls: (quick: boolean) => runAwsCalls(quick ? { leads: 3, escalations: 1 } : {}),
  coldstart: (quick: boolean) => runColdStart(quick ? { processes: 3 } : {}),
  priority: (quick: boolean) => runPriority(quick ? { backlog: 50, observeMinutes: 4 } : {}),
  scale: (quick: boolean) => runScale(quick ? { sizes: [300, 1_000] } : {}),
  throughput: (quick: boolean) => runThroughput(quick ? { seconds: 3 } : {}),
} as const satisfies Record<string, (quick: boolean) => Promise<SectionResult>>;

export type SectionId = keyof typeof SECTIONS;

const readPrevious = (): Results | undefined => {
  if (!existsSync(RESULTS_JSON)) return undefined;
  try {
    return JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results;
  } catch {
    return undefined;
  }
};

const writeAtomically = (file: string, text: string): void => {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
};

export const runSuite = async (ids: SectionId[], options: { quick?: boolean; write?: boolean } = {}) => {
  const quick = options.quick ?? false;
  const results: Results = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    sections: { ...(readPrevious()?.sections ?? {}) },
  };
  for (const id of ids) {
    console.log(`\n▶ ${id}`);
    const start = performance.now();
    const section = await SECTIONS[id](quick);
    const stored: StoredSection = {
      ...section,
      seconds: round((performance.now() - start) / 1000, 1),
      measuredAt: new Date().toISOString(),
      // Other work on the machine skews timings: say how busy it was.
      loadAverage1m: round(loadavg()[0] ?? 0, 2),
    };
    results.sections[id] = stored;
    console.log(sectionMarkdown(stored));
  }
  // Sections in their canonical order, whatever order they ran in.
  results.sections = Object.fromEntries(
    (Object.keys(SECTIONS) as SectionId[])
      .filter((id) => results.sections[id])
      .map((id) => [id, results.sections[id]]),
  );
  if (options.write ?? true) {
    writeAtomically(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
    writeAtomically(RESULTS_MD, resultsMarkdown(results));
    writeAtomically(RESULTS_SUMMARY, resultsSummary(results));
  }
  return results;
};
