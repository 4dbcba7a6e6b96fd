/**
 * The state one {@link FtpClient} shares with its verb modules: resolved
 * options, the control connection, what the server supports, and helpers
 * to run tasks and transfers. Verb modules take a `ClientCore` so FtpClient
 * itself stays a thin facade.
 */
import { ControlConnection, type ControlTarget } from '../control/ControlConnection.ts';
import type { ControlSession, Reply } from '../control/session.ts';
import { Transcript } from '../control/transcript.ts';
import type { TlsContext } from '../control/tls.ts';
import type { DataContext, DataMemory } from '../data/channel.ts';
import { FtpError, FtpErrorCodes, replyError } from '../errors.ts';
import { createNameCodec, type NameCodec } from '../external.ts';
import { runTransfer, type TransferSpec } from '../transfer/transfer.ts';
import { DEFAULT_REPLY_TIMEOUT_MS, type FtpClientOptions, type ServerFeatures, type TransferResult, type TranscriptEvent } from '../types.ts';

/** Options with every default applied. */
export interface ResolvedOptions {
  host: string;
  port: number;
  address?: string;
  user: string;
  password: string;
  secure: 'none' | 'explicit' | 'implicit';
  tls: TlsContext;
  dataMode: 'passive' | 'active';
  activeAddress?: string;
  portRange?: [number, number];
  activeCommand?: 'PORT' | 'EPRT';
  trustPasvAddress: boolean;
  encoding: string;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  dataIdleMs: number;
  keepAliveMs: number;
  transferKeepAliveMs: number;
  maxReplyLineBytes: number;
  maxReplyBytes: number;
  maxListingBytes: number;
  maxListingLines: number;
  label: string;
  /** As given: `true`, a name, or unset (see login.ts for how `true` resolves). */
  virtualHost?: string | boolean;
  account?: string;
  /** False when CLNT is disabled. */
  clientName: string | false;
  /** A copy of the `knownFeatures` option: connect() sends no FEAT or SYST. */
  knownFeatures?: ServerFeatures;
  /** Minutes east of UTC for LIST times, or `auto` (see client/timezone.ts). */
  serverTimezoneOffsetMinutes: number | 'auto';
}

/** Applies the documented defaults. */
export function resolveOptions(o: FtpClientOptions): ResolvedOptions {
  const secure = o.secure ?? 'none';
  const user = o.user ?? 'anonymous';
  const r: ResolvedOptions = {
    host: o.host,
    port: o.port ?? (secure === 'implicit' ? 990 : 21),
    user,
    password: o.password ?? (user === 'anonymous' || user === 'ftp' ? 'anonymous@' : ''),
    secure,
    tls: { options: o.tls ?? {}, servername: o.tls?.servername ?? o.host },
    dataMode: o.dataMode ?? 'passive',
    trustPasvAddress: o.trustPasvAddress ?? false,
    encoding: o.encoding ?? 'auto',
    connectTimeoutMs: o.timeouts?.connect ?? 15_000,
    replyTimeoutMs: o.timeouts?.reply ?? DEFAULT_REPLY_TIMEOUT_MS,
    dataIdleMs: o.timeouts?.dataIdle ?? 30_000,
    keepAliveMs: o.keepAliveMs ?? 0,
    transferKeepAliveMs: o.transferKeepAliveMs ?? 0,
    maxReplyLineBytes: o.limits?.maxReplyLineBytes ?? 8 * 1024,
    maxReplyBytes: o.limits?.maxReplyBytes ?? 256 * 1024,
    maxListingBytes: o.limits?.maxListingBytes ?? 64 * 1024 * 1024,
    maxListingLines: o.limits?.maxListingLines ?? 1_000_000,
    label: o.connectionLabel ?? 'control',
    clientName: o.clientName === undefined ? 'FTP Deck' : o.clientName || false,
    serverTimezoneOffsetMinutes: checkTimezoneOption(o.serverTimezoneOffsetMinutes),
  };
  if (o.virtualHost !== undefined && o.virtualHost !== false) r.virtualHost = o.virtualHost;
  if (o.account !== undefined) r.account = o.account;
  if (o.address) r.address = o.address;
  if (o.activeAddress) r.activeAddress = o.activeAddress;
  if (o.portRange) r.portRange = o.portRange;
  if (o.activeCommand) r.activeCommand = o.activeCommand;
  if (o.knownFeatures !== undefined) r.knownFeatures = checkKnownFeatures(o.knownFeatures);
  return r;
}

