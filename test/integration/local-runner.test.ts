import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../local/app';
import { startLocalDynamo } from '../../local/dynamo-engine';
import { startServer } from '../../local/server';
import { javaAvailable, startDynamoDbLocal } from '../support/dynamo-engines';

const lead = {
  fullName: 'Dee Park',
  phone: '512-555-0123',
  serviceAddress: '77 Pine St, Round Rock TX 78664',
  serviceType: 'drain_cleaning',
  urgency: 'standard',
  notes: 'Basement floor drain backing up',
  consent: { sms: true, email: true },
};

const post = (url: string, body: unknown) =>
  fetch(`${url}/leads`, {
    method: 'POST',
    headers: { 'x-api-key': 'local-web-form-key', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('local runner', () => {
  it('npm start prints the URL and the local keys, and serves the API', async () => {
    // Prepare
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--port', '0'], {
      env: { ...process.env, PORT: '', HOST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      child.kill('SIGTERM');
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /URL:\s+(http:\/\/localhost:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });

    // Act
    const res = await post(url, lead);

    // Assess
    expect(output).toContain('local-web-form-key (web_form)');
    expect(output).toContain('local-phone-key (phone)');
    expect(output).toContain('local-ops-key (ops)');
    expect(res.status).toBe(201);
  });

  it('serves a demo HTML form whose plain POST creates a lead and lands on a thank-you page', async () => {
    // Prepare
    const dynamo = await startLocalDynamo({ tableName: 'runner-form' });
    const server = await startServer(createLocalApp({ client: dynamo.client, tableName: 'runner-form' }), {
      port: 0,
    });
    cleanups.push(
      () => dynamo.close(),
      () => server.close(),
    );
    const form = await (await fetch(`${server.url}/`)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(form)?.[1] ?? '';
    const redirect = /name="redirect" value="([^"]+)"/.exec(form)?.[1] ?? '';

    // Act
    const res = await fetch(`${server.url}${action.replaceAll('&amp;', '&')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        redirect,
        fullName: 'Eve Moss',
        phone: '5125550188',
        serviceAddress: '3 Bay Rd, Buda TX 78610',
        serviceType: 'water_heater',
        urgency: 'standard',
        notes: 'Pilot light keeps going out',
        'consent.sms': 'true',
        'consent.email': 'false',
      }),
      redirect: 'manual',
    });

    // Assess
    expect(res.status).toBe(303);
    const thanks = await (await fetch(res.headers.get('location') ?? '')).text();
    expect(thanks).toMatch(/Reference: <code>[0-9A-Z]{26}<\/code>/);
  });

  it('keeps data across restarts with a data directory', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'lead-handoff-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startLocalDynamo({ tableName: 'runner-disk', dataDir });
    const server = await startServer(createLocalApp({ client: first.client, tableName: 'runner-disk' }), {
      port: 0,
    });
    const created = (await (await post(server.url, lead)).json()) as { leadId: string };
    await server.close();
    await first.close();

    // Act
    const second = await startLocalDynamo({ tableName: 'runner-disk', dataDir });
    cleanups.push(() => second.close());
    const app = createLocalApp({ client: second.client, tableName: 'runner-disk' });

    // Assess
    expect((await app.deps.store.get(created.leadId))?.status).toBe('awaiting_acceptance');
  });

  it.skipIf(!javaAvailable())(
    'uses DYNAMODB_ENDPOINT instead of the embedded engine, creating the table',
    async () => {
      // Prepare
      const engine = await startDynamoDbLocal();
      cleanups.push(() => engine.stop());
      const dynamo = await startLocalDynamo({ tableName: 'runner-endpoint', endpoint: engine.endpoint });
      cleanups.push(() => dynamo.close());
      const server = await startServer(
        createLocalApp({ client: dynamo.client, tableName: 'runner-endpoint' }),
        { port: 0 },
      );
      cleanups.push(() => server.close());

      // Act
      const res = await post(server.url, lead);

      // Assess
      expect(dynamo.embedded).toBe(false);
      expect(res.status).toBe(201);
    },
  );
});
