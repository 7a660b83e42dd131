import nlp from 'compromise';
import type { Article } from '../../core/article/index.ts';
import type { ArticleAnalysis, EntityKind, PartOfSpeech, SentenceAnalysis } from '../../core/draft/index.ts';

// The one place the NLP package is used: compromise 14 (its model ships inside the package, so
// nothing is fetched). bench/nlp-choice.bench.ts measured it against wink-nlp's lite web model,
// which finds no people, places or organisations; the drafter needs all three.

const ENTITY_METHODS: [EntityKind, 'people' | 'places' | 'organizations'][] = [
  ['person', 'people'],
  ['organisation', 'organizations'],
  ['place', 'places'],
];

function partOfSpeech(tags: ReadonlySet<string>): PartOfSpeech {
  const has = (tag: string) => tags.has(tag);
  if (has('Pronoun') || has('Possessive')) return has('ProperNoun') ? 'proper' : 'pronoun';
  if (has('Modal')) return 'modal';
  // "becoming", "to take": not the finite verb a question can be built around.
  if (has('Gerund') || (has('Infinitive') && !has('PresentTense'))) return 'other';
  if (has('Verb') || has('Auxiliary') || has('Copula')) return 'verb';
  if (has('ProperNoun') || has('Person') || has('Place') || has('Organization')) return 'proper';
  if (has('Value') || has('Cardinal')) return 'noun';
  if (has('Noun')) return 'noun';
  if (has('Adjective')) return 'adjective';
  if (has('Adverb')) return 'adverb';
  if (has('Determiner')) return 'determiner';
  if (has('Preposition')) return 'preposition';
  return 'other';
}

/** The parts of a compromise term the drafter reads (its internal document, not the JSON export). */
interface Term {
  pre: string;
  text: string;
  post: string;
  tags: Set<string>;
}
interface Doc {
  document: Term[][];
  people: () => Found;
  organizations: () => Found;
  places: () => Found;
}
/** A match as compromise points at it: [document index, first term, end term (exclusive)]. */
interface Found {
  fullPointer: [number, number, number, ...unknown[]][];
}

/**
 * Reads the whole article in one pass of the package (its per-document work is paid once), then
 * hands each sentence its own tokens and entities with offsets into that sentence's text.
 * Sentences are joined by a blank line, which the package never reads across; a match that still
 * straddles two sentences is dropped. Offsets come from walking the package's own terms (each
 * keeps its exact text) and its matches' pointers, rather than from its JSON export, which the
 * entity lookups paid for again (the export of three entity lists cost more than the lists).
 */
export function analyseArticle(article: Article): ArticleAnalysis {
  const starts: number[] = [];
  let text = '';
  for (const sentence of article.sentences) {
    if (text !== '') text += SEPARATOR;
    starts.push(text.length);
    text += sentence.text;
  }
  const sentences: SentenceAnalysis[] = article.sentences.map((sentence) => ({ sentence, entities: [], tokens: [] }));
  if (text === '') return { article, sentences };
  /** The sentence holding [start, end), with the offsets made local to it. */
  const locate = (start: number, end: number): { index: number; start: number; end: number } | undefined => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= start) low = middle;
      else high = middle - 1;
    }
    const sentenceStart = starts[low]!;
    const length = article.sentences[low]!.text.length;
    if (end - sentenceStart > length) return undefined;
    return { index: low, start: start - sentenceStart, end: end - sentenceStart };
  };

  const doc = nlp(text) as unknown as Doc;
  // Where each term's text starts in `text`, found in order from a cursor. The implicit half of a
  // contraction ("n't" of "couldn't") has no text of its own and is no token.
  const offsets: number[][] = [];
  let cursor = 0;
  for (const terms of doc.document) {
    const row: number[] = [];
    for (const term of terms) {
      const at = term.text === '' ? -1 : text.indexOf(term.text, cursor);
      const start = at < 0 ? cursor : at;
      row.push(start);
      cursor = start + term.text.length;
      if (term.text === '') continue;
      const local = locate(start, cursor);
      if (local) sentences[local.index]!.tokens.push({ text: term.text, start: local.start, end: local.end, pos: partOfSpeech(term.tags) });
    }
    offsets.push(row);
  }
  for (const [kind, method] of ENTITY_METHODS) {
    for (const [n, first, endTerm] of doc[method]().fullPointer) {
      const terms = doc.document[n]!;
      const from = kind === 'person' ? firstNameTerm(terms, first, endTerm) : first;
      if (from < 0 || endTerm <= from) continue;
      const last = terms[endTerm - 1]!;
      const start = offsets[n]![from]!;
      // Like the package's own match text: the last term's punctuation up to the next space stays
      // on, so "Kim Jong-" (a name cut at its hyphen) is seen as cut and never offered.
      const end = offsets[n]![endTerm - 1]! + last.text.length + (/^\S*/u.exec(last.post)?.[0].length ?? 0);
      const at = locate(start, end);
      if (at)
        sentences[at.index]!.entities.push({ kind, text: text.slice(start, end).replace(/[,;:.!?]+$/u, ''), start: at.start, end: at.end });
    }
  }
  for (const sentence of sentences) sentence.entities.sort((a, b) => a.start - b.start || a.end - b.end);
  return { article, sentences };
}

const SEPARATOR = '\n\n';

const HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Sir', 'Dame']);

/**
 * "Energy Peter Altmaier", "Minister Richard Sulik": compromise folds the words before a name
 * into the person. A person starts at a name (or Mr, Ms …), so words before it go.
 */
function firstNameTerm(terms: readonly Term[], first: number, end: number): number {
  for (let i = first; i < end; i++) {
    const term = terms[i]!;
    if (term.tags.has('FirstName') || term.tags.has('LastName') || HONORIFICS.has(term.text.replace(/\.$/u, ''))) return i;
  }
  return first;
}
