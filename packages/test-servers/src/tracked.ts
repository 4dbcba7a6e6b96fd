/**
 * For this package's own test files: servers a file starts, stopped after
 * each test, so a failed assertion never leaves a server running.
 */
import { afterEach } from 'vitest';
import { startFtpServer } from './start.ts';
import type { FtpServerKind, RunningFtpServer, StartFtpServerOptions } from './types.ts';

/** Registers the cleanup and returns the start function to use in tests. */
export function trackedStart(): (kind: FtpServerKind, options?: StartFtpServerOptions) => Promise<RunningFtpServer> {
  const running: RunningFtpServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  return async (kind, options = {}) => {
    const server = await startFtpServer(kind, options);
    running.push(server);
    return server;
  };
}
