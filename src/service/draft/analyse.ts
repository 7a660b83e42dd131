import nlp from 'compromise';
import type { Article } from '../../core/article/index.ts';
import type { ArticleAnalysis, EntityKind, PartOfSpeech, SentenceAnalysis } from '../../core/draft/index.ts';

// The one place the NLP package is used: compromise 14 (its model ships inside the package, so
// nothing is fetched). bench/nlp-choice.bench.ts measured it against wink-nlp's lite web model,
// which finds no people, places or organisations; the drafter needs all three.

interface JsonTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface JsonMatch {
  text: string;
  offset: { start: number; length: number };
  terms: JsonTerm[];
}

const ENTITY_METHODS: [EntityKind, 'people' | 'places' | 'organizations'][] = [
  ['person', 'people'],
  ['organisation', 'organizations'],
  ['place', 'places'],
];

function partOfSpeech(tags: readonly string[]): PartOfSpeech {
  const has = (tag: string) => tags.includes(tag);
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

/**
 * Reads the whole article in one pass (about twice as fast as sentence by sentence: the
 * package's per-document work is paid once), then hands each sentence its own tokens and
 * entities with offsets into that sentence's text. Sentences are joined by a blank line, which
 * the package never reads across; a match that still straddles two sentences is dropped.
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

  const doc = nlp(text);
  for (const match of doc.json({ offset: true, terms: { offset: true } }) as JsonMatch[]) {
    for (const term of match.terms) {
      const at = locate(term.offset.start, term.offset.start + term.offset.length);
      if (!at) continue;
      sentences[at.index]!.tokens.push({ text: term.text, start: at.start, end: at.end, pos: partOfSpeech(term.tags) });
    }
  }
  for (const [kind, method] of ENTITY_METHODS) {
    for (const found of doc[method]().json({ offset: true, terms: { offset: true } }) as JsonMatch[]) {
      const match = kind === 'person' ? withoutLeadingTitles(found) : found;
      if (!match) continue;
      const at = locate(match.offset.start, match.offset.start + match.offset.length);
      if (at) sentences[at.index]!.entities.push({ kind, text: match.text, start: at.start, end: at.end });
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
function withoutLeadingTitles(match: JsonMatch): JsonMatch | undefined {
  const terms = match.terms ?? [];
  const first = terms.findIndex(
    (term) => term.tags.includes('FirstName') || term.tags.includes('LastName') || HONORIFICS.has(term.text.replace(/\.$/u, '')),
  );
  if (first <= 0) return match;
  const start = terms[first]!.offset.start;
  const end = match.offset.start + match.offset.length;
  return {
    ...match,
    text: terms
      .slice(first)
      .map((term) => term.text)
      .join(' '),
    offset: { start, length: end - start },
  };
}
