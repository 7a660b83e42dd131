// Features of a line that hold across publications: whether it reads as prose (a sentence of
// running text) or as a label. The line rules name furniture that looks the same on every site;
// these features find the article as the region of prose, whatever the site's furniture says.
import { ENDS_LIKE_A_SENTENCE, wordsOf } from './rules.ts';

// The little words of running English: a line of prose has several, a label or a name few.
const FUNCTION_WORDS = new Set(
  `a an the of to in on at by for from with and or but that which who whom whose is are was were be been being has have had
  do does did will would can could should may might must it its he she they we you i his her their our your this these those
  there here as than then not no so if when while after before about into over under said says`.split(/\s+/u),
);

export interface LineFeatures {
  words: number;
  /** Ends with a full stop, a question or exclamation mark, perhaps inside quotes. */
  endsLikeSentence: boolean;
  /** Share of words that start with a lower-case letter. */
  lowerShare: number;
  /** Share of words that are function words ("the", "of", "said"…). */
  functionShare: number;
}

export function featuresOf(text: string): LineFeatures {
  const words = wordsOf(text);
  const count = words.length || 1;
  let lower = 0;
  let functional = 0;
  for (const word of words) {
    if (/^["“‘'(]?\p{Ll}/u.test(word)) lower++;
    if (FUNCTION_WORDS.has(word.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))) functional++;
  }
  return {
    words: words.length,
    endsLikeSentence: ENDS_LIKE_A_SENTENCE.test(text),
    lowerShare: lower / count,
    functionShare: functional / count,
  };
}

/**
 * Running text: a sentence of some length, mostly in lower case, with the little words of
 * English in it; or a long line of such text cut off without its full stop.
 */
export function isProse(text: string): boolean {
  const f = featuresOf(text);
  if (f.words >= 6 && f.endsLikeSentence && f.lowerShare >= 0.3 && f.functionShare >= 0.1) return true;
  // Sentences with something glued after the last one ("… will continue.” (Reporting by …)"),
  // or a long sentence cut off by the copy.
  if (f.words >= 12 && f.lowerShare >= 0.4 && f.functionShare >= 0.15 && /[.!?]["”’]?\s/u.test(text)) return true;
  return f.words >= 25 && f.lowerShare >= 0.4 && f.functionShare >= 0.15;
}

/** A link's or a menu's label: it points somewhere else ("Home Page -", "Next »", "‹ Older posts"). */
export function isLinkLabel(text: string): boolean {
  return wordsOf(text).length <= 8 && (/\s[-–—|»›>]$/u.test(text) || /^[«‹<]\s/u.test(text) || /[»›]$/u.test(text));
}

/** A name on its own: two to four capitalised words ("Jessica Lewis", "Mary-Ann O’Neill"). */
export function isPersonName(text: string): boolean {
  // "The Storm’s Onset" is a title: a name does not start with an article.
  if (/^(?:the|a|an)\s/iu.test(text)) return false;
  return /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|van|von|al|da|di|le|la)\s+)?\p{Lu}[\p{L}'’.-]*){1,3}$/u.test(text);
}

/** More than one sentence on the line: a headline is one. */
export function hasInnerSentence(text: string): boolean {
  const inner = text.replace(/[.!?…]["”’')\]]*$/u, '');
  return /(?<!\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|vs|No|Gov|Sen|Rep|Gen|Lt|Col|Capt|Prof|Inc|Co|Ltd|Ave|Rd))(?<=\p{Ll})[.!?]["”’]?\s+\p{Lu}\p{Ll}/u.test(
    inner,
  );
}
