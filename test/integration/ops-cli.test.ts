import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../infra/config';
import { createLocalApp, type LocalApp } from '../../local/app';
import { type LocalDynamo, startLocalDynamo } from '../../local/dynamo-engine';
import { ManualClock } from '../../local/manual-clock';
import { startServer } from '../../local/server';
import { runOps } from '../../scripts/ops';

let dynamo: LocalDynamo;
let app: LocalApp;
let server: Awaited<ReturnType<typeof startServer>>;
/**
 * A config directory holding only the shipped examples: the app reads them from here and `config push`
 * writes here, never into the repository's `config/` (whose own business.json would change what the
 * push and the synth read).
 */
let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'ops-cli-config-'));
  for (const name of ['business.example.json', 'roster.example.json']) {
    copyFileSync(projectPath('config', name), join(configDir, name));
  }
  dynamo = await startLocalDynamo({ tableName: 'ops-cli' });
  app = createLocalApp({
    client: dynamo.client,
    tableName: 'ops-cli',
    configDir,
    clock: new ManualClock('2026-11-18T05:00:00Z'),
  });
  server = await startServer(app, { port: 0, settleAfterRequest: true });
});
afterAll(async () => {
  await server?.close();
  await dynamo?.close();
});

const ops = async (...argv: string[]) => {
  const lines: string[] = [];
  const code = await runOps([...argv, '--url', server.url], { fetch, print: (l) => lines.push(l), env: {} });
  return { code, output: lines.join('\n') };
};

describe('npm run ops', () => {
  it('lists open failed handoffs and retries one until the list is empty', async () => {
    // Prepare: an emergency to an opted-out on-call phone
    app.sms.optedOut.add('+15125550103');
    const res = await fetch(`${server.url}/leads`, {
      method: 'POST',
      headers: { 'x-api-key': 'local-web-form-key', 'content-type': 'application/json' },
      body: JSON.stringify({
        fullName: 'Lia Moss',
        phone: '512-555-0177',
        serviceAddress: '400 Main St, Round Rock TX 78664',
        serviceType: 'plumbing_repair',
        urgency: 'emergency',
        notes: 'Pipe burst',
        consent: { sms: true, email: true },
      }),
    });
    expect(res.status).toBe(201);
    const listed = await ops('failed', 'list', '--json');
    const [failure] = (JSON.parse(listed.output) as { items: { id: string; reason: string }[] }).items;
    app.sms.optedOut.delete('+15125550103');

    // Act
    const retried = await ops('failed', 'retry', failure?.id ?? '');
    const after = await ops('failed', 'list');

    // Assess
    expect(listed.code).toBe(0);
    expect(failure?.reason).toBe('opted_out');
    expect(retried).toMatchObject({ code: 0 });
    expect(retried.output).toContain(': queued');
    expect(after.output).toBe('No open failed handoffs.');
  });

  it('retry-all reports what it did', async () => {
    const result = await ops('failed', 'retry-all');
    expect(result.code).toBe(0);
    expect(result.output).toContain('redrive dispatch');
    expect(result.output).toContain('0 retried');
  });

  it('config push refuses the example roster unless --allow-example is given', async () => {
    // Act
    const refused = await ops('config', 'push', configDir).catch((error: Error) => ({
      code: 1,
      output: error.message,
    }));
    const allowed = await ops('config', 'push', configDir, '--allow-example');

    // Assess
    expect(refused.output).toContain('--allow-example');
    expect(allowed.code).toBe(0);
    expect(allowed.output).toContain('Configuration replaced');
  });

  it('refuses an unknown command with the usage and exit code 2', async () => {
    const result = await ops('failed', 'explode');
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage: npm run ops');
  });

  it('needs an ops key for a non-local URL', async () => {
    const lines: string[] = [];
    const code = await runOps(['failed', 'list', '--url', 'https://api.example.com/v1'], {
      fetch,
      print: (l) => lines.push(l),
      env: {},
    });
    expect(code).toBe(2);
    expect(lines.join(' ')).toContain('LEAD_HANDOFF_OPS_KEY');
  });
});
