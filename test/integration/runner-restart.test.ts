/**
 * The local runner a person can rely on: with `--data-dir` pending timers, queued messages and the
 * outbox survive a restart (a timer that came due while stopped fires at start); the manual clock moves
 * to a given instant; with HOST=0.0.0.0 links use an address a phone on the network can open.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../infra/config';
import { lanAddress } from '../../local/public-url';
import { banner } from '../../local/run';
import { type Runner, type RunnerOptions, startRunner } from '../../local/runner';
import { StartupError } from '../../local/startup-error';

let configDir: string;
const temporary: string[] = [];
const running: Runner[] = [];

beforeAll(() => {
  configDir = mkdtempSync(join(tmpdir(), 'runner-config-'));
  temporary.push(configDir);
  for (const name of ['business.example.json', 'roster.example.json']) {
    copyFileSync(projectPath('config', name), join(configDir, name));
  }
});
afterAll(async () => {
  for (const runner of running) await runner.stop();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Wednesday 10:00 in Austin: the business is open. */
const WEDNESDAY_10AM = new Date('2026-11-18T16:00:00Z');

const options = (overrides: Partial<RunnerOptions> = {}): RunnerOptions => ({
  port: 0,
  host: '127.0.0.1',
  configDir,
  tableName: 'runner-restart',
  clock: 'manual',
  clockStart: WEDNESDAY_10AM,
  ...overrides,
});

const start = async (overrides: Partial<RunnerOptions> = {}) => {
  const runner = await startRunner(options(overrides));
  running.push(runner);
  return runner;
};

