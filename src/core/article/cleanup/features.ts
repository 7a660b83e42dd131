// Per-line features for the learned line model (line-model.generated.ts). Each holds across
// publications: the shape of the line (length, closing punctuation, lower-case and function-word
// shares, figures, capitals), the words page furniture uses (as counts, not as rules), and where
// the line stands: above the first sentence of prose, under the last, beside lines the rules
// already took out. Pure: the lines and their rule verdicts in, numbers out.
import { featuresOf, hasInnerSentence, isLinkLabel, isPersonName, isProse } from './prose.ts';
import { ENDS_LIKE_A_SENTENCE, wordsOf } from './rules.ts';

/** One line as the model sees it: its text and whether the line rules already removed it. */
export interface ModelLine {
  text: string;
  removed: boolean;
  blankBefore: boolean;
  /**
   * The rules kept the line as the article's for a reason of their own (a schedule, a list the
   * article introduces, a crosshead): it counts as part of the article wherever the features
   * measure where a line stands, prose or not.
   */
  article?: boolean;
}

export const LINE_FEATURE_NAMES = [
  'log-words',
  'ends-like-sentence',
  'lower-share',
  'function-share',
  'prose',
  'inner-sentence',
  'digit-share',
  'all-caps-share',
  'caps-label-prefix',
  'furniture-words',
  'reader-address',
  'imperative-start',
  'link-label',
  'person-name',
  'list-marker',
  'ends-with-colon',
  'ends-with-ellipsis',
  'has-quote',
  'web-shape',
  'date-or-time',
  'before-first-prose',
  'after-last-prose',
  'log-distance-to-prose',
  'previous-prose',
  'next-prose',
  'previous-removed',
  'next-removed',
  'repeated-on-page',
  'relative-position',
  'no-blank-between-prose',
  'crosshead-shape',
  'short-with-furniture-signal',
  'title-case-share',
] as const;

export type LineFeatureName = (typeof LINE_FEATURE_NAMES)[number];

// Words that page furniture uses far more than a report does. A feature counts them; the model
// weighs them against the line's shape, so "the council's new app" in a sentence stays.
const FURNITURE_WORDS = new Set(
  `app apps download newsletter newsletters subscribe subscriber subscribers subscription donate donation logo gallery
  photos photo pictures click tap sign follow share shares advertisement advert sponsored archived podcast podcasts
  video videos watch listen free login register cookies inbox alerts notifications trending related sponsor`.split(/\s+/u),
);
const IMPERATIVE_STARTS = new Set(
  `get download sign subscribe donate look watch click follow share read see listen join support visit check tap try find
  discover explore learn browse shop save view`.split(/\s+/u),
);
// The verbs a site's appeal starts with.
const APPEAL_STARTS = new Set('donate subscribe sign download get support join follow register log click tap'.split(' '));

/** An appeal of the site to its reader: it starts with the appeal's verb and uses furniture's words. */
export function isAppeal(text: string): boolean {
  const words = wordsOf(text).map(bare);
  return (
    !ENDS_LIKE_A_SENTENCE.test(text) &&
    words.length <= 16 &&
    APPEAL_STARTS.has(words[0] ?? '') &&
    words.some((word) => FURNITURE_WORDS.has(word) || READER_WORDS.has(word) || word === 'our' || word === 'help')
  );
}

const READER_WORDS = new Set(['you', 'your', "you're", 'you’re', 'yours']);

/**
 * The line without what it quotes: a quotation (from its opening mark to its closing one, or to
 * the end of a line cut off inside it) is someone's speech, whose "you" talks to a listener, not
 * to the reader of the page.
 */
