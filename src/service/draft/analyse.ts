import nlp from 'compromise';
import type { Article } from '../../core/article/index.ts';
import type { ArticleAnalysis, EntityKind, PartOfSpeech, SentenceAnalysis, Span, Token } from '../../core/draft/index.ts';

// The one place the NLP package is used: compromise 14 (its model ships inside the package, so
// nothing is fetched). bench/nlp-choice.bench.ts measured it against wink-nlp's lite web model,
// which finds no people, places or organisations; the drafter needs all three.
// Each sentence is read on its own, so every offset is an offset into that sentence's text.

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

export function analyseSentence(sentence: Article['sentences'][number]): SentenceAnalysis {
  const doc = nlp(sentence.text);
  const [json] = doc.json({ offset: true, terms: { offset: true } }) as JsonMatch[];
  const tokens: Token[] = (json?.terms ?? []).map((term) => ({
    text: term.text,
    start: term.offset.start,
    end: term.offset.start + term.offset.length,
    pos: partOfSpeech(term.tags),
  }));
  const entities: Span[] = [];
  for (const [kind, method] of ENTITY_METHODS) {
    for (const match of doc[method]().json({ offset: true }) as JsonMatch[]) {
      entities.push({ kind, text: match.text, start: match.offset.start, end: match.offset.start + match.offset.length });
    }
  }
  entities.sort((a, b) => a.start - b.start);
  return { sentence, entities, tokens };
}

export function analyseArticle(article: Article): ArticleAnalysis {
  return { article, sentences: article.sentences.map(analyseSentence) };
}
