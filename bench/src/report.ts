/**
 * Turns a run's figures into the printed table and the target checks.
 */
import type { ParseBenchResult } from './parse.ts';
import type { ListingComparison } from './sections/listing.ts';
import type { TransferComparison } from './sections/transfers.ts';
import { round } from './stats.ts';
import { check, TARGETS, verdict, type TargetCheck } from './targets.ts';

/** Everything one run measured. */
export interface BenchFigures {
  big: TransferComparison[];
  small: TransferComparison[];
  /** RSS growth per direction: from the big runs (max over repetitions). */
  rss: RssComparison[];
  /** Control: RSS growth of reading the upload source into the sink with no FTP (max over runs), MiB. */
  rssSourceOnlyMiB?: number;
  listing?: ListingComparison;
  parse?: ParseBenchResult;
}

/** Peak memory of each client during one large transfer direction. */
export interface RssComparison {
  label: string;
  /** Max over runs of (peak − baseline) RSS, MiB. */
  engineGrowthMiB: number;
  basicFtpGrowthMiB: number;
  /** curl's peak RSS (absolute: there is no meaningful baseline for a fresh process), MiB; NaN without /usr/bin/time. */
  curlPeakMiB: number;
}

/** Derives the RSS figures from large-transfer runs that sampled memory. */
export function rssFrom(big: TransferComparison[]): RssComparison[] {
  const max = (xs: Array<number | undefined>): number => {
    const known = xs.filter((x): x is number => x !== undefined);
    return known.length ? Math.max(...known) : Number.NaN;
  };
  return big.map((c) => ({
    label: c.label,
    engineGrowthMiB: max(c.clients.engine.samples.map((s) => s.rssGrowthMiB)),
    basicFtpGrowthMiB: max(c.clients['basic-ftp'].samples.map((s) => s.rssGrowthMiB)),
    curlPeakMiB: max(c.clients.curl.samples.map((s) => s.peakRssMiB)),
  }));
}

/** Every target check this run can make. */
export function targetChecks(f: BenchFigures): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const c of f.big) {
    out.push(check(`${c.label} engine/curl`, ratio(c, 'curl'), '>=', TARGETS.bigVsCurl));
    out.push(check(`${c.label} engine/basic-ftp`, ratio(c, 'basic-ftp'), '>=', TARGETS.bigVsBasicFtp));
  }
  for (const c of f.small) {
    out.push(check(`${c.label} engine/curl`, ratio(c, 'curl'), '>=', TARGETS.smallVsCurl));
    out.push(check(`${c.label} engine/basic-ftp`, ratio(c, 'basic-ftp'), '>=', TARGETS.smallVsBasicFtp));
  }
  for (const r of f.rss) out.push(check(`RSS growth, ${r.label}, engine MiB`, r.engineGrowthMiB, '<', TARGETS.rssMiB));
  if (f.parse) {
    out.push(check('parse Unix LIST, basic-ftp ms / ours', f.parse.unix.speedup, '>=', TARGETS.parseVsBasicFtp));
    out.push(check('parse MLSD, basic-ftp ms / ours', f.parse.mlsd.speedup, '>=', TARGETS.parseVsBasicFtp));
  }
  return out;
}

/** Engine throughput over another client's, both medians of the same run. */
export function ratio(c: TransferComparison, other: 'curl' | 'basic-ftp'): number {
  return c.clients.engine.mibps / c.clients[other].mibps;
}

const COLS = [46, 10, 10, 11, 22, 22] as const;

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLS[0]) : c.padStart(COLS[i] ?? 10))).join(' ');
}

function num(n: number, digits = 1): string {
  return Number.isFinite(n) ? round(n, digits).toFixed(digits) : '–';
}

/** GNU time counts CPU in 10 ms ticks: a short curl run shows 0. */
function cpuCell(ms: number): string {
  return ms === 0 ? '<10' : num(ms);
}

function ratioCell(value: number, c: TargetCheck | undefined): string {
  return c ? `${num(value, 2)} ${verdict(c)}` : num(value, 2);
}

/** The printed table, one string per line. */
export function formatTable(f: BenchFigures, checks: TargetCheck[]): string[] {
  const find = (figure: string): TargetCheck | undefined => checks.find((c) => c.figure === figure);
  const lines: string[] = [row(['', 'engine', 'curl', 'basic-ftp', 'engine/curl', 'engine/basic-ftp'])];
  const transfers = (list: TransferComparison[], small: boolean): void => {
    for (const c of list) {
      const e = c.clients.engine;
      const cu = c.clients.curl;
      const b = c.clients['basic-ftp'];
      lines.push(
        row([
          `${c.label} MiB/s (median of ${c.reps})`,
          num(e.mibps),
          num(cu.mibps),
          num(b.mibps),
          ratioCell(ratio(c, 'curl'), find(`${c.label} engine/curl`)),
          ratioCell(ratio(c, 'basic-ftp'), find(`${c.label} engine/basic-ftp`)),
        ]),
      );
      lines.push(row([`${c.label} ms`, num(e.ms), num(cu.ms), num(b.ms), '', '']));
      lines.push(row([`${c.label} CPU ms`, num(e.cpuMs), cpuCell(cu.cpuMs), num(b.cpuMs), '', '']));
      if (!small && Number.isFinite(e.serverCpuMs)) {
        lines.push(row([`${c.label} FTP server CPU ms`, num(e.serverCpuMs), num(cu.serverCpuMs), num(b.serverCpuMs), '', '']));
      }
      if (small) lines.push(row([`${c.label} setup ms (to logged in)`, num(e.setupMs), num(cu.setupMs), num(b.setupMs), '', '']));
    }
  };
  transfers(f.big, false);
  for (const r of f.rss) {
    const c = find(`RSS growth, ${r.label}, engine MiB`);
    lines.push(row([`RSS growth, ${r.label}, MiB`, num(r.engineGrowthMiB), `(peak ${num(r.curlPeakMiB)})`, num(r.basicFtpGrowthMiB), '', c ? `engine ${verdict(c)}` : '']));
  }
  if (f.rssSourceOnlyMiB !== undefined) {
    lines.push(row(['RSS growth, upload source alone (no FTP), MiB', num(f.rssSourceOnlyMiB), '', '', '', 'control, same sampling']));
  }
  transfers(f.small, true);
  if (f.listing) {
    const l = f.listing.clients;
    lines.push(
      row([
        `connect → ${f.listing.entries}-entry listing, ms (median of ${f.listing.reps})`,
        num(l.engine.ms),
        num(l.curl.ms),
        num(l['basic-ftp'].ms),
        `${num(l.curl.ms / l.engine.ms, 2)} (speed)`,
        `${num(l['basic-ftp'].ms / l.engine.ms, 2)} (speed)`,
      ]),
    );
  }
  if (f.parse) {
    for (const [label, p] of [['Unix LIST', f.parse.unix], ['MLSD', f.parse.mlsd]] as const) {
      const c = find(`parse ${label}, basic-ftp ms / ours`);
      lines.push(row([`parse ${p.lines / 1000}k ${label}, ms (median of ${f.parse.rounds})`, num(p.oursMs), '', num(p.basicFtpMs), '', ratioCell(p.speedup, c)]));
    }
  }
  return lines;
}
