/**
 * Byte counting and progress events for one transfer. The data path calls
 * {@link ProgressTracker.add} inline for every chunk (no stream stage of its
 * own: an extra Transform cost a quarter of the download throughput); the
 * clock is read only when someone listens.
 */
import type { TransferProgress } from '../types.ts';

/** Minimum time between two progress callbacks. */
const EVERY_MS = 200;

/** Counts bytes and reports throttled progress with a smoothed rate. */
export class ProgressTracker {
  bytes = 0;
  total: number | undefined;
  private lastEmit = Date.now();
  private lastBytes = 0;
  private rate = 0;

  constructor(
    private readonly offset: number,
    private readonly onProgress?: (p: TransferProgress) => void,
  ) {}

  /** Counts `n` more bytes; reports when a listener is set and the throttle allows. */
  readonly add = (n: number): void => {
    this.bytes += n;
    if (!this.onProgress) return;
    const now = Date.now();
    if (now - this.lastEmit >= EVERY_MS) this.report(now);
  };

  /** Emits one progress event now (also used for the final 100 %). */
  report(now = Date.now()): void {
    if (!this.onProgress) return;
    const dt = (now - this.lastEmit) / 1000;
    const instant = dt > 0 ? (this.bytes - this.lastBytes) / dt : this.rate;
    // Exponential smoothing keeps the rate readable without hiding stalls for long.
    this.rate = this.rate === 0 ? instant : this.rate * 0.7 + instant * 0.3;
    this.lastEmit = now;
    this.lastBytes = this.bytes;
    const p: TransferProgress = { bytes: this.bytes, offset: this.offset, rate: Math.round(this.rate) };
    if (this.total !== undefined) p.total = this.total;
    this.onProgress(p);
  }
}
