import { mulberry32 } from '../../shared/random';
/** Small statistics and formatting helpers for the benchmarks. */

/** The `p`-th percentile (0–100) by nearest rank; NaN for no samples. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export const mean = (samples: readonly number[]): number =>
  samples.length === 0 ? Number.NaN : samples.reduce((sum, x) => sum + x, 0) / samples.length;

/** Rounds to `digits` decimals (for JSON and tables). */
export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** `1234567` → `1,234,567`; decimals kept as given. */
export const grouped = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A Fisher–Yates shuffle with a seeded generator, so interleaving orders are reproducible. */
export const seededRandom = mulberry32;

/** Logs progress on stderr, so stdout stays the report. */
export const progress = (message: string): void => {
  process.stderr.write(`  ${message}\n`);
};
