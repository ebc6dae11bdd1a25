import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  METRICS_NAMESPACE,
  MemoryMetricSink,
  PowertoolsMetricSink,
} from '../../../shared/aws/powertools-metrics';

interface EmfLine {
  _aws: {
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [key: string]: unknown;
}

/** Every EMF line written to stdout while the test runs. */
let lines: EmfLine[] = [];

const sink = (): PowertoolsMetricSink =>
  new PowertoolsMetricSink(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'notify' }));

const metricsOf = (line: EmfLine | undefined) => line?._aws.CloudWatchMetrics[0]?.Metrics ?? [];
const dimensionsOf = (line: EmfLine | undefined) => line?._aws.CloudWatchMetrics[0]?.Dimensions[0] ?? [];

describe('PowertoolsMetricSink', () => {
  beforeEach(() => {
    lines = [];
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const line of text.split('\n')) {
        if (line.includes('"_aws"')) lines.push(JSON.parse(line) as EmfLine);
      }
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('publishes counts and durations under the LeadHandoff namespace with the service dimension', () => {
    // Prepare
    const metrics = sink();
    metrics.count('HandoffAccepted');
    metrics.seconds('AcceptanceLatency', 42.5);

    // Act
    metrics.publish();

    // Assess
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?._aws.CloudWatchMetrics[0]?.Namespace).toBe('LeadHandoff');
    expect(metricsOf(line)).toEqual([
      { Name: 'HandoffAccepted', Unit: 'Count' },
      { Name: 'AcceptanceLatency', Unit: 'Seconds' },
    ]);
    expect(line).toMatchObject({ service: 'notify', HandoffAccepted: 1, AcceptanceLatency: 42.5 });
  });

  it('emits a metric with dimensions on its own line, right away', () => {
    // Prepare
    const metrics = sink();

    // Act
    metrics.count('Escalations', 1, { ladder: 'urgent', step: '2' });

    // Assess
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(metricsOf(line)).toEqual([{ Name: 'Escalations', Unit: 'Count' }]);
    expect(dimensionsOf(line)).toEqual(expect.arrayContaining(['service', 'ladder', 'step']));
    expect(line).toMatchObject({ ladder: 'urgent', step: '2', Escalations: 1 });
  });

  it('does not let one metric’s dimensions leak onto the others', () => {
    // Prepare
    const metrics = sink();
    metrics.count('Escalations', 1, { ladder: 'urgent' });
    metrics.count('LeadsReceived', 3);

    // Act
    metrics.publish();

    // Assess
    const plain = lines.find((line) => metricsOf(line).some((metric) => metric.Name === 'LeadsReceived'));
    expect(dimensionsOf(plain)).toEqual(['service']);
    expect(plain).not.toHaveProperty('ladder');
  });

  it('writes nothing when there is nothing to publish', () => {
    // Prepare
    const metrics = sink();

    // Act
    metrics.publish();

    // Assess
    expect(lines).toEqual([]);
  });

  it('drops an invalid metric instead of failing the caller', () => {
    // Prepare
    const metrics = sink();

    // Act
    const act = () => metrics.count('', 1);

    // Assess
    expect(act).not.toThrow();
  });
});

describe('MemoryMetricSink', () => {
  it('records each data point with its unit, dimensions and time', () => {
    // Prepare
    const metrics = new MemoryMetricSink({ now: () => new Date('2026-03-02T15:00:00.000Z') });

    // Act
    metrics.count('Escalations', 1, { ladder: 'urgent' });
    metrics.seconds('AcceptanceLatency', 12);

    // Assess
    expect(metrics.records).toEqual([
      {
        name: 'Escalations',
        unit: 'Count',
        value: 1,
        dimensions: { ladder: 'urgent' },
        at: '2026-03-02T15:00:00.000Z',
      },
      {
        name: 'AcceptanceLatency',
        unit: 'Seconds',
        value: 12,
        dimensions: {},
        at: '2026-03-02T15:00:00.000Z',
      },
    ]);
  });

  it('totals a metric, optionally by dimension', () => {
    // Prepare
    const metrics = new MemoryMetricSink();
    metrics.count('Escalations', 1, { ladder: 'urgent' });
    metrics.count('Escalations', 2, { ladder: 'standard' });
    metrics.count('Escalations');

    // Act
    const totals = [metrics.total('Escalations'), metrics.total('Escalations', { ladder: 'urgent' })];

    // Assess
    expect(totals).toEqual([4, 1]);
  });
});
