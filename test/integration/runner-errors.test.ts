/**
 * What a person sees when the runner cannot start or the ops CLI cannot reach it: one line on stderr
 * naming the fix, no stack trace, a non-zero exit code. Each case spawns the real command.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../infra/config';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** Runs `node --import tsx <script> ...args` to its end: exit code and stderr. */
const runScript = (script: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, PORT: '', HOST: '', LEAD_HANDOFF_CLOCK: 'manual', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    // A runner that started after all is stopped: the test then fails on its exit code.
    const timer = setTimeout(() => child.kill('SIGTERM'), 45_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });

/** A port taken by another listener. */
const takenPort = async (): Promise<number> => {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** A port nothing listens on (taken, then let go). */
const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

const expectOneLine = (result: { code: number | null; stderr: string }, fix: RegExp) => {
  const lines = result.stderr.trimEnd().split('\n');
  expect(result.code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(fix);
  expect(result.stderr).not.toMatch(/^\s+at /m);
};

describe.concurrent('one clear line, never a stack trace', () => {
  it('npm start on a port in use says so and how to pick another', async () => {
    // Prepare
    const port = await takenPort();

    // Act
    const result = await runScript('local/main.ts', ['--port', String(port)]);

    // Assess
    expectOneLine(result, new RegExp(`^Port ${port} is in use .*--port \\d+`));
  });

  it('npm start with a bad roster names the person by id and the file to fix', async () => {
    // Prepare: the last person of the example roster (ruth, people[9]) in a market that does not exist
    const dir = mkdtempSync(join(tmpdir(), 'bad-config-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    copyFileSync(projectPath('config', 'business.example.json'), join(dir, 'business.json'));
    const roster = JSON.parse(readFileSync(projectPath('config', 'roster.example.json'), 'utf8')) as {
      people: { id: string; markets?: string[] }[];
    };
    const last = roster.people.at(-1);
    if (last) last.markets = ['atlantis'];
    writeFileSync(join(dir, 'roster.json'), JSON.stringify(roster));

    // Act
    const result = await runScript('local/main.ts', ['--port', '0', '--config', dir]);

    // Assess
    expectOneLine(
      result,
      new RegExp(
        `^Invalid configuration: roster\\.people\\["${last?.id}"\\]\\.markets\\[0\\]: unknown market "atlantis"\\. Fix .*roster\\.json and start again\\.$`,
      ),
    );
    expect(result.stderr).not.toMatch(/people\[\d+\]/);
  });

  it('npm run ops with no runner to reach says to start it', async () => {
    // Prepare
    const port = await freePort();

    // Act
    const result = await runScript('scripts/ops.ts', ['failed', 'list', '--url', `http://localhost:${port}`]);

    // Assess
    expectOneLine(
      result,
      /^Cannot reach the local runner at http:\/\/localhost:\d+ .*start it with npm start/,
    );
  });
});
