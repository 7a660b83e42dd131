import { z } from 'zod';

// A sentence's id, defined once: the article parser makes them, and the contract's public
// article, feedback and evidence responses accept only this form.

/**
 * "p3.s2": body paragraph 3, its sentence 2, both counted from 1. Four digits each is far beyond
 * any news article, and keeps a hostile id short.
 */
export const SENTENCE_ID_PATTERN = /^p\d{1,4}\.s\d{1,4}$/;
export const SentenceId = z.string().regex(SENTENCE_ID_PATTERN, 'a sentence id like p3.s2');

export function paragraphId(paragraphNumber: number): string {
  return `p${paragraphNumber}`;
}

export function sentenceId(paragraphNumber: number, sentenceNumber: number): string {
  return `${paragraphId(paragraphNumber)}.s${sentenceNumber}`;
}
