import type { Article, Sentence } from './types.ts';

export type QuoteMatch =
  | { kind: 'found'; sentence: Sentence }
  | { kind: 'missing' }
  | { kind: 'ambiguous'; sentences: Sentence[] };

/**
 * Makes a quote comparable with article text despite copy-paste differences in spacing and
 * quote marks. Deliberately nothing more: case and wording must match the article exactly.
 */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[‘’‚‛]/gu, "'")
    .replace(/[“”„‟]/gu, '"');
}

/** Locates the one sentence a quote proves: an exact sentence, or a passage of exactly one. */
export function findSentenceByQuote(article: Article, quote: string): QuoteMatch {
  const wanted = normaliseForMatch(quote);
  if (wanted === '') return { kind: 'missing' };

  const normalised = article.sentences.map((sentence) => ({ sentence, text: normaliseForMatch(sentence.text) }));
  const exact = normalised.filter(({ text }) => text === wanted);
  const candidates = exact.length > 0 ? exact : normalised.filter(({ text }) => text.includes(wanted));

  const [only, ...others] = candidates.map(({ sentence }) => sentence);
  if (only === undefined) return { kind: 'missing' };
  if (others.length === 0) return { kind: 'found', sentence: only };
  return { kind: 'ambiguous', sentences: [only, ...others] };
}
