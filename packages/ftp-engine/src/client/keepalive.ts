/**
 * NOOP after `keepAliveMs` of idleness, so NAT boxes and server idle timers
 * do not drop a session that is merely waiting for the user.
 */
import type { ClientCore } from './core.ts';

/** Schedules NOOPs while the control queue is idle. */
export class KeepAlive {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly core: ClientCore) {
    core.control.on('idle', () => this.schedule());
    core.control.on('busy', () => this.clear());
  }

  /** Starts the idle timer (no-op when `keepAliveMs` is 0). */
  start(): void {
    this.running = this.core.options.keepAliveMs > 0;
    this.schedule();
  }

  /** Stops for good. */
  stop(): void {
    this.running = false;
    this.clear();
  }

  private schedule(): void {
    this.clear();
    if (!this.running || this.core.control.active) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed NOOP already failed the connection; the 'closed' event reports it.
      this.core.exec((s) => s.request('NOOP')).catch(() => undefined);
    }, this.core.options.keepAliveMs);
    this.timer.unref();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