export function withoutQuotations(text: string): string {
  return text.replace(/[“"][^”"]*(?:[”"]|$)/gu, ' ').trim();
}

/** The line uses furniture's words, starts with an appeal's verb or talks to the reader (outside what it quotes). */
export function hasFurnitureSignal(text: string): boolean {
  const words = wordsOf(withoutQuotations(text)).map(bare);
  return (
    IMPERATIVE_STARTS.has(words[0] ?? '') || words.some((word) => FURNITURE_WORDS.has(word) || READER_WORDS.has(word) || word === 'here')
  );
}
/**
 * The line talks to the reader (outside what it quotes) or starts with an appeal's verb: furniture's
 * signal in a long line of running text, where furniture's nouns ("free", "video", "share") are a
 * report's words too.
 */
export function addressesReader(text: string): boolean {
  const words = wordsOf(withoutQuotations(text)).map(bare);
  return IMPERATIVE_STARTS.has(words[0] ?? '') || words.some((word) => READER_WORDS.has(word));
}
const MONTHS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d/iu;
const CLOCK = /\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)/iu;

function bare(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{Nd}]+|[^\p{L}\p{Nd}’']+$/gu, '');
}

function comparable(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/[.\s]+$/u, '')
    .trim()
    .toLowerCase();
}

/** The features of every line, in LINE_FEATURE_NAMES order. */
export function lineFeatures(lines: readonly ModelLine[]): number[][] {
  const proseAt = lines.map((line) => !line.removed && isProse(line.text));
  // The article's region: its prose and the lines the rules kept as the article's.
  const anchorAt = lines.map((line, index) => proseAt[index] === true || (!line.removed && line.article === true));
  const proseIndexes = anchorAt.flatMap((anchor, index) => (anchor ? [index] : []));
  const firstProse = proseIndexes[0] ?? lines.length;
  const lastProse = proseIndexes.at(-1) ?? -1;
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(comparable(line.text), (counts.get(comparable(line.text)) ?? 0) + 1);
  let previousProseIndex = -Infinity;
  const nearestBefore = lines.map((_, index) => {
    if (anchorAt[index]) previousProseIndex = index;
    return previousProseIndex;
  });
  let nextProseIndex = Infinity;
  const nearestAfter = new Array<number>(lines.length);
  for (let index = lines.length - 1; index >= 0; index--) {
    if (anchorAt[index]) nextProseIndex = index;
    nearestAfter[index] = nextProseIndex;
  }

  return lines.map((line, index) => {
    const text = line.text;
    const words = wordsOf(text);
    const count = words.length || 1;
    const shape = featuresOf(text);
    const bareWords = words.map(bare);
    const digits = words.filter((word) => /\p{Nd}/u.test(word)).length;
    const caps = words.filter((word) => /^\p{Lu}{2,}[\p{Lu}\p{P}]*$/u.test(word)).length;
    const furniture = bareWords.filter((word) => FURNITURE_WORDS.has(word)).length;
    const reader = bareWords.some((word) => READER_WORDS.has(word));
    const previous = lines[index - 1];
    const next = lines[index + 1];
    const distance = Math.min(index - (nearestBefore[index] ?? -Infinity), (nearestAfter[index] ?? Infinity) - index);
    const between = index > firstProse && index < lastProse;
    const signal = furniture > 0 || IMPERATIVE_STARTS.has(bareWords[0] ?? '') || reader || /^\p{Lu}{2,}[\p{Lu} ]*:\s/u.test(text);
    const short = shape.words <= 12 && !shape.endsLikeSentence;
    const long = words.filter((word) => /^\p{L}{4,}/u.test(bare(word)));
    const titleCase = long.length === 0 ? 0 : long.filter((word) => /^["“‘'(]?\p{Lu}/u.test(word)).length / long.length;
    return [
      Math.log1p(shape.words),
      shape.endsLikeSentence ? 1 : 0,
      shape.lowerShare,
      shape.functionShare,
      proseAt[index] ? 1 : 0,
      hasInnerSentence(text) ? 1 : 0,
      digits / count,
      caps / count,
      /^\p{Lu}{2,}[\p{Lu} ]*:\s/u.test(text) ? 1 : 0,
      Math.min(furniture, 3) / 3,
      reader ? 1 : 0,
      IMPERATIVE_STARTS.has(bareWords[0] ?? '') ? 1 : 0,
      isLinkLabel(text) ? 1 : 0,
      isPersonName(text) ? 1 : 0,
      /^(?:[-–•·▪‣∙*]\s*|\d{1,2}[.)]\s)/u.test(text) ? 1 : 0,
      /:$/u.test(text) ? 1 : 0,
      /(?:\.\.\.|…)$/u.test(text) ? 1 : 0,
      /["“”]/u.test(text) ? 1 : 0,
      /https?:|www\.|\.(?:com|org|net|co\.uk)\b|(?:^|\s)[@#]\w/iu.test(text) ? 1 : 0,
      MONTHS.test(text) || CLOCK.test(text) ? 1 : 0,
      index < firstProse ? 1 : 0,
      index > lastProse ? 1 : 0,
      Math.log1p(Number.isFinite(distance) ? distance : lines.length),
      previous && proseAt[index - 1] ? 1 : 0,
      next && proseAt[index + 1] ? 1 : 0,
      previous?.removed ? 1 : 0,
      next?.removed ? 1 : 0,
      (counts.get(comparable(text)) ?? 0) > 1 ? 1 : 0,
      lines.length > 1 ? index / (lines.length - 1) : 0,
      between && !line.blankBefore && !ENDS_LIKE_A_SENTENCE.test(text) ? 1 : 0,
      // A crosshead: a short title between paragraphs, the next line prose, no furniture's words.
      between && short && !signal && next !== undefined && proseAt[index + 1] ? 1 : 0,
      short && signal ? 1 : 0,
      titleCase,
    ];
  });
}

/** A logistic regression over standardised features: the generated module's shape. */
export interface LineModel {
  features: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
  /** A line whose probability of being the article's falls below this is removed. */
  threshold: number;
}

/** The model's probability that each line is a line of the article. */
export function articleProbabilities(model: LineModel, features: readonly number[][]): number[] {
  return features.map((row) => {
    let z = model.bias;
    for (let i = 0; i < row.length; i++) z += (model.weights[i] ?? 0) * (((row[i] ?? 0) - (model.mean[i] ?? 0)) / (model.scale[i] || 1));
    return 1 / (1 + Math.exp(-z));
  });
}
