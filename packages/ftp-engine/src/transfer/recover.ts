/**
 * Bringing the control channel back in step after a transfer's data side
 * failed or was aborted (ABOR, then a NOOP and everything up to its answer),
 * and the time limit on a transfer's final reply.
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { Reply } from '../control/session.ts';
import type { DataContext } from '../data/channel.ts';
import { NOOP_REFUSALS, type TransferKeepAlive } from './keepalive.ts';

/** `p`, or FTP_ERR_TIMEOUT (failing the control connection) when it has not settled within `ms`. */
export async function withTimeout<T>(ctx: DataContext, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(ctx.control.fail(new FtpError(FtpErrorCodes.TIMEOUT, `No final transfer reply within ${ms} ms`, { phase: 'reply' })));
    }, ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `p`, or undefined as soon as `signal` fires, leaving `p` outstanding (for
 * {@link recover}, which takes it as the answer ABOR has to wait for).
 * No time limit of its own: `p` must carry one.
 */
export async function unlessAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return p;
  if (signal.aborted) return undefined;
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([p, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * After a failed or aborted data side: ABOR, wait for its first answer,
 * then a NOOP and drain everything up to the NOOP's 200. Servers differ in
 * what ABOR produces (426+226, 226, 225, 150+226, 502, a late 451), and the
 * transfer's own final reply may or may not come; the NOOP's 200 is the one
 * reply we can count on. The NOOP is not pipelined with ABOR because some
 * servers (Pure-FTPd) discard whatever follows ABOR in the same read.
 * Answers still owed to keepalive NOOPs (keepalive.ts) come before it and
 * are skipped.
 * Returns the first negative reply seen (the server's account of the
 * failure), if any.
 */
export async function recover(ctx: DataContext, outstanding: Promise<Reply>, ms: number, keepAlive?: TransferKeepAlive): Promise<Reply | undefined> {
  const s = ctx.session;
  let failure: Reply | undefined;
  const note = (r: Reply): void => {
    if (r.code >= 400) failure ??= r;
  };
  // One budget for the whole resynchronisation: replies that keep coming (a
  // `1xx` a second) must not keep it going for ever.
  const deadline = Date.now() + 2 * ms;
  const next = (): Promise<Reply> => withTimeout(ctx, s.read({ timeoutMs: null }), Math.max(1, deadline - Date.now()));
  // Keepalive answers that came while nobody read would be dropped by the next send.
  const takeArrived = async (): Promise<void> => {
    while (keepAlive?.unsettled && s.pending > 0) {
      const r = await s.read();
      if (!keepAlive.absorb(r)) note(r);
    }
  };
  await takeArrived();
  s.send('ABOR');
  let r = await withTimeout(ctx, outstanding, ms);
  while (r.code < 200 || keepAlive?.absorb(r)) r = await next();
  note(r);
  await takeArrived();
  // Its answer comes after every other; keepalive answers still owed come before it.
  let sync = keepAlive?.syncCommand() ?? { line: 'NOOP', code: 200 };
  s.send(sync.line);
  for (;;) {
    r = await next();
    if (keepAlive?.absorb(r)) continue;
    if (r.code === sync.code) return failure;
    if (sync.code === 200 && NOOP_REFUSALS.has(r.code)) {
      // A server without NOOP (aioftp: 502). Whether this answers the NOOP or
      // something before it cannot be told, so ask again with PWD, whose 257
      // nothing else gives; everything before it is skipped.
      sync = { line: 'PWD', code: 257 };
      s.send(sync.line);
      continue;
    }
    note(r);
  }
}
