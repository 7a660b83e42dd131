import { z } from 'zod';

// A sentence's id, defined once: the article parser makes them, and the contract's public
// article, feedback and evidence responses accept only this form. Body sentences are "p3.s2";
// a picture caption's sentences are "c1.s1" (captions are part of the page a student reads, so
// they can be cited), numbered apart so that adding captions never renumbers the body.

/**
 * "p3.s2": body paragraph 3, its sentence 2, both counted from 1; "c1.s1": caption 1, its
 * sentence 1. Four digits each is far beyond any news article, and keeps a hostile id short.
 */
export const SENTENCE_ID_PATTERN = /^[pc]\d{1,4}\.s\d{1,4}$/;
export const SentenceId = z.string().regex(SENTENCE_ID_PATTERN, 'a sentence id like p3.s2 (or c1.s1 in a caption)');

export function paragraphId(paragraphNumber: number): string {
  return `p${paragraphNumber}`;
}

export function sentenceId(paragraphNumber: number, sentenceNumber: number): string {
  return `${paragraphId(paragraphNumber)}.s${sentenceNumber}`;
}

export function captionId(captionNumber: number): string {
  return `c${captionNumber}`;
}

export function captionSentenceId(captionNumber: number, sentenceNumber: number): string {
  return `${captionId(captionNumber)}.s${sentenceNumber}`;
}
