import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './join-code.ts';

// Counters per key (a network address, a seat) in fixed windows. The clock is passed in, so
// the windows are tested without waiting. Memory is bounded by evicting the key touched least
// recently, never by refusing newcomers: a full table must not lock out the next student.

export interface RateLimiter {
  /** Counts a hit for `key`; false when the key has used up its window. */
  allow(key: string): boolean;
  /** How many keys are being tracked (for the memory bound's test). */
  readonly size: number;
}

interface WindowCounter {
  /** Hits of `key` in its current window. */
  count(key: string): number;
  hit(key: string): void;
  readonly size: number;
}

function windowCounter(windowMs: number, now: () => number, maxKeys: number): WindowCounter {
  // A Map iterates in insertion order; each hit re-inserts its key, so the first key is the one
  // touched least recently, and the one to evict.
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, time: number) => {
    const window = windows.get(key);
    return window && time - window.start < windowMs ? window : undefined;
  };
  return {
    count: (key) => current(key, now())?.count ?? 0,
    hit(key) {
      const time = now();
      const window = current(key, time) ?? { start: time, count: 0 };
      window.count++;
      windows.delete(key);
      windows.set(key, window);
      while (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
    },
    get size() {
      return windows.size;
    },
  };
}

export function createRateLimiter(options: { limit: number; windowMs: number; now: () => number; maxKeys?: number }): RateLimiter {
  const { limit, windowMs, now, maxKeys = 10_000 } = options;
  const counter = windowCounter(windowMs, now, maxKeys);
  return {
    allow(key) {
      if (counter.count(key) >= limit) return false;
      counter.hit(key);
      return true;
    },
    get size() {
      return counter.size;
    },
  };
}

/**
 * One session's join limits, per network address (an IPv6 address counts by its /64, the block
 * one machine can pick addresses from). Wrong codes and joins are counted apart: a computer that
 * has sent too many wrong codes is refused before its code is checked; one that has taken too
 * many seats is refused a new one; a student from any other address is never refused because
 * of them.
 *
 * Why this keeps the join code from being guessed. There are 31^6 = 887,503,681 codes (see
 * join-code.ts). Each address may send WRONG_CODES_PER_WINDOW = 10 wrong codes a minute, so:
 *   - one computer guessing all through an 8-hour school day tries 10 × 60 × 8 = 4,800 codes:
 *     a chance of 4,800 / 887,503,681 ≈ 5.4 × 10⁻⁶ (1 in 185,000);
 *   - a whole /24 subnet (254 computers) guessing through a one-hour lesson tries
 *     254 × 10 × 60 = 152,400 codes: ≈ 1.7 × 10⁻⁴ (1 in 5,800).
 * tests/unit/join-limiter.test.ts computes these from the constants and checks the limiter holds
 * an address to them. The table keeps MAX_TRACKED_ADDRESSES (a whole /16) before it evicts, so an
 * attacker must command more addresses than a school network has to make it forget one.
 */
export const WRONG_CODES_PER_WINDOW = 10;
export const JOINS_PER_WINDOW = 60;
export const JOIN_WINDOW_MS = 60_000;
export const MAX_TRACKED_ADDRESSES = 65_536;

/** The chance that `addresses` computers, each at the limit for `minutes`, guess a join code. */
export function joinCodeGuessChance(
  addresses: number,
  minutes: number,
  wrongCodesPerWindow = WRONG_CODES_PER_WINDOW,
  windowMs = JOIN_WINDOW_MS,
): number {
  const tries = addresses * wrongCodesPerWindow * ((minutes * 60_000) / windowMs);
  return tries / JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH;
}

export interface JoinLimiter {
  /** Whether a join from `address` may have its code checked: false once it has sent too many wrong ones. */
  mayTry(address: string): boolean;
  /** Counts a wrong code from `address`. */
  failed(address: string): void;
  /** Whether `address` may take another seat: false once it has taken too many in this window. */
  mayJoin(address: string): boolean;
  /** Counts a seat given to `address`. */
  joined(address: string): void;
  /** How many addresses are being tracked (for the memory bound's test). */
  readonly size: number;
}

export interface JoinLimits {
  wrongCodes?: number;
  joins?: number;
  windowMs?: number;
  maxAddresses?: number;
}

/** The key an address is counted under: IPv4 (also IPv4-mapped IPv6) as it is, IPv6 by its /64. */
export function addressKey(address: string): string {
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (mapped) return mapped[1] as string;
  if (!lower.includes(':')) return lower;
  const [head = '', tail = ''] = lower.split('%')[0]!.split('::') as [string?, string?];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = lower.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g === '' ? '0' : g.replace(/^0+(?=.)/, '')))
    .join(':')}::/64`;
}

export function createJoinLimiter(now: () => number, limits: JoinLimits = {}): JoinLimiter {
  const {
    wrongCodes = WRONG_CODES_PER_WINDOW,
    joins = JOINS_PER_WINDOW,
    windowMs = JOIN_WINDOW_MS,
    maxAddresses = MAX_TRACKED_ADDRESSES,
  } = limits;
  const failures = windowCounter(windowMs, now, maxAddresses);
  const seats = windowCounter(windowMs, now, maxAddresses);
  return {
    mayTry: (address) => failures.count(addressKey(address)) < wrongCodes,
    failed: (address) => failures.hit(addressKey(address)),
    mayJoin: (address) => seats.count(addressKey(address)) < joins,
    joined: (address) => seats.hit(addressKey(address)),
    get size() {
      return failures.size + seats.size;
    },
  };
}
