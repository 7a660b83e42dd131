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
