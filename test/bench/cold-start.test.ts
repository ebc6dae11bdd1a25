import { describe, expect, it } from 'vitest';
import { functionNames, runColdStart } from '../../bench/cold-start';

interface Row {
  name: string;
  kb: number;
  awsSdk: string[];
}

describe('bench: cold start', () => {
  // Twenty esbuild builds and over fifty fresh Node processes: slow when the rest of the suite runs alongside.
  it('bundles every function as CDK does, loads each with the SDK clients it uses and no others', async () => {
    // Act (the section throws if a bundle fails to load or exports no handler, as CommonJS or as ESM)
    const section = await runColdStart({ processes: 1 });

    // Assess
    const rows = (section.figures as { functions: Row[] }).functions;
    expect(rows.map((r) => r.name)).toEqual(functionNames());
    const sdk = Object.fromEntries(
      rows.map((r) => [r.name, r.awsSdk.map((p) => p.replace('@aws-sdk/', ''))]),
    );
    expect(sdk.authorizer).toEqual(['client-api-gateway']);
    expect(sdk.intake).toEqual(['client-dynamodb', 'client-sqs', 'lib-dynamodb', 'util-dynamodb']);
    // SMS through End User Messaging, email through SNS, a failed handoff SMS's failover asked on the dispatch queue.
    expect(sdk.notifier).toEqual([
      'client-dynamodb',
      'client-pinpoint-sms-voice-v2',
      'client-sns',
      'client-sqs',
      'lib-dynamodb',
    ]);
    expect(sdk.dispatcher).toEqual(['client-dynamodb', 'client-scheduler', 'client-sqs', 'lib-dynamodb']);
  }, 180_000);
});
