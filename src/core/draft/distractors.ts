import type { Random } from './random.ts';
import { comparable, occursIn, overlaps } from './text.ts';

// Wrong options of the same kind as the key, taken from elsewhere in the article: never in the
// evidence (a student could match the words), never two alike, close to the key in length so the
// longest option is not a give-away.

export function pickDistractors(
  key: string,
  pool: readonly string[],
  evidence: readonly string[],
  count: number,
  random: Random,
): string[] {
  const seen = new Set<string>([comparable(key)]);
  const candidates: string[] = [];
  for (const candidate of pool) {
    const compared = comparable(candidate);
    if (compared === '' || seen.has(compared)) continue;
    if (overlaps(candidate, key)) continue;
    if (evidence.some((sentence) => occursIn(candidate, sentence))) continue;
    if (candidates.some((chosen) => overlaps(chosen, candidate))) continue;
    seen.add(compared);
    candidates.push(candidate);
  }
  // The closest in length first; among equals the seed decides, so reruns agree.
  const ranked = random
    .shuffle(candidates)
    .map((candidate) => ({ candidate, distance: Math.abs(candidate.length - key.length) / Math.max(key.length, 1) }))
    .sort((a, b) => a.distance - b.distance);
  return ranked.slice(0, count).map((entry) => entry.candidate);
}

/**
 * Spreads the key over the positions: a rotation that starts at a seeded place and moves on by
 * one for every question, so a bank's keys are not all first (or all last).
 */
export class KeyPositions {
  #next: number;

  constructor(random: Random) {
    this.#next = random.int(4);
  }

  place<T>(key: T, distractors: readonly T[]): { options: T[]; keyIndex: number } {
    const size = distractors.length + 1;
    const keyIndex = this.#next % size;
    this.#next++;
    const options = [...distractors];
    options.splice(keyIndex, 0, key);
    return { options, keyIndex };
  }
}
