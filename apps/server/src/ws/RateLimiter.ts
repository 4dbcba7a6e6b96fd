/** A token bucket: `rate` messages per second, bursts up to `burst`. */
export class RateLimiter {
  #tokens: number;
  #last = Date.now();

  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    this.#tokens = burst;
  }

  /** Takes `n` tokens (default one); false, taking none, when the bucket holds fewer. */
  take(n = 1): boolean {
    const now = Date.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
    this.#last = now;
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }
}
