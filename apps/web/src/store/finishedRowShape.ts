/**
 * One finished transfer row as a reload keeps it (store/finishedRows.ts):
 * what the row shows and nothing else, and the check that what storage
 * hands back is such a row. Storage is the user's to edit, and an older
 * build may have written another shape, so every field is checked, and a
 * row with one field wrong is dropped whole rather than shown half right.
 *
 * Nothing secret is in a row: names, paths, sizes, statuses, and the
 * error's code and text (a server reply, never a password, which the
 * engine masks at the source). The error's certificate facts are left out:
 * the row does not show them. A download that ended short of done keeps its
 * link number, a small count of the server session's links (never the
 * link's URL, whose ticket fetches the file): the browser may fetch that
 * link again after a reload, and that continues the row (api/keptDownloads.ts).
 */
import { RemotePath, type TransferType, type WireError } from '@ftpdeck/protocol';
import { FINISHED, type DownloadWant, type Transfer, type TransferStatus } from './transfersSlice.ts';

/** A status after which a row no longer changes. */
export type FinishedStatus = Extract<TransferStatus, 'done' | 'failed' | 'cancelled' | 'skipped'>;

/** The fields of a finished row that a reload keeps. */
export interface StoredRow {
  direction: Transfer['direction'];
  name: string;
  path: string;
  /** The site the row was with; a restored download's Retry goes only there. */
  site?: string;
  size: number;
  transferType: TransferType;
  sent: number;
  received: number;
  written: number;
  status: FinishedStatus;
  error?: WireError;
  verified?: boolean | string;
  verifiedBy?: string;
  verifiedFrom?: number;
  attempt?: number;
  timeKept?: boolean;
  replaced?: boolean;
  interrupted?: boolean;
  sizeUnknown?: boolean;
  zip?: boolean;
  unheard?: boolean;
  stoppedByPage?: boolean;
  notBegun?: boolean;
  want?: DownloadWant;
  link?: number;
  startedAt?: number;
  finishedAt?: number;
}

/**
 * A download's `want` longer than this (its paths' characters) is not kept:
 * a ZIP of thousands of paths could fill the tab's storage with one row.
 * Such a row comes back without Retry.
 */
export const WANT_CHARS_KEPT = 16 * 1024;

/** Yes/no facts of a row, kept as they are. */
const FLAGS = ['replaced', 'interrupted', 'sizeUnknown', 'zip', 'unheard', 'stoppedByPage', 'notBegun', 'timeKept'] as const;
/** Counts and times a row may carry. */
const OPTIONAL_NUMBERS = ['verifiedFrom', 'attempt', 'startedAt', 'finishedAt'] as const;

/** An error's wire fields alone: a row keeps nothing else of it. */
function wireCopy({ code, message, ftpCode, retryable }: WireError): WireError {
  return { code, message, ...(ftpCode !== undefined ? { ftpCode } : {}), ...(retryable !== undefined ? { retryable } : {}) };
}

/** What of row `t` a reload keeps; the caller passes finished rows only. */
export function toStoredRow(t: Transfer & { status: FinishedStatus }): StoredRow {
  const row: StoredRow = {
    direction: t.direction,
    name: t.name,
    path: t.path,
    size: t.size,
    transferType: t.transferType,
    sent: t.sent,
    received: t.received,
    written: t.written,
    status: t.status,
  };
  if (t.error) row.error = wireCopy(t.error);
  if (t.site !== undefined) row.site = t.site;
  if (t.verified !== undefined) row.verified = t.verified;
  if (t.verifiedBy !== undefined) row.verifiedBy = t.verifiedBy;
  for (const f of FLAGS) if (t[f] !== undefined) row[f] = t[f];
  for (const f of OPTIONAL_NUMBERS) if (t[f] !== undefined) row[f] = t[f];
  // A done row's link fetched again is a new download with a row of its own: only one short of done continues.
  if (t.direction === 'download' && t.link !== undefined && t.status !== 'done') row.link = t.link;
  // Read by a failed download's Retry, and by one that continues after its link's next download fails;
  // a huge one would crowd out other rows.
  if (t.want && (t.status === 'failed' || row.link !== undefined) && t.want.paths.reduce((n, p) => n + p.length, 0) <= WANT_CHARS_KEPT) row.want = t.want;
  return row;
}

