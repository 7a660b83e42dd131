import type { Sentence } from '../article/index.ts';
import { findAmounts, findDates, STOP_WORDS, type Amount } from './amounts.ts';
import { findAttribution, type Attribution } from './attribution.ts';
import { wordCount } from './text.ts';
import type { ArticleAnalysis, EntityKind, SentenceAnalysis, Span, Token } from './types.ts';

// Everything the generators need to know about one sentence, worked out once.

export interface SentenceFacts {
  sentence: Sentence;
  paragraphNumber: number;
  tokens: Token[];
  entities: Span[];
  amounts: Amount[];
  dates: Span[];
  /** Content words worth a cloze gap: uncommon nouns and adjectives outside names and numbers. */
  terms: Span[];
  attribution?: Attribution;
  words: number;
  /** Share of the words inside quote marks: a sentence that is mostly quotation is no fact source. */
  quoteShare: number;
  /** Suitable as the source of a fact (not a bare quotation, not a fragment). */
  factSource: boolean;
  /**
   * Suitable for a cloze: a fact source, or a quotation tied to someone the sentence names
   * (its words are worth recalling even though they are no fact of the article's own).
   */
  clozeSource: boolean;
  /** 0–1: lead position, names and numbers, a readable length. */
  score: number;
}

export interface ArticleFacts {
  sentences: SentenceFacts[];
  /** Every distinct entity of the article by kind, in order of first mention. */
  entitiesByKind: Map<EntityKind, string[]>;
  paragraphCount: number;
}

export function collectFacts(analysis: ArticleAnalysis): ArticleFacts {
  const paragraphCount = analysis.article.paragraphs.length;
  const sentences = analysis.sentences.map((sentence, index) => {
    const previous = analysis.sentences[index - 1]?.sentence;
    const cut =
      CUT_AT_ABBREVIATION.test(sentence.sentence.text) ||
      (previous?.paragraphId === sentence.sentence.paragraphId && CUT_AT_ABBREVIATION.test(previous.text));
    return sentenceFacts(sentence, paragraphCount, cut);
  });
  const entitiesByKind = new Map<EntityKind, string[]>();
  for (const facts of sentences) {
    for (const entity of facts.entities) {
      const kind = entity.kind as EntityKind;
      const list = entitiesByKind.get(kind) ?? [];
      if (!list.some((known) => known.toLowerCase() === entity.text.toLowerCase())) list.push(entity.text);
      entitiesByKind.set(kind, list);
    }
  }
  return { sentences, entitiesByKind, paragraphCount };
}

/**
 * "… was reported at around 5 p.m." + "Sunday as a 1-acre fire …": the sentence splitter took the
 * abbreviation's full stop for a sentence's end, so both halves are fragments, no source of facts.
 */
const CUT_AT_ABBREVIATION = /\b(?:a\.m|p\.m)\.$/u;