/** Validates and copies `knownFeatures`, so a caller's later changes to its Map cannot reach this connection. */
function checkKnownFeatures(known: ServerFeatures): ServerFeatures {
  // Checked at run time too: JavaScript callers and JSON-shaped objects reach here.
  const features: unknown = (known as Partial<ServerFeatures> | null)?.features;
  if (!(features instanceof Map)) {
    throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'knownFeatures.features must be a Map of FEAT keys to their parameters');
  }
  const copy: ServerFeatures = { features: new Map(features as Map<string, string>) };
  if (typeof known.system === 'string') copy.system = known.system;
  return copy;
}

/** ±15 h: the widest real zone is UTC+14, the narrowest UTC−12. */
export const MAX_TIMEZONE_OFFSET_MINUTES = 900;

/** Validates `serverTimezoneOffsetMinutes`; throws FTP_ERR_INVALID_ARGUMENT. */
function checkTimezoneOption(value: number | 'auto' | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_TIMEZONE_OFFSET_MINUTES) {
    throw new FtpError(
      FtpErrorCodes.INVALID_ARGUMENT,
      `serverTimezoneOffsetMinutes must be 'auto' or a whole number of minutes within ±${MAX_TIMEZONE_OFFSET_MINUTES}, not ${String(value)}`,
    );
  }
  return value;
}

/**
 * What the session knows about the server's time zone for LIST times.
 * `settled` is false while `auto` may still compare a (better) file with
 * MDTM; once true, nothing is tried again.
 */
export interface ServerTimezoneState {
  /** Minutes east of UTC applied to LIST-format times. */
  offsetMinutes: number;
  settled: boolean;
  /** Paths already compared with MDTM (each is asked once). */
  probed: Set<string>;
}

/** Session state learned while connected. */
export interface SessionState {
  features: ServerFeatures;
  /** PROT P is in force. */
  protectData: boolean;
  /** Current TYPE. */
  type: 'I' | 'A';
  /** MLSD is usable (FEAT lists MLST and it has not been refused). */
  mlsd: boolean;
  /**
   * What `LIST -a` has shown so far: `untried` (or only empty answers),
   * `lists` (it returned entries, so an empty answer is believed), or
   * `refused` (plain `LIST` from now on).
   */
  listDashA: 'untried' | 'lists' | 'refused';
  /** LIST was refused as unknown (500-504): listings use NLST, names only. */
  nlst: boolean;
  /** The transcript has said once why some folders are listed from inside (client/listing.ts). */
  toldListInside?: boolean;
  /** Best-guess charset of names seen so far (encoding `auto`). */
  guessedCharset?: string;
  /** Unset until the first LIST-format listing (client/timezone.ts). */
  serverTimezone?: ServerTimezoneState;
  /** The zone the two-argument MDTM speaks, once a file just written has told it (client/mdtmZone.ts). */
  mdtmZoneMinutes?: number;
}

/** See the file comment. */
export class ClientCore {
  readonly control: ControlConnection;
  readonly transcript: Transcript;
  codec: NameCodec;
  readonly memory: DataMemory = {};
  state: SessionState = { features: { features: new Map() }, protectData: false, type: 'I', mlsd: false, listDashA: 'untried', nlst: false };

  constructor(
    readonly options: ResolvedOptions,
    sink: (e: TranscriptEvent) => void,
  ) {
    this.codec = createNameCodec(options.encoding);
    this.transcript = new Transcript(options.label, sink);
    this.control = new ControlConnection({
      transcript: this.transcript,
      codec: () => this.codec,
      connectTimeoutMs: options.connectTimeoutMs,
      replyTimeoutMs: options.replyTimeoutMs,
      limits: { maxReplyLineBytes: options.maxReplyLineBytes, maxReplyBytes: options.maxReplyBytes },
    });
  }

