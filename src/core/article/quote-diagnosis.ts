import { normaliseForMatch } from './quote.ts';
import type { Sentence } from './types.ts';

// Why a quote matches no sentence, in words an author can act on: it is the headline's text or a
// picture's credit (neither is a citable sentence; a caption's sentences are), it runs across
// sentences, or it differs from the closest sentence at a named word.

export interface QuoteContext {
  headline?: string;
  /** The pictures' credits ("AFP/Getty"): printed with a caption, not part of its sentences. */
  credits?: readonly string[];
}

function words(text: string): string[] {
  return text.split(' ').filter((word) => word !== '');
}

function bare(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function opening(sentence: Sentence): string {
  const text = words(sentence.text).slice(0, 6).join(' ');
  return text.length < sentence.text.length ? `${text}…` : text;
}

/** Sentences (two or more, in order) that the quote runs across, if it does. */
function spannedSentences(sentences: readonly Sentence[], wanted: string): Sentence[] | undefined {
  const texts = sentences.map((sentence) => normaliseForMatch(sentence.text));
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + 1;
  }
  const joined = texts.join(' ');
  const at = joined.indexOf(wanted);
  if (at === -1) return undefined;
  const indexAt = (position: number): number => {
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1] as number) <= position) index++;
    return index;
  };
  const first = indexAt(at);
  const last = indexAt(at + wanted.length - 1);
  return last > first ? sentences.slice(first, last + 1) : undefined;
}

/** Where the quote and the sentence part ways, word by word, from the quote's first word. */
function firstDifference(quoteWords: readonly string[], sentenceWords: readonly string[]): string {
  const first = bare(quoteWords[0] ?? '');
  const start = Math.max(
    0,
    sentenceWords.findIndex((word) => bare(word) === first),
  );
  for (let i = 0; i < quoteWords.length; i++) {
    const quoted = quoteWords[i] as string;
    const written = sentenceWords[start + i];
    if (written === undefined) return `the sentence ends before “${quoteWords.slice(i).join(' ')}”`;
    if (quoted !== written) return `the quote has “${quoted}” where the sentence has “${written}”`;
  }
  return 'they differ in spacing or punctuation';
}

/**
 * Explains why no sentence holds the quote. Returns a phrase to add to "quote not found", or
 * undefined when nothing in the article comes close.
 */
export function explainMissingQuote(sentences: readonly Sentence[], quote: string, context: QuoteContext = {}): string | undefined {
  const wanted = normaliseForMatch(quote);
  if (wanted === '') return undefined;
  if (context.headline && normaliseForMatch(context.headline).includes(wanted)) {
    return 'it is in the headline, which is not one of the article’s sentences and cannot be cited';
  }
  if (context.credits?.some((credit) => normaliseForMatch(credit).includes(wanted))) {
    return 'it is in the picture’s credit, which is not a sentence of the article and cannot be cited';
  }
  const spanned = spannedSentences(sentences, wanted);
  if (spanned) {
    return `it runs across ${spanned.length} sentences (${spanned.map((sentence) => sentence.id).join(', ')}): quote one of them`;
  }
  const quoteWords = words(wanted);
  const wantedBare = new Set(quoteWords.map(bare).filter((word) => word !== ''));
  let best: { sentence: Sentence; share: number } | undefined;
  for (const sentence of sentences) {
    const present = new Set(words(normaliseForMatch(sentence.text)).map(bare));
    let shared = 0;
    for (const word of wantedBare) if (present.has(word)) shared++;
    const share = wantedBare.size === 0 ? 0 : shared / wantedBare.size;
    if (!best || share > best.share) best = { sentence, share };
  }
  // A short quote is close to too many sentences for a comparison to help.
  if (!best || wantedBare.size < 4 || best.share < 0.6) return undefined;
  const difference = firstDifference(quoteWords, words(normaliseForMatch(best.sentence.text)));
  return `the closest sentence is ${best.sentence.id} (“${opening(best.sentence)}”): ${difference}`;
}