/** Is `status` one a stored row may have? */
export function isFinishedStatus(status: TransferStatus): status is FinishedStatus {
  return FINISHED.has(status);
}

type Fields = Record<string, unknown>;

const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** The server numbers links and downloads 1, 2, 3, … */
export const isLinkNumber = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isTransferType = (v: unknown): v is TransferType => v === 'binary' || v === 'ascii';
const isStatus = (v: unknown): v is FinishedStatus => typeof v === 'string' && FINISHED.has(v as TransferStatus);

function readError(v: unknown): WireError | null {
  if (!isFields(v) || typeof v.code !== 'string' || typeof v.message !== 'string') return null;
  if (v.ftpCode !== undefined && typeof v.ftpCode !== 'number') return null;
  if (v.retryable !== undefined && typeof v.retryable !== 'boolean') return null;
  return { code: v.code, message: v.message, ...(v.ftpCode !== undefined ? { ftpCode: v.ftpCode } : {}), ...(v.retryable !== undefined ? { retryable: v.retryable } : {}) };
}

/** A want is sent back to the server as a download-link: only paths the protocol takes. */
function readWant(v: unknown): DownloadWant | null {
  if (!isFields(v) || !Array.isArray(v.paths) || v.paths.length === 0 || !isTransferType(v.transferType)) return null;
  const paths: string[] = [];
  for (const p of v.paths as unknown[]) {
    const parsed = RemotePath.safeParse(p);
    if (!parsed.success) return null;
    paths.push(parsed.data);
  }
  if (v.name !== undefined && typeof v.name !== 'string') return null;
  return { paths, transferType: v.transferType, ...(v.name !== undefined ? { name: v.name } : {}) };
}

/**
 * `value` as a stored row, or null when it is not one: a field missing or
 * of the wrong type, a status that is not finished, an unknown direction.
 */
export function readStoredRow(value: unknown): StoredRow | null {
  if (!isFields(value)) return null;
  const v = value;
  if (v.direction !== 'upload' && v.direction !== 'download') return null;
  if (typeof v.name !== 'string' || typeof v.path !== 'string' || !isTransferType(v.transferType) || !isStatus(v.status)) return null;
  if (!isCount(v.size) || !isCount(v.sent) || !isCount(v.received) || !isCount(v.written)) return null;
  const row: StoredRow = {
    direction: v.direction,
    name: v.name,
    path: v.path,
    size: v.size,
    transferType: v.transferType,
    sent: v.sent,
    received: v.received,
    written: v.written,
    status: v.status,
  };
  if (v.error !== undefined) {
    const error = readError(v.error);
    if (!error) return null;
    row.error = error;
  }
  if (v.verified !== undefined) {
    if (typeof v.verified !== 'boolean' && typeof v.verified !== 'string') return null;
    row.verified = v.verified;
  }
  if (v.verifiedBy !== undefined) {
    if (typeof v.verifiedBy !== 'string') return null;
    row.verifiedBy = v.verifiedBy;
  }
  if (v.site !== undefined) {
    if (typeof v.site !== 'string') return null;
    row.site = v.site;
  }
  for (const f of FLAGS) {
    const flag = v[f];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') return null;
    row[f] = flag;
  }
  for (const f of OPTIONAL_NUMBERS) {
    const n = v[f];
    if (n === undefined) continue;
    if (!isCount(n)) return null;
    row[f] = n;
  }
  if (v.want !== undefined) {
    const want = readWant(v.want);
    if (!want) return null;
    row.want = want;
  }
  if (v.link !== undefined) {
    if (row.direction !== 'download' || !isLinkNumber(v.link)) return null;
    row.link = v.link;
  }
  return row;
}