  /**
   * Runs a task on the control connection (queued FIFO). A failure becomes an
   * `error` transcript line, unless it is the connection's own terminal
   * failure, which the connection has already written.
   */
  exec<T>(fn: (s: ControlSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.logged(this.control.run(fn, signal));
  }

  /**
   * Queues the opening of the connection (dial, greeting, then `login`) as
   * the first task; calls made meanwhile wait behind it (ControlConnection.open).
   */
  open(target: ControlTarget, login: (s: ControlSession) => Promise<void>): Promise<void> {
    return this.logged(this.control.open(target, (s) => login(s)));
  }

  /**
   * Aborts the running transfer, if any, and every later one, with `reason`
   * (close() uses it: a transfer must not hold the close for as long as the
   * caller's stream stalls). The transfer sends ABOR and resynchronises.
   */
  abortTransfers(reason: FtpError): void {
    this.closer.abort(reason);
  }

  /** Fires when {@link abortTransfers} is called; long waits of a task outside transfers watch it too. */
  get closeSignal(): AbortSignal {
    return this.closer.signal;
  }

  private readonly closer = new AbortController();

  private async logged<T>(task: Promise<T>): Promise<T> {
    try {
      return await task;
    } catch (err) {
      const terminal = this.control.error;
      const logged = terminal !== undefined && (err === terminal || (err instanceof Error && err.cause === terminal));
      if (!logged && err instanceof FtpError) this.transcript.failure(err);
      throw err;
    }
  }

  /** Sends one command and requires a 2xx (or one of `accept`). */
  async expect(s: ControlSession, line: string, what: string, accept?: (code: number) => boolean): Promise<Reply> {
    const r = await s.request(line);
    const ok = accept ? accept(r.code) : r.code >= 200 && r.code < 300;
    if (!ok) throw replyError(r, what);
    return r;
  }

  /** Switches TYPE when needed. */
  async ensureType(s: ControlSession, type: 'I' | 'A'): Promise<void> {
    if (this.state.type === type) return;
    await this.expect(s, `TYPE ${type}`, `TYPE ${type} refused`);
    this.state.type = type;
  }

  /** Data-connection context for the running task. */
  dataContext(s: ControlSession): DataContext {
    const o = this.options;
    const ctx: DataContext = {
      session: s,
      control: this.control,
      transcript: this.transcript,
      memory: this.memory,
      connectTimeoutMs: o.connectTimeoutMs,
      trustPasvAddress: o.trustPasvAddress,
      protectData: this.state.protectData,
    };
    if (o.activeAddress) ctx.activeAddress = o.activeAddress;
    if (o.portRange) ctx.portRange = o.portRange;
    if (o.activeCommand) ctx.activeCommand = o.activeCommand;
    return ctx;
  }

  /** Runs a transfer inside the running task. */
  async transfer(s: ControlSession, spec: TransferSpec): Promise<TransferResult> {
    const signal = linkSignals(spec.signal, this.closer.signal);
    try {
      return await runTransfer(this.dataContext(s), {
        dataMode: this.options.dataMode,
        replyTimeoutMs: this.options.replyTimeoutMs,
        dataIdleMs: this.options.dataIdleMs,
        transferKeepAliveMs: this.options.transferKeepAliveMs,
      }, { ...spec, signal: signal.signal });
    } finally {
      signal.dispose();
    }
  }

  /** True when FEAT listed `name`. */
  has(name: string): boolean {
    return this.state.features.features.has(name.toUpperCase());
  }
}

/**
 * A signal that fires when either `a` or `b` does, with that one's reason.
 * `dispose` unhooks it, so a long-lived `b` (the client's close signal)
 * does not collect a listener per transfer. (AbortSignal.any would keep
 * them alive until `b` is collected.)
 */
export function linkSignals(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  if (!a) return { signal: b, dispose: () => undefined };
  const both = new AbortController();
  const fromA = (): void => both.abort(a.reason);
  const fromB = (): void => both.abort(b.reason);
  if (a.aborted) fromA();
  else if (b.aborted) fromB();
  a.addEventListener('abort', fromA, { once: true });
  b.addEventListener('abort', fromB, { once: true });
  return {
    signal: both.signal,
    dispose: () => {
      a.removeEventListener('abort', fromA);
      b.removeEventListener('abort', fromB);
    },
  };
}
