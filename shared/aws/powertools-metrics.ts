/**
 * Business metrics (docs/product-rules.md §8) as CloudWatch embedded metric format through Powertools Metrics, and an
 * in-memory sink for tests and the local runner.
 *
 * A metric with dimensions is emitted on its own (`singleMetric()`), so its dimensions never leak onto
 * the other metrics of the invocation; plain metrics are buffered until `publish()`, which handlers call
 * at the end of an invocation.
 */

import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { systemClock } from '../clock';
import { logger } from '../observability';
import type { Clock, MetricSink } from '../ports';
import { METRICS_NAMESPACE } from '../settings';

export { METRICS_NAMESPACE };

/** The unit of a recorded metric. */
export type MetricUnitName = 'Count' | 'Seconds';

/**
 * `MetricSink` over Powertools Metrics: namespace `LeadHandoff`, the `service` dimension from
 * `POWERTOOLS_SERVICE_NAME`. A metric that cannot be recorded (an invalid name or value) is dropped with a
 * warning: losing a data point must never fail a handoff.
 */
export class PowertoolsMetricSink implements MetricSink {
  constructor(private readonly metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE })) {}

  count(name: string, value = 1, dimensions?: Record<string, string>): void {
    this.record(name, MetricUnit.Count, value, dimensions);
  }

  seconds(name: string, value: number, dimensions?: Record<string, string>): void {
    this.record(name, MetricUnit.Seconds, value, dimensions);
  }

  /** Writes the buffered metrics (one EMF line); call once at the end of each invocation. */
  publish(): void {
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
  }

  private record(
    name: string,
    unit: typeof MetricUnit.Count | typeof MetricUnit.Seconds,
    value: number,
    dimensions: Record<string, string> | undefined,
  ): void {
    try {
      if (dimensions === undefined || Object.keys(dimensions).length === 0) {
        this.metrics.addMetric(name, unit, value);
        return;
      }
      const single = this.metrics.singleMetric();
      single.addDimensions(dimensions);
      single.addMetric(name, unit, value);
    } catch (error) {
      logger.warn('Metric not recorded', { metric: name, error });
    }
  }
}

/** One data point recorded by `MemoryMetricSink`. */
export interface RecordedMetric {
  name: string;
  unit: MetricUnitName;
  value: number;
  dimensions: Record<string, string>;
  /** ISO time it was recorded (by the sink's clock). */
  at: string;
}

/** `MetricSink` that keeps every data point in `records`: for tests and the local runner. */
export class MemoryMetricSink implements MetricSink {
  readonly records: RecordedMetric[] = [];

  constructor(private readonly clock: Clock = systemClock) {}

  count(name: string, value = 1, dimensions?: Record<string, string>): void {
    this.push(name, 'Count', value, dimensions);
  }

  seconds(name: string, value: number, dimensions?: Record<string, string>): void {
    this.push(name, 'Seconds', value, dimensions);
  }

  /** The sum of a metric's values, optionally only where every given dimension matches. */
  total(name: string, dimensions: Record<string, string> = {}): number {
    return this.records
      .filter(
        (record) =>
          record.name === name &&
          Object.entries(dimensions).every(([key, value]) => record.dimensions[key] === value),
      )
      .reduce((sum, record) => sum + record.value, 0);
  }

  private push(
    name: string,
    unit: MetricUnitName,
    value: number,
    dimensions: Record<string, string> | undefined,
  ): void {
    this.records.push({
      name,
      unit,
      value,
      dimensions: { ...dimensions },
      at: this.clock.now().toISOString(),
    });
  }
}
