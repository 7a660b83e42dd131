// Small text helpers shared by the generators.

const SLUG_LIMIT = 40;

export function slugify(text: string, fallback = 'item'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, SLUG_LIMIT)
    .replace(/-+$/u, '');
  return slug === '' ? fallback : slug;
}

/** Slugs made unique within one list by a numeric suffix. */
export function uniqueSlugs(texts: readonly string[], fallback = 'item'): string[] {
  const seen = new Set<string>();
  return texts.map((text) => {
    const base = slugify(text, fallback);
    let slug = base;
    for (let n = 2; seen.has(slug); n++) slug = `${base}-${n}`;
    seen.add(slug);
    return slug;
  });
}

export function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * comparable() is asked about the same few hundred names and sentences thousands of times while
 * distractors are chosen (every candidate against the key, the evidence and the other picks): its
 * answers are remembered, up to a bound, so that search costs lookups instead of regex passes.
 */
const COMPARABLE_CACHE_LIMIT = 20_000;
const comparableCache = new Map<string, string>();

/** For comparing options: case, quote marks, possessives and a leading article do not count. */
export function comparable(text: string): string {
  const known = comparableCache.get(text);
  if (known !== undefined) return known;
  if (comparableCache.size >= COMPARABLE_CACHE_LIMIT) comparableCache.clear();
  const result = compare(text);
  comparableCache.set(text, result);
  return result;
}

function compare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‚‛]/gu, "'")
    .replace(/[“”„‟"]/gu, '')
    .replace(/'s\b/gu, '')
    .replace(/^(the|a|an)\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when either text contains the other once compared loosely (so "Kim" and "Kim Jong-Un" clash). */
export function overlaps(a: string, b: string): boolean {
  const x = comparable(a);
  const y = comparable(b);
  if (x === '' || y === '') return x === y;
  return ` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `);
}

/** Whether `needle` occurs in `haystack` as words (case-insensitive, quote marks alike). */
export function occursIn(needle: string, haystack: string): boolean {
  const x = comparable(needle);
  if (x === '') return false;
  return ` ${comparable(haystack)} `.includes(` ${x} `);
}

export function stripFinalStop(text: string): string {
  return text.replace(/[\s.!?]+$/u, '');
}

/** The first `limit` words, ending at a word, with an ellipsis when cut. */
export function firstWords(text: string, limit: number): string {
  const words = text.split(/\s+/u);
  if (words.length <= limit) return text;
  return `${words
    .slice(0, limit)
    .join(' ')
    .replace(/[,;:]$/u, '')} …`;
}

export function quoted(text: string): string {
  return `“${text}”`;
}
