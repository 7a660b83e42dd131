import { explainMissingQuote, type QuoteContext } from './quote-diagnosis.ts';
import { citableSentences } from './captions.ts';
import type { Article, Sentence } from './types.ts';

export type QuoteMatch = { kind: 'found'; sentence: Sentence } | { kind: 'missing' } | { kind: 'ambiguous'; sentences: Sentence[] };

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

/**
 * Finds the one sentence a quote proves. The rule: after normalising both, a sentence equal to
 * the quote wins; otherwise the quote must occur inside exactly one sentence (never across two).
 * The article is normalised once and searched in one pass per quote, so a bank of thousands of
 * quotes does not renormalise the article for each.
 */
export class QuoteIndex {
  readonly #sentences: readonly Sentence[];
  readonly #sentencesByText = new Map<string, Sentence[]>();
  /** Every normalised sentence, joined by newlines (which normalised text never contains). */
  readonly #allText: string;
  /** Where each sentence starts in #allText, ascending. */
  readonly #starts: number[] = [];
  readonly #cache = new Map<string, QuoteMatch>();

  readonly #context: QuoteContext;

  constructor(sentences: readonly Sentence[], context: QuoteContext = {}) {
    this.#sentences = sentences;
    this.#context = context;
    const texts = sentences.map((sentence) => normaliseForMatch(sentence.text));
    let offset = 0;
    texts.forEach((text, index) => {
      const sentence = sentences[index] as Sentence;
      const same = this.#sentencesByText.get(text);
      if (same) same.push(sentence);
      else this.#sentencesByText.set(text, [sentence]);
      this.#starts.push(offset);
      offset += text.length + 1;
    });
    this.#allText = texts.join('\n');
  }

  get isEmpty(): boolean {
    return this.#sentences.length === 0;
  }

  find(quote: string): QuoteMatch {
    const cached = this.#cache.get(quote);
    if (cached) return cached;
    const wanted = normaliseForMatch(quote);
    const candidates = wanted === '' ? [] : (this.#sentencesByText.get(wanted) ?? this.#sentencesContaining(wanted));
    const [only, ...others] = candidates;
    const match: QuoteMatch =
      only === undefined
        ? { kind: 'missing' }
        : others.length === 0
          ? { kind: 'found', sentence: only }
          : { kind: 'ambiguous', sentences: [...candidates] };
    this.#cache.set(quote, match);
    return match;
  }

  /**
   * Why a quote that matched no sentence does not: it is the headline's or a caption's, it runs
   * across sentences, or where it differs from the closest sentence. Undefined if nothing is close.
   */
  explainMissing(quote: string): string | undefined {
    return explainMissingQuote(this.#sentences, quote, this.#context);
  }

  /** One indexOf pass over the whole article instead of a search per sentence. */
  #sentencesContaining(passage: string): Sentence[] {
    const found: Sentence[] = [];
    for (let at = this.#allText.indexOf(passage); at !== -1;) {
      const index = this.#sentenceIndexAt(at);
      found.push(this.#sentences[index] as Sentence);
      // Continue from the next sentence: a passage counts once per sentence.
      const next = this.#starts[index + 1];
      at = next === undefined ? -1 : this.#allText.indexOf(passage, next);
    }
    return found;
  }

  #sentenceIndexAt(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

const indexes = new WeakMap<Article, QuoteIndex>();

/** The article's quote index, built on first use and kept as long as the article is. */
export function quoteIndexOf(article: Article): QuoteIndex {
  let index = indexes.get(article);
  if (!index) {
    // Captions are part of the page the student reads: their sentences can be cited too.
    index = new QuoteIndex(citableSentences(article), {
      headline: article.headline,
      credits: article.captions.flatMap((caption) => (caption.credit ? [caption.credit] : [])),
    });
    indexes.set(article, index);
  }
  return index;
}

/** Locates the one sentence a quote proves (see QuoteIndex for the rule). */
export function findSentenceByQuote(article: Article, quote: string): QuoteMatch {
  return quoteIndexOf(article).find(quote);
}
