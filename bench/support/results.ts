/** The stored results of a benchmark run and their Markdown rendering. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { mark, markdownTable, type SectionResult, sectionMarkdown } from './report';
import { round } from './stats';

export interface StoredSection extends SectionResult {
  measuredAt: string;
  /** The machine's 1-minute load average when the section ended. */
  loadAverage1m?: number;
}

export interface Results {
  generatedAt: string;
  machine: Record<string, unknown>;
  sections: Record<string, StoredSection | undefined>;
}

export const machine = (): Record<string, unknown> => ({
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: round(totalmem() / 1024 ** 3, 1),
  freeMemoryGb: round(freemem() / 1024 ** 3, 1),
  loadAverage1m: round(loadavg()[0] ?? 0, 2),
});

const machineLine = (m: Record<string, unknown>): string =>
  `Node ${m.node} on ${m.platform}, ${m.cpus} CPU(s) (${m.cpuModel}), ${m.memoryGb} GB RAM, load average ${m.loadAverage1m} at the start`;

/** Short names of the sections, for the summary table. */
const SHORT: Record<string, string> = {
  intake: '1. Intake overhead',
  calls: '2. AWS calls and cost',
  coldstart: '3. Cold start',
  priority: '4. Priority under backlog',
  scale: '5. Scale',
  throughput: '6. Throughput',
};

/** Every check of every section in one table. */
export const summaryTable = (results: Results): string =>
  markdownTable({
    header: ['section', 'figure', 'measured', 'target', ''],
    rows: Object.values(results.sections).flatMap((s) =>
      s ? s.checks.map((c) => [SHORT[s.id] ?? s.id, c.figure, c.measured, c.target, mark(c.pass)]) : [],
    ),
  });

export const resultsMarkdown = (results: Results): string => {
  const sections = Object.values(results.sections).filter((s): s is StoredSection => s !== undefined);
  return [
    '# Lead Handoff benchmarks: latest run',
    `Generated ${results.generatedAt} by \`npm run bench\`. ${machineLine(results.machine)}.`,
    '## Targets',
    summaryTable(results),
    ...sections.map(
      (s) =>
        `${sectionMarkdown(s, '##')}\n\n_Measured ${s.measuredAt} in ${s.seconds ?? '?'} s; load average ${s.loadAverage1m ?? '?'} at the end._`,
    ),
    '',
  ].join('\n\n');
};
