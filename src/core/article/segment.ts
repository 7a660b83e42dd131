import { isCreditOnly } from './cleanup/credit.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Abbreviations that are always followed by more of the same sentence (a name, an example...).
const ALWAYS_CONTINUES =
  /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|Hon|Mt|Ft|e\.g|i\.e|vs|cf|approx)\.$/u;
// Abbreviations that continue the sentence when a number follows ("No. 10", "Jan. 3").
const CONTINUES_BEFORE_NUMBER = /(?:^|[^\p{L}])(?:No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Fig|Vol|pp?)\.$/u;
// A lone capital letter with a full stop is an initial ("J. K. Rowling"); "U.S." is not matched
// because its last letter is preceded by a full stop, so "in the U.S. He said" still splits.
const ENDS_WITH_INITIAL = /(?:^|[\s(“"‘'])\p{Lu}\.$/u;
// Ellipses mostly mark omitted words inside quotations rather than the end of a sentence.
const ENDS_WITH_ELLIPSIS = /(?:\.\.\.|…)$/u;
// ICU always breaks after ! and ?, even inside a quote that the sentence carries on past:
// He shouted “Stop!” and ran.
const ENDS_WITH_EXCLAMATION_OR_QUESTION = /[!?][”’"')\]]*$/u;
const STARTS_LOWERCASE = /^[“"‘'(]*\p{Ll}/u;
const STARTS_WITH_DIGIT = /^\p{Nd}/u;

function continuesSentence(previous: string, next: string): boolean {
  if (ALWAYS_CONTINUES.test(previous)) return true;
  if (ENDS_WITH_INITIAL.test(previous)) return true;
  if (ENDS_WITH_ELLIPSIS.test(previous)) return true;
  if (CONTINUES_BEFORE_NUMBER.test(previous) && STARTS_WITH_DIGIT.test(next)) return true;
  if (ENDS_WITH_EXCLAMATION_OR_QUESTION.test(previous) && STARTS_LOWERCASE.test(next)) return true;
  // A photo credit belongs to the sentence it credits, it is not a sentence of its own.
  return isCreditOnly(next);
}

/** Splits one paragraph's text into trimmed sentences. */
export function segmentSentences(text: string): string[] {
  // Merged pieces keep their original spacing; only the outer whitespace is trimmed.
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment.trim() === '') continue;
    const last = sentences.length - 1;
    const previous = sentences[last];
    if (previous !== undefined && continuesSentence(previous.trim(), segment.trim())) {
      sentences[last] = previous + segment;
    } else {
      sentences.push(segment);
    }
  }
  return sentences.map((sentence) => sentence.trim());
}

/**
 * A paragraph's sentences: found by the segmenter in its text, or, when the teacher has checked
 * or edited the boundaries, given as the array of its sentences and kept exactly (trimmed).
 */
export function sentencesOf(paragraph: string | readonly string[]): string[] {
  if (typeof paragraph === 'string') return segmentSentences(paragraph);
  return paragraph.map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
}

/** Joins the sentence at `index` with the one after it (the segmenter split where it should not). */
export function mergeSentences(sentences: readonly string[], index: number): string[] {
  if (index < 0 || index + 1 >= sentences.length) return [...sentences];
  return [...sentences.slice(0, index), `${sentences[index]} ${sentences[index + 1]}`, ...sentences.slice(index + 2)];
}

/** Splits the sentence at `index` after `offset` characters (the segmenter missed a boundary). */
export function splitSentence(sentences: readonly string[], index: number, offset: number): string[] {
  const sentence = sentences[index];
  if (sentence === undefined) return [...sentences];
  const before = sentence.slice(0, offset).trim();
  const after = sentence.slice(offset).trim();
  if (before === '' || after === '') return [...sentences];
  return [...sentences.slice(0, index), before, after, ...sentences.slice(index + 1)];
}
