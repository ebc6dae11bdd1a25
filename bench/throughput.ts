/**
 * 6. Throughput of the local runner over HTTP: `POST /leads` with the local web-form key, driven by
 * autocannon, against the local HTTP server started in this process as `npm start` starts it
 * (embedded dynalite, real clock, the runtime loop dispatching and notifying in the background).
 * Every request carries a new customer phone, so each one creates a lead (201) rather than attaching
 * to one. A short warm-up run comes first and is not counted.
 */
import autocannon from 'autocannon';
import { createLocalApp } from '../local/app';
import { startLocalDynamo } from '../local/dynamo-engine';
import { FileConfigSource } from '../local/file-config-source';
import { startServer } from '../local/server';
import { benchLead, EXAMPLE_CONFIG_FILES } from './support/leads';
import { BENCH_TABLE, INTAKE_KEY } from './support/pipeline';
import type { SectionResult } from './support/report';
import { grouped, progress, round } from './support/stats';

export const runThroughput = async (
  options: { seconds?: number; connections?: number } = {},
): Promise<SectionResult> => {
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 10;
  const dynamo = await startLocalDynamo({ tableName: BENCH_TABLE });
  const app = createLocalApp({
    client: dynamo.client,
    tableName: BENCH_TABLE,
    config: new FileConfigSource(EXAMPLE_CONFIG_FILES),
  });
  const server = await startServer(app, { port: 0 });
  app.runtime.start();
  let n = 0;
  const run = (duration: number) =>
    autocannon({
      url: `${server.url}/leads`,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'x-api-key': INTAKE_KEY, 'content-type': 'application/json' },
          setupRequest: (request) => {
            n += 1;
            return { ...request, body: JSON.stringify(benchLead(500_000 + n)) };
          },
        },
      ],
    });
  try {
    progress(`throughput: warm-up, then ${seconds} s with ${connections} connections`);
    await run(2);
    const result = await run(seconds);
    const created = result.statusCodeStats?.['201']?.count ?? 0;
    const figures = {
      seconds: result.duration,
      connections,
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.average, 1),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: round(result.latency.mean, 2),
      },
      created,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    return {
      id: 'throughput',
      title: `6. Throughput of the local runner: POST /leads over HTTP (autocannon, ${connections} connections, ${seconds} s)`,
      figures,
      checks: [],
      tables: [
        {
          header: ['requests/s', 'p50', 'p90', 'p99', 'max', 'requests', '201 Created', 'non-2xx', 'errors'],
          rows: [
            [
              figures.requestsPerSecond,
              `${figures.latencyMs.p50} ms`,
              `${figures.latencyMs.p90} ms`,
              `${figures.latencyMs.p99} ms`,
              `${figures.latencyMs.max} ms`,
              grouped(figures.requests),
              grouped(created),
              grouped(figures.non2xx),
              grouped(figures.errors),
            ],
          ],
        },
      ],
      notes: [
        'One Node process does everything: autocannon, the HTTP server, the emulated API Gateway and authorizer, the intake function, embedded dynalite, and the runtime loop dispatching and notifying the new leads.',
        "This is the local runner's capacity on this machine, not the deployed API's (API Gateway and Lambda scale out; DynamoDB on-demand absorbs bursts).",
      ],
    };
  } finally {
    // Stop the queue pollers (as disabling the event source mappings would): the runtime's current
    // cycle ends after the message in hand instead of draining the whole backlog first.
    for (const queue of Object.values(app.queues.queues)) queue.receive = () => [];
    await app.runtime.stop();
    await server.close();
    await dynamo.close();
  }
};
