/** Display formatting for sizes, dates and rates. Pure; locale from the browser. */

import type { WireEntry } from '@ftpdeck/protocol';
import { t } from '../i18n/languageStore.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Human-readable size in binary units, e.g. `1.5 MB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * The browser's number format, made once: `toLocaleString()` builds a new
 * ICU formatter per call, and a re-listed folder formats every row's size.
 */
const countFormat = new Intl.NumberFormat();

/** A count with the browser's digit grouping, e.g. `10,181`. */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** Exact byte count with grouping, for tooltips, in the UI language. */
export function formatByteCount(bytes: number): string {
  return t('fmt.bytes', { count: bytes, n: formatCount(bytes) });
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Listing timestamp as `YYYY-MM-DD HH:MM` (local time): sortable by eye,
 * fixed width, and unambiguous across locales, as FTP clients show it.
 * With `seconds`, `YYYY-MM-DD HH:MM:SS` (for a tooltip). A date the server
 * gave without a time (`precision` `day`: `ls` "Mon DD YYYY" lines, z/OS)
 * shows as that date alone: it is a calendar day, not an instant, so it is
 * read in UTC, where the engine put it, and never shifted to local time.
 */
export function formatModified(iso: string | undefined, precision?: WireEntry['modifiedPrecision'], seconds = false): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  if (precision === 'day') return new Date(t).toISOString().slice(0, 10);
  const d = new Date(t);
  const minute = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return seconds ? `${minute}:${pad2(d.getSeconds())}` : minute;
}

/** Transcript clock: `HH:MM:SS.mmm`, local time. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Transfer rate, e.g. `3.2 MB/s`. */
export function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(Math.round(bytesPerSecond))}/s` : '';
}

/**
 * A UTC offset in minutes east as `UTC+08:00` / `UTC-03:30` (ASCII minus,
 * the shape of the engine's transcript lines, so the two match by eye).
 */
export function formatUtcOffset(minutes: number): string {
  const abs = Math.abs(Math.round(minutes));
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}
