import { colemanLiau } from 'coleman-liau';
import { flesch } from 'flesch';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { segmentSentences } from './segment.ts';
import type { Article } from './types.ts';

// Reading statistics of an article's body, for the import screen and the library's cards: how
// long it is, how long it takes to read, and how hard it reads by two open grade formulas that
// measure different things (Flesch–Kincaid counts syllables, Coleman–Liau counts letters), so a
// teacher can see when they disagree. The formulas are the small maintained packages `flesch`,
// `flesch-kincaid` and `coleman-liau`; syllables are counted by `syllable`. The counting is ours
// and deliberately plain, so that a figure can be checked by hand:
//   - a word is a run of non-space characters holding at least one letter or digit ("e-mail",
//     "don't" and "10,000" are one word each; a lone dash is none);
//   - sentences are the ones the app numbers (the same segmenter), so the figures describe the
//     text the students read;
//   - letters are the letters and digits of the words; a word has at least one syllable (the
//     package counts none in "1966").
// Headline, standfirst and captions are not counted: the formulas are for running text.

/** Words a student reads per minute, silently, in non-fiction: a conservative school-age figure. */
export const WORDS_PER_MINUTE = 200;

export interface ReadingStats {
  words: number;
  sentences: number;
  syllables: number;
  /** Letters and digits in the words. */
  letters: number;
  /** Whole minutes at WORDS_PER_MINUTE, rounded up; 0 only for an empty text. */
  readingMinutes: number;
  /** Flesch–Kincaid grade level (US school grade), one decimal. */
  fleschKincaidGrade: number;
  /** Flesch reading ease: 100 very easy, 0 very hard (it can fall outside both), one decimal. */
  fleschReadingEase: number;
  /** Coleman–Liau index (US school grade), one decimal. */
  colemanLiauGrade: number;
  /**
   * The grade to show in one figure: the mean of the two grade formulas, rounded to a whole
   * grade and never below 1. Undefined for an empty text.
   */
  gradeLevel?: number;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The words of a text, as counted here. */
export function wordsOfText(text: string): string[] {
  return text.split(/\s+/u).filter((token) => HAS_LETTER_OR_DIGIT.test(token));
}

/** Statistics of text already cut into sentences (an article's numbered sentences). */
export function readingStatsOfSentences(sentences: readonly string[], options: { wordsPerMinute?: number } = {}): ReadingStats {
  const wordsPerMinute = options.wordsPerMinute ?? WORDS_PER_MINUTE;
  if (!(wordsPerMinute > 0)) throw new RangeError(`reading speed must be a positive number of words per minute, not ${wordsPerMinute}`);
  let words = 0;
  let syllables = 0;
  let letters = 0;
  let sentenceCount = 0;
  for (const sentence of sentences) {
    const sentenceWords = wordsOfText(sentence);
    if (sentenceWords.length === 0) continue;
    sentenceCount++;
    for (const word of sentenceWords) {
      const bare = word.replace(NOT_LETTER_OR_DIGIT, '');
      words++;
      letters += bare.length;
      syllables += Math.max(1, syllable(word));
    }
  }
  if (words === 0) {
    return {
      words: 0,
      sentences: 0,
      syllables: 0,
      letters: 0,
      readingMinutes: 0,
      fleschKincaidGrade: 0,
      fleschReadingEase: 0,
      colemanLiauGrade: 0,
    };
  }
  const counts = { sentence: sentenceCount, word: words, syllable: syllables, letter: letters };
  const fleschKincaidGrade = fleschKincaid(counts);
  const colemanLiauGrade = colemanLiau(counts);
  return {
    words,
    sentences: sentenceCount,
    syllables,
    letters,
    readingMinutes: Math.ceil(words / wordsPerMinute),
    fleschKincaidGrade: oneDecimal(fleschKincaidGrade),
    fleschReadingEase: oneDecimal(flesch(counts)),
    colemanLiauGrade: oneDecimal(colemanLiauGrade),
    gradeLevel: Math.max(1, Math.round((fleschKincaidGrade + colemanLiauGrade) / 2)),
  };
}

/** Statistics of body paragraphs given as text (each paragraph is cut into sentences here). */
export function readingStats(paragraphs: readonly string[], options: { wordsPerMinute?: number } = {}): ReadingStats {
  return readingStatsOfSentences(
    paragraphs.flatMap((paragraph) => segmentSentences(paragraph)),
    options,
  );
}

/** Statistics of a parsed article's numbered body sentences. */
export function articleReadingStats(article: Pick<Article, 'sentences'>, options: { wordsPerMinute?: number } = {}): ReadingStats {
  return readingStatsOfSentences(
    article.sentences.map((sentence) => sentence.text),
    options,
  );
}
