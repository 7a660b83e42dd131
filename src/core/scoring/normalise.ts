import { distance } from 'fastest-levenshtein';

// Punctuation a student may wrap an answer in without meaning anything by it. The hyphen-minus
// is deliberately absent: "-5" and "5" are different answers.
const EDGE = `[\\s.,;:!?'"()\\[\\]{}…¡¿*_–—]+`;
const LEADING = new RegExp(`^${EDGE}`, 'u');
const TRAILING = new RegExp(`${EDGE}$`, 'u');

/**
 * The form in which two answers are compared. See docs/scoring.md for the list of what is
 * ignored; everything not listed there (internal punctuation, word order, spelling) still counts.
 */
export function normaliseAnswer(text: string): string {
  let s = text
    // Keyboards and word processors disagree on quotes; the student meant the same character.
    .replace(/[‘’‚‛′ʼ`]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    // Compatibility forms (full-width digits, ligatures) and accents are typing accidents, not answers.
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    // Thousands separators: 120,000 / 120 000 / 120000 are one number. Only groups of exactly
    // three digits qualify, so "1,5" and "3, 4" are left alone.
    .replace(/(\d)[, ](?=\d{3}(?!\d))/g, '$1');
  s = s.replace(LEADING, '').replace(TRAILING, '');
  // "the Security Council" and "Security Council" name the same thing; an article is never the
  // point of a reading-comprehension answer.
  s = s.replace(/^(?:the|an?) /, '').replace(LEADING, '');
  return s;
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/**
 * Typo tolerance against one normalised accepted answer. Numbers are never approximated, and the
 * first letter must agree, because a different first letter usually means a different word
 * ("Tonya" for "Sonya") rather than a slip of the finger.
 */
function isNearMiss(given: string, accepted: string): boolean {
  if (!/\p{L}/u.test(accepted)) return false;
  if (given.codePointAt(0) !== accepted.codePointAt(0)) return false;
  if (digitsOf(given) !== digitsOf(accepted)) return false;
  const length = [...accepted].length;
  const allowed = length >= 9 ? 2 : length >= 5 ? 1 : 0;
  return allowed > 0 && distance(given, accepted) <= allowed;
}

export function answersMatch(given: string, accepted: readonly string[]): boolean {
  const g = normaliseAnswer(given);
  if (g === '') return false;
  return accepted.some((answer) => {
    const a = normaliseAnswer(answer);
    return a !== '' && (a === g || isNearMiss(g, a));
  });
}
