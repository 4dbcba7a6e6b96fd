/**
 * What a task sees of the control connection: the reply type and the
 * {@link ControlSession} it sends and reads through while it owns the
 * connection (control/ControlConnection.ts implements it). Everything above
 * the control layer codes against this, not against the connection class.
 */
import type tls from 'node:tls';
import type { TlsContext } from './tls.ts';

/** One decoded reply. */
export interface Reply {
  code: number;
  /** Every line, decoded with the name codec, CRLF removed. */
  lines: string[];
  /** Lines joined with `\n`. */
  text: string;
}

/** What a task may do while it owns the connection. */
export interface ControlSession {
  /** Sends one command line (validated, encoded, masked in the transcript). */
  send(line: string): void;
  /**
   * Waits for the next reply. `timeoutMs` overrides the reply timeout; `null`
   * waits without one (used while a data transfer shows progress instead).
   * `deadline` (epoch ms) ends the wait at that moment instead, for loops
   * that skip preliminary replies and must not restart the clock on each.
   */
  read(opts?: { timeoutMs?: number | null; deadline?: number }): Promise<Reply>;
  /**
   * `send` then `read`, for commands that open no data connection: a late
   * 225/226/426 from an aborted transfer is skipped, not taken as the answer,
   * and so is a preliminary 1xx (the answer follows it). `timeoutMs`
   * overrides the reply timeout for this command.
   */
  request(line: string, opts?: { timeoutMs?: number }): Promise<Reply>;
  /**
   * Replies that arrived while nobody was reading and are not read yet.
   * `send` discards them as late; a caller that expects such replies reads
   * them first.
   */
  readonly pending: number;
  /** Wraps the control socket in TLS (after `234` to AUTH TLS). */
  upgradeTls(ctx: TlsContext): Promise<tls.TLSSocket>;
}
