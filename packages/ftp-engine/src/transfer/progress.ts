/**
 * Byte counting and progress events for one transfer, derived from the
 * stream itself (no polling).
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { TransferProgress } from '../types.ts';

/** Minimum time between two progress callbacks. */
const EVERY_MS = 200;

/** Counts bytes flowing through it and reports throttled progress with a smoothed rate. */
export class ProgressCounter extends Transform {
  bytes = 0;
  total: number | undefined;
  private lastEmit = 0;
  private lastBytes = 0;
  private rate = 0;
  private readonly started = Date.now();

  constructor(
    private readonly offset: number,
    private readonly onProgress?: (p: TransferProgress) => void,
  ) {
    super();
    this.lastEmit = this.started;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const now = Date.now();
    if (this.onProgress && now - this.lastEmit >= EVERY_MS) this.report(now);
    done(null, chunk);
  }

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
