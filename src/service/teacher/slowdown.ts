import { ServiceError } from '../errors.ts';

// Guessing a secret by trying many is made hopeless by waiting: each wrong try in a row
// doubles the wait before the next one (1 s, 2 s, 4 s … five minutes at most).

export const MAX_WAIT_MS = 5 * 60_000;

/** The wait after `failures` wrong tries in a row. */
export function waitAfter(failures: number): number {
  return failures <= 0 ? 0 : Math.min(1000 * 2 ** (failures - 1), MAX_WAIT_MS);
}

/** "1 second", "4 seconds": a wait as a person reads it, rounded up. */
export function seconds(ms: number): string {
  const n = Math.ceil(ms / 1000);
  return `${n} ${n === 1 ? 'second' : 'seconds'}`;
}

export interface Slowdown {
  /** Throws 'rate-limited' while the wait after the last wrong try lasts. */
  check(what: string): void;
  /** Records a wrong try; returns the wait before the next one, in ms. */
  fail(): number;
  succeed(): void;
}

export function createSlowdown(now: () => Date): Slowdown {
  let failures = 0;
  let nextTryAt = 0;
  return {
    check(what) {
      const wait = nextTryAt - now().getTime();
      if (wait > 0) throw new ServiceError('slow-down', `${what}: try again in ${seconds(wait)}`);
    },
    fail() {
      failures++;
      nextTryAt = now().getTime() + waitAfter(failures);
      return waitAfter(failures);
    },
    succeed() {
      failures = 0;
      nextTryAt = 0;
    },
  };
}
