/**
 * Command-line options of the bench runner.
 *
 *   --quick                 smoke run: 64 MiB instead of 1 GiB, one repetition everywhere
 *   --only a,b              run only these sections (download, upload, small, rss, listing, parse)
 *   --server KIND           FTP server to measure against (default vsftpd)
 *   --profile               write V8 CPU profiles of the Node clients' 1 GiB runs
 *   --streams               the Node clients move bytes through their stream APIs (a discarding
 *                           Writable, an fs read stream) instead of local file paths
 *   --reuse-buffers         with --streams: engine downloads with `reuseBuffers: true` (the discarding
 *                           sink keeps no chunk after its write callback, so the option's contract holds)
 */
import type { FtpServerKind } from '@ftpdeck/test-servers';
import { ALL_SERVER_KINDS } from '@ftpdeck/test-servers';

/** Set (to `1`) when the engine's downloads should use `reuseBuffers`. */
export const REUSE_BUFFERS_ENV = 'FTPDECK_BENCH_REUSE_BUFFERS';

/** Set (to `1`) when the Node clients should use their stream APIs rather than file paths. */
export const STREAMS_ENV = 'FTPDECK_BENCH_STREAMS';

/** The parts of the bench that `--only` can select. */
export const SECTIONS = ['download', 'upload', 'small', 'rss', 'listing', 'parse'] as const;

/** One selectable part of the bench. */
export type Section = (typeof SECTIONS)[number];

/** Everything the runner needs to know, with defaults applied. */
export interface BenchOptions {
  quick: boolean;
  only: ReadonlySet<Section>;
  server: FtpServerKind;
  profile: boolean;
  /** Size of the large file (1 GiB, or 64 MiB with --quick). */
  bigBytes: number;
  /** Size of the small file, where per-transfer overhead dominates. */
  smallBytes: number;
  bigReps: number;
  smallReps: number;
  listingReps: number;
  /** Entries in the listed directory. */
  listEntries: number;
}

const MiB = 1024 * 1024;

/** Thrown for a command line we do not understand (the runner prints it and exits 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses `argv` (without node and script). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let profile = false;
  let only: Set<Section> = new Set(SECTIONS);
  let server: FtpServerKind = 'vsftpd';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // pnpm passes a lone `--` through when the root script forwards arguments.
    if (arg === '--') continue;
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--quick':
        quick = true;
        break;
      case '--profile':
        profile = true;
        break;
      case '--streams':
        process.env[STREAMS_ENV] = '1';
        break;
      case '--reuse-buffers':
        // Read by the engine's worker processes, which inherit the environment.
        process.env[REUSE_BUFFERS_ENV] = '1';
        break;
      case '--only':
        only = new Set(value().split(',').filter(Boolean).map(toSection));
        break;
      case '--server': {
        const kind = value();
        if (!(ALL_SERVER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown server ${kind}; one of ${ALL_SERVER_KINDS.join(', ')}`);
        server = kind as FtpServerKind;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}; use --quick, --only ${SECTIONS.join(',')}, --server KIND, --profile, --streams, --reuse-buffers`);
    }
  }
  return {
    quick,
    only,
    server,
    profile,
    bigBytes: quick ? 64 * MiB : 1024 * MiB,
    smallBytes: 10 * MiB,
    bigReps: quick ? 1 : 3,
    // Each 10 MiB run takes 10-40 ms and single runs vary by ±30 %: many samples cost nothing and steady the median.
    smallReps: quick ? 1 : 15,
    listingReps: quick ? 1 : 5,
    listEntries: 50,
  };
}

function toSection(s: string): Section {
  if ((SECTIONS as readonly string[]).includes(s)) return s as Section;
  throw new UsageError(`unknown section ${s}; one of ${SECTIONS.join(', ')}`);
}
