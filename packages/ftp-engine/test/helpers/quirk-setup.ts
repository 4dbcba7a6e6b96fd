/**
 * Test-side wiring for the quirk server: start one per test, log a client
 * in, stop everything after the test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { TranscriptEvent, FtpClient, FtpClientOptions } from '../../src/index.ts';
import { clientFor } from './servers.ts';
import { startQuirkServer, type QuirkHandler, type QuirkServer } from './quirk-server.ts';

const running: QuirkServer[] = [];

/** Starts a quirk server that {@link stopQuirkServers} will stop. */
export async function startTracked(handler: QuirkHandler, opts: Parameters<typeof startQuirkServer>[1] = {}): Promise<QuirkServer> {
  const server = await startQuirkServer(handler, opts);
  running.push(server);
  return server;
}

/** For `afterEach`. */
export async function stopQuirkServers(): Promise<void> {
  for (const s of running.splice(0)) await s.stop();
}

/**
 * For a test file whose tests use quirk servers and local files: a fresh
 * temporary folder per test, and after each test the quirk servers stopped
 * and the folder removed. Returns the current test's folder.
 */
export function quirkTestsWithTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await stopQuirkServers();
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Starts a quirk server and a connected client for it. */
export async function setup(
  handler: QuirkHandler,
  opts: Parameters<typeof startQuirkServer>[1] = {},
  extra: Partial<FtpClientOptions> = {},
): Promise<{ client: FtpClient; transcript: TranscriptEvent[]; server: QuirkServer }> {
  const server = await startTracked(handler, opts);
  const { client, transcript } = clientFor(server, extra);
  await client.connect();
  return { client, transcript, server };
}

/** A RETR that sends `payload` on the data connection, with scripted replies around it. */
export function retrSending(payload: Buffer, order: 'normal' | 'final-first' | 'bogus-200-first'): QuirkHandler {
  return async (s, verb) => {
    if (verb !== 'RETR') return false;
    const data = await s.data();
    if (order === 'bogus-200-first') s.reply('200 Bogus early reply', '150 Opening data connection');
    else if (order === 'final-first') s.reply('150 Opening data connection', '226 Transfer complete');
    else s.reply('150 Opening data connection');
    await new Promise((r) => setTimeout(r, 20));
    data.end(payload);
    await new Promise((r) => data.once('close', r));
    if (order !== 'final-first') s.reply('226 Transfer complete');
    return true;
  };
}
