import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultsSummary } from '../../bench/results-summary';
import { RESULTS_JSON, RESULTS_SUMMARY } from '../../bench/suite';
import type { Results } from '../../bench/support/results';

describe('bench/results/summary.md', () => {
  it('is the summary of bench/results/latest.json, as npm run bench writes it', () => {
    // Prepare
    const results = JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results;

    // Act
    const summary = resultsSummary(results);

    // Assess
    expect(readFileSync(RESULTS_SUMMARY, 'utf8')).toBe(summary);
    expect(summary).toContain('docs/benchmarks.md');
  });

  it('links to a docs/benchmarks.md that links back to it', () => {
    // Act
    const doc = readFileSync('docs/benchmarks.md', 'utf8');

    // Assess
    expect(doc).toContain('../bench/results/summary.md');
  });
});