function sentenceFacts({ sentence, entities: rawEntities, tokens }: SentenceAnalysis, paragraphCount: number, cut = false): SentenceFacts {
  const text = sentence.text;
  const dates = findDates(text);
  const amounts = findAmounts(text, tokens, dates);
  const entities = cleanEntities(rawEntities, text, [...dates, ...amounts.map((amount) => amount.span)]);
  const terms = findTerms(tokens, [...entities, ...dates, ...amounts.map((amount) => amount.span)]);
  const attribution = findAttribution(text, tokens, entities);
  const words = wordCount(text);
  const quoteShare = quotedShare(text, words);
  const paragraphNumber = Number(sentence.paragraphId.slice(1));
  // A sentence without a full stop is usually page furniture the clean-up let through ("Get the latest news …").
  // Nor is an instruction to the reader ("Call 9-1-1 if …") or the tail of a quotation cut from its start.
  const imperative = tokens[0]?.pos === 'verb' && !/(ed|s)$/u.test(tokens[0].text);
  const unbalanced = (text.match(/[“”"]/gu)?.length ?? 0) % 2 === 1;
  const factSource =
    !cut &&
    quoteShare < 0.6 &&
    words >= 6 &&
    /[.!?][”’"')]*$/u.test(text.trim()) &&
    !imperative &&
    !unbalanced &&
    /^[“"‘(]?[\p{Lu}\p{N}]/u.test(text);
  const complete = !cut && /[.!?][”’"')]*$/u.test(text.trim()) && !unbalanced && /^[“"‘(]?[\p{Lu}\p{N}]/u.test(text);
  const clozeSource = factSource || (complete && words >= 8 && !imperative && entities.some((entity) => !insideQuotes(text, entity.start)));
  const lead = paragraphNumber <= 1 ? 1 : paragraphNumber === 2 ? 0.8 : Math.max(0.3, 1 - paragraphNumber / Math.max(paragraphCount, 4));
  const density = Math.min(1, (entities.length + amounts.length + dates.length) / 3);
  const lengthFit = words >= 10 && words <= 35 ? 1 : words >= 6 && words <= 45 ? 0.6 : 0.3;
  const score = (0.25 * lead + 0.45 * density + 0.3 * lengthFit) * (factSource ? 1 : 0.5);
  return {
    sentence,
    paragraphNumber,
    tokens,
    entities,
    amounts,
    dates,
    terms,
    ...(attribution && { attribution }),
    words,
    quoteShare,
    factSource,
    clozeSource,
    score,
  };
}

/** Words before a name that are an office or a courtesy, not more of the name ("Fire Marshal Ken Bell"). */
export const TITLES = new Set(
  'Mr Mrs Ms Miss Dr Sir Dame Lord Lady Queen King Prince Princess President Premier Minister Secretary Chancellor Governor Mayor Senator Judge Justice Chief Captain Marshal Sergeant Detective Inspector Officer Constable Commissioner Councillor Councilor Alderman Aldermen Sheriff Deputy Director Professor Bishop Pope Coach Crewman General Colonel Major Lieutenant Superintendent Spokesman Spokeswoman Spokesperson Manager Administrator Executive Chairman Chairwoman Chair Leader Speaker Ambassador Envoy Representative Rep Sen Gov Supervisor Trustee Commander Admiral Agent Attorney Counsel Member'.split(
    ' ',
  ),
);

/** Possessives off, text as it stands in the sentence, no overlap with numbers and dates, no duplicates. */
function cleanEntities(raw: readonly Span[], text: string, taken: readonly Span[]): Span[] {
  const result: Span[] = [];
  for (const entity of raw) {
    let start = entity.start;
    let end = entity.end;
    let value = text.slice(start, end);
    const trimmed = value.replace(/(’s|'s|’|')$/u, '').replace(/[\s,.;:!?“”"()]+$/u, '');
    end = start + trimmed.length;
    const lead = /^[\s“"(]+/u.exec(trimmed)?.[0].length ?? 0;
    start += lead;
    value = text.slice(start, end);
    if (value.length < 2 || !/\p{Lu}/u.test(value)) continue;
    // compromise sometimes cuts a name ("Kim Jong-", "John Dyson" of John Dyson Heydon): never offer half a name.
    if (/-$/u.test(value) || /^\p{L}/u.test(text.slice(end, end + 1))) continue;
    // "Marcos" of San Marcos, "City Cabin" of King City Cabin, "Wrangell-St" of Wrangell-St. Elias:
    // a name with more name on either side is only part of one.
    if (/^ \p{Lu}\p{Ll}/u.test(text.slice(end, end + 3))) continue;
    if (/\b(?:St|Mt|Ft)$/u.test(value) && text.charAt(end) === '.') continue;
    const before = text.slice(0, start);
    const previousMatch = /(\S+)\s+$/u.exec(before);
    const previous = previousMatch?.[1];
    const initial = !previousMatch || /^[\s“"‘(]*$/u.test(before.slice(0, previousMatch.index));
    if (previous && !initial && /^\p{Lu}[\p{Ll}.-]*$/u.test(previous) && !TITLES.has(previous.replace(/\.$/u, ''))) continue;
    // "the King’s Speech": a title alone names an office, not someone to ask about.
    if (entity.kind === 'person' && /^(King|Queen|President|Pope|Prince|Princess|Minister|Chancellor|Premier)$/u.test(value)) continue;
    if (taken.some((span) => span.start < end && start < span.end)) continue;
    if (result.some((known) => known.start < end && start < known.end)) continue;
    result.push({ kind: entity.kind, text: value, start, end });
  }
  return result;
}

function findTerms(tokens: readonly Token[], taken: readonly Span[]): Span[] {
  return tokens
    .filter((token) => token.pos === 'noun' || token.pos === 'adjective')
    .filter((token) => /^[\p{Ll}][\p{L}-]{4,}$/u.test(token.text) && !STOP_WORDS.has(token.text.toLowerCase()))
    .filter((token) => !taken.some((span) => span.start < token.end && token.start < span.end))
    .map((token) => ({ kind: 'term' as const, text: token.text, start: token.start, end: token.end }));
}

function insideQuotes(text: string, at: number): boolean {
  return ((text.slice(0, at).match(/[“”"]/gu)?.length ?? 0) & 1) === 1;
}

function quotedShare(text: string, words: number): number {
  let inside = 0;
  for (const match of text.matchAll(/[“"]([^“”"]*)[”"]/gu)) inside += wordCount(match[1] ?? '');
  return words === 0 ? 0 : inside / words;
}
