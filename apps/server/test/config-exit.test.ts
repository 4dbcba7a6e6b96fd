/**
 * A bad setting stops the real process at start with exit code 2 and one
 * line naming the flag and the environment variable (review 9, S3/S4): no
 * stack trace from pino or BlockList, no server that starts and breaks later.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(`${SERVER_DIR}/node_modules/.bin/tsx`, ['src/main.ts', '--port', '0', '--no-demo', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    // Started after all (the fix is missing): do not leave it running.
    if (stdout.includes('"port"')) child.kill('SIGTERM');
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr, stdout })));
}

describe('main with a bad setting', () => {
  it.each([
    [['--log-level', 'bogus'], {}, 'ftp-deck: bad --log-level / FTPDECK_LOG_LEVEL: "bogus"'],
    [['--allow-targets', '10.0.0.0/99'], {}, 'ftp-deck: bad --allow-targets / FTPDECK_ALLOW_TARGETS: "10.0.0.0/99"'],
    [[], { FTPDECK_SESSION_IDLE_MS: 'abc' }, 'ftp-deck: bad FTPDECK_SESSION_IDLE_MS: "abc"'],
    [['--host', '999.1.1.1', '--access-token', 'x'], {}, 'ftp-deck: bad --host / FTPDECK_HOST: "999.1.1.1"'],
  ] as Array<[string[], Record<string, string>, string]>)('%j %j exits 2 with one clear line', async (args, env, line) => {
    const { code, stderr } = await run(args, env);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toContain(line);
  });
});

describe('npm start with a bad port', () => {
  const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
  it.each([
    [['--port', '70000'], {}, '"70000"'],
    [[], { FTPDECK_PORT: '80x' }, '"80x"'],
  ] as Array<[string[], Record<string, string>, string]>)('%j %j says so before it installs or builds anything', async (args, env, shown) => {
    // scripts/run.mjs, which `npm start` runs: a typo must not wait for the install and the build.
    const child = spawn(process.execPath, ['scripts/run.mjs', 'start', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`bad --port / FTPDECK_PORT: ${shown} (want an integer from 0 to 65535)`);
    // Nothing ran first: pnpm's install and the builds print to stdout.
    expect(stdout).toBe('');
  });
});

describe('main when it cannot listen', () => {
  it('says in one line that the port is taken, and exits 1', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, stderr } = await run(['--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr.trim()).toBe(`ftp-deck: cannot listen on 127.0.0.1:${port}: the port is in use; pick another with --port / FTPDECK_PORT (0 picks a free one)`);
    } finally {
      taken.close();
    }
  });

  it('says in one line that the address is not this machine\'s, and exits 1', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a local address, and binding to it sends nothing.
    const { code, stderr } = await run(['--host', '192.0.2.1', '--access-token', 'x']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toContain("cannot listen on 192.0.2.1:0: that address is not one of this machine's");
  });
});
