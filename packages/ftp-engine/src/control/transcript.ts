/**
 * The transcript: every command, every reply and every status line of one
 * client, as typed events. Secrets are masked here, at the source, so that no
 * listener downstream can ever see them.
 */
import type { FtpError } from '../errors.ts';
import type { TranscriptDetail, TranscriptEvent, TranscriptKind } from '../types.ts';

/** Verbs whose argument is a secret. */
const SECRET_VERBS = new Set(['PASS', 'ACCT', 'ADAT']);

/** The command line as it may be shown: `PASS ****` instead of the password. */
export function maskCommand(line: string): string {
  const space = line.indexOf(' ');
  const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  return SECRET_VERBS.has(verb) && space >= 0 ? `${line.slice(0, space)} ****` : line;
}

/** Emits numbered transcript events for one client. */
export class Transcript {
  private seq = 0;

  /**
   * @param connection - the tag every event carries (`browse`, `transfer-1`, …)
   * @param sink - receives each event; must not throw
   */
  constructor(
    readonly connection: string,
    private readonly sink: (event: TranscriptEvent) => void,
  ) {}

  /** A command as sent (masked here). */
  command(line: string): void {
    this.emit('command', maskCommand(line));
  }

  /** A reply, all lines joined with `\n`. */
  reply(code: number, text: string): void {
    this.emit('reply', text, code);
  }

  /** A status line, with optional structured facts. */
  status(text: string, detail?: TranscriptDetail): void {
    this.emit('status', text, undefined, detail);
  }

  /**
   * An error line for `err`: its message, the reply code behind it if any,
   * and its stable code as a `failure` detail.
   */
  failure(err: FtpError): void {
    this.emit('error', err.message, err.ftpCode, { type: 'failure', errorCode: err.code });
  }

  private emit(kind: TranscriptKind, text: string, code?: number, detail?: TranscriptDetail): void {
    this.seq += 1;
    const event: TranscriptEvent = { seq: this.seq, time: Date.now(), connection: this.connection, kind, text };
    if (code !== undefined) event.code = code;
    if (detail !== undefined) event.detail = detail;
    this.sink(event);
  }
}
