import { describe, expect, it } from 'vitest';
import { lanAddress, reachableUrl } from '../../../local/public-url';
import { runnerOptions } from '../../../local/run';
import { StartupError } from '../../../local/startup-error';

const problem = (argv: string[], env: Record<string, string> = {}): string => {
  try {
    runnerOptions(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  }
  throw new Error('no problem reported');
};

describe('npm start options', () => {
  it('defaults to 127.0.0.1:3000, in memory, on the real clock', () => {
    expect(runnerOptions([], {})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      configDir: 'config',
      tableName: 'lead-handoff-local',
      clock: 'real',
    });
  });

  it('reads HOST, PUBLIC_URL, the data dir and the manual clock start', () => {
    // Act
    const options = runnerOptions(['--data-dir', '.data', '--port', '0'], {
      HOST: '0.0.0.0',
      PUBLIC_URL: 'http://my-laptop.local:3000/',
      LEAD_HANDOFF_CLOCK: 'manual',
      LEAD_HANDOFF_CLOCK_START: '2026-11-20T23:00:00-06:00',
    });

    // Assess
    expect(options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      publicUrl: 'http://my-laptop.local:3000',
      dataDir: '.data',
      clock: 'manual',
      clockStart: new Date('2026-11-21T05:00:00Z'),
    });
  });

  it.each([
    [['--prot', '3'], {}, /^Unknown option '--prot': npm start -- --help lists the options\.$/],
    [['--port', 'abc'], {}, /^Port "abc" is not a port number: give 0 to 65535/],
    [[], { PORT: '70000' }, /^Port "70000" is not a port number/],
    [[], { LEAD_HANDOFF_CLOCK: 'fast' }, /^LEAD_HANDOFF_CLOCK=fast is not a clock: use real .* or manual\.$/],
    [
      [],
      { LEAD_HANDOFF_CLOCK_START: 'friday' },
      /^LEAD_HANDOFF_CLOCK_START=friday is not a time: give an ISO time/,
    ],
    [
      [],
      { PUBLIC_URL: 'my-laptop:3000/x?y' },
      /^PUBLIC_URL=my-laptop:3000\/x\?y is not a base URL: give one like/,
    ],
  ])('refuses %j %j in one line with the fix', (argv, env, message) => {
    const text = problem(argv, env);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});

describe('the address links use', () => {
  it('is localhost on a loopback address, the host itself otherwise', () => {
    expect(reachableUrl('127.0.0.1', 3000)).toBe('http://localhost:3000');
    expect(reachableUrl('::1', 3000)).toBe('http://localhost:3000');
    expect(reachableUrl('192.168.1.20', 3000)).toBe('http://192.168.1.20:3000');
    expect(reachableUrl('fd00::2', 3000)).toBe('http://[fd00::2]:3000');
  });

  it("is this machine's network address when listening on every interface", () => {
    expect(reachableUrl('0.0.0.0', 3000)).toBe(`http://${lanAddress() ?? 'localhost'}:3000`);
    expect(reachableUrl('0.0.0.0', 3000)).not.toContain('0.0.0.0');
  });

  it('is PUBLIC_URL when given', () => {
    expect(reachableUrl('0.0.0.0', 3000, 'https://tunnel.example.com/')).toBe('https://tunnel.example.com');
  });
});