const postLead = async (url: string, urgency: string, phone: string, sms: boolean) => {
  const res = await fetch(`${url}/leads`, {
    method: 'POST',
    headers: { 'x-api-key': 'local-web-form-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      fullName: 'Bo Chen',
      phone,
      serviceAddress: '400 Main St, Austin TX 78704',
      serviceType: 'plumbing_repair',
      urgency,
      notes: 'Water heater leaking into the garage',
      consent: { sms, email: false },
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { leadId: string; owner: { id: string } };
};

const postClock = (url: string, path: string, body: unknown) =>
  fetch(`${url}/_local/clock/${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('npm start -- --data-dir: a restart keeps what was pending', () => {
  it('fires the escalation that came due while stopped at start, keeps the outbox and delivers a queued message', async () => {
    // Prepare: an emergency waiting for on call, and a standard lead's SMS throttled (waiting to be retried)
    const dataDir = mkdtempSync(join(tmpdir(), 'runner-data-'));
    temporary.push(dataDir);
    const first = await start({ dataDir });
    const emergency = await postLead(first.url, 'emergency', '512-555-0177', true);
    first.app.sms.throttleNext(1);
    const standard = await postLead(first.url, 'standard', '512-555-0178', false);
    const sentBefore = first.app.outbox.list();
    const waiting = Object.values(first.app.queues.queues).reduce((sum, queue) => sum + queue.depth, 0);
    await first.stop();

    // Act: start again six minutes later (the emergency's window is five)
    const second = await start({ dataDir, clockStart: new Date(WEDNESDAY_10AM.getTime() + 6 * 60_000) });

    // Assess
    const outbox = second.app.outbox.list();
    const escalation = outbox.find(
      (m) => m.ref?.leadId === emergency.leadId && m.ref.seq === 2 && m.ref.purpose === 'handoff',
    );
    const standardRequest = outbox.find(
      (m) => m.ref?.leadId === standard.leadId && m.channel === 'sms' && m.ref.purpose === 'handoff',
    );
    expect(waiting).toBe(1);
    expect(
      sentBefore.some((m) => m.ref?.leadId === emergency.leadId && m.recipientId === emergency.owner.id),
    ).toBe(true);
    expect(outbox.slice(0, sentBefore.length)).toEqual(sentBefore);
    expect(escalation?.recipientId).not.toBe(emergency.owner.id);
    expect(escalation?.sentAt).toBe('2026-11-18T16:06:00.000Z');
    expect(escalation?.link?.startsWith(second.url)).toBe(true);
    expect(standardRequest?.recipientId).toBe(standard.owner.id);
    expect(second.resumed).toMatchObject({ messages: 1, outbox: sentBefore.length });
    expect(second.resumed?.firedAtStart).toBeGreaterThanOrEqual(1);
    expect((await second.app.deps.store.get(emergency.leadId))?.handoff?.seq).toBe(2);
    await second.stop();
    expect(readdirSync(join(dataDir, 'runner')).sort()).toEqual([
      'clock.json',
      'outbox.json',
      'queues.json',
      'timers.json',
    ]);
  });

  it('resumes the manual clock where it stopped, and refuses to start it earlier', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'runner-data-'));
    temporary.push(dataDir);
    const first = await start({ dataDir });
    await postClock(first.url, 'advance', { seconds: 3600 });
    await first.stop();

    // Act
    const resumed = await start({ dataDir, clockStart: undefined });
    const resumedAt = resumed.clock?.now().toISOString();
    await resumed.stop();
    const earlier = await startRunner(options({ dataDir })).catch((error: unknown) => error);

    // Assess
    expect(resumedAt).toBe('2026-11-18T17:00:00.000Z');
    expect(earlier).toBeInstanceOf(StartupError);
    expect((earlier as Error).message).toMatch(/only moves forward/);
  });

  it('refuses a data dir whose saved file is not a runner file, in one line', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'runner-data-'));
    temporary.push(dataDir);
    await (await start({ dataDir })).stop();
    writeFileSync(join(dataDir, 'runner', 'timers.json'), '{"version":1,"timers":[{"name":3}]}');

    // Act
    const error = await startRunner(options({ dataDir })).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/timers\.json is not a runner state file .*move it away/);
    expect((error as Error).message).not.toContain('\n');
    expect(existsSync(join(dataDir, 'runner', 'pid'))).toBe(false);
  });
});

describe('POST /_local/clock/set', () => {
  let runner: Runner;
  beforeAll(async () => {
    runner = await start({ tableName: 'runner-clock-set' });
  });

  it('moves the clock forward to the instant, firing the deadline that came due on the way', async () => {
    // Prepare
    const lead = await postLead(runner.url, 'emergency', '512-555-0181', false);

    // Act
    const res = await postClock(runner.url, 'set', { at: '2026-11-18T10:05:30-06:00' });

    // Assess
    const body = (await res.json()) as { now: string; fired: { name: string; outcome: string }[] };
    expect(res.status).toBe(200);
    expect(body.now).toBe('2026-11-18T16:05:30.000Z');
    expect(body.fired).toContainEqual(expect.objectContaining({ outcome: 'ok' }));
    expect((await runner.app.deps.store.get(lead.leadId))?.handoff?.seq).toBe(2);
  });

  it('refuses to go back, with a plain message, and leaves the clock where it was', async () => {
    // Act
    const res = await postClock(runner.url, 'set', { at: '2026-11-18T16:00:00Z' });

    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'clock_backwards',
      message: 'The clock is at 2026-11-18T16:05:30.000Z and only moves forward: give a later time.',
    });
    expect(runner.clock?.now().toISOString()).toBe('2026-11-18T16:05:30.000Z');
  });

  it.each([
    ['not JSON', 'at=tomorrow', 'body'],
    ['not a time', JSON.stringify({ at: 'tomorrow' }), 'at'],
    ['a time without its offset', JSON.stringify({ at: '2026-11-19T08:00:00' }), 'at'],
    ['more than 30 days ahead', JSON.stringify({ at: '2027-01-30T00:00:00Z' }), 'at'],
  ])('answers 400 to %s, changing nothing', async (_, body, path) => {
    // Act
    const res = await fetch(`${runner.url}/_local/clock/set`, { method: 'POST', body });

    // Assess
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe(path);
    expect(runner.clock?.now().toISOString()).toBe('2026-11-18T16:05:30.000Z');
  });
});

describe('HOST=0.0.0.0', () => {
  it.skipIf(lanAddress() === undefined)(
    'prints and sends links on the machine network address, which answers',
    async () => {
      // Prepare
      const runner = await start({ host: '0.0.0.0', tableName: 'runner-host' });

      // Act
      const lead = await postLead(runner.url, 'emergency', '512-555-0191', false);
      const signIn = await fetch(`${runner.url}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'contact=irene%40lonestar.example.com',
      });

      // Assess
      const base = `http://${lanAddress()}:${new URL(runner.url).port}`;
      const links = runner.app.outbox.list().flatMap((m) => m.body.match(/https?:\/\/\S+\/[hs]\/\S+/g) ?? []);
      expect(runner.url).toBe(base);
      expect(banner(runner, options({ host: '0.0.0.0' }))).toContain(`URL:      ${base}   (demo web form`);
      expect(lead.leadId).toMatch(/^[0-9A-Z]{26}$/);
      expect(signIn.status).toBeLessThan(400);
      expect(links.some((link) => link.startsWith(`${base}/h/`))).toBe(true);
      expect(links.some((link) => link.startsWith(`${base}/s/`))).toBe(true);
      expect(links.every((link) => link.startsWith(`${base}/`))).toBe(true);
      expect((await fetch(links[0] ?? '')).status).toBe(200);
    },
  );

  it('PUBLIC_URL overrides the address links use', async () => {
    // Act
    const runner = await start({ publicUrl: 'http://my-laptop.local:3000/', tableName: 'runner-public' });
    await postLead(`http://127.0.0.1:${runner.port}`, 'emergency', '512-555-0192', false);

    // Assess
    expect(runner.url).toBe('http://my-laptop.local:3000');
    expect(runner.app.outbox.list()[0]?.link).toMatch(/^http:\/\/my-laptop\.local:3000\/h\//);
  });
});
