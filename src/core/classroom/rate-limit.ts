// A fixed-window counter per key (a network address): at most `limit` hits in each window of
// `windowMs`. The clock is passed in, so the windows are tested without waiting.

export interface RateLimiter {
  /** Counts a hit for `key`; false when the key has used up its window. */
  allow(key: string): boolean;
  /** How many keys are being tracked (for the memory bound's test). */
  readonly size: number;
}

export function createRateLimiter(options: { limit: number; windowMs: number; now: () => number; maxKeys?: number }): RateLimiter {
  const { limit, windowMs, now, maxKeys = 10_000 } = options;
  const windows = new Map<string, { start: number; count: number }>();

  function forgetExpired(time: number): void {
    for (const [key, window] of windows) if (time - window.start >= windowMs) windows.delete(key);
  }

  return {
    allow(key) {
      const time = now();
      let window = windows.get(key);
      if (!window || time - window.start >= windowMs) {
        // A flood from many addresses must not grow the map without bound.
        if (windows.size >= maxKeys) forgetExpired(time);
        if (windows.size >= maxKeys) return false;
        window = { start: time, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      return window.count <= limit;
    },
    get size() {
      return windows.size;
    },
  };
}
