import { RawFtpControl } from './raw-ftp.ts';
import type { ServerProcess } from './processes.ts';
import { ServerStartError } from './types.ts';

const POLL_MS = 50;

/**
 * Polls the control port until the server sends a 220 greeting. Fails fast
 * when the process exits, and after `timeoutMs` with the server's output.
 */
export async function waitForGreeting(
  label: string,
  proc: ServerProcess,
  port: number,
  opts: { implicitTls: boolean; timeoutMs?: number },
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let lastError = 'no attempt';
  while (Date.now() < deadline) {
    if (proc.hasExited()) {
      throw new ServerStartError(`${label} exited during start-up.\n--- server output ---\n${proc.output()}`);
    }
    try {
      const { control, greeting } = await RawFtpControl.open('127.0.0.1', port, {
        implicitTls: opts.implicitTls,
        timeoutMs: Math.max(500, deadline - Date.now()),
      });
      await control.close();
      if (greeting.code === 220) return;
      lastError = `greeting was ${greeting.text}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new ServerStartError(
    `${label} did not greet on 127.0.0.1:${port} within ${opts.timeoutMs ?? 10_000} ms (${lastError}).\n--- server output ---\n${proc.output()}`,
  );
}
