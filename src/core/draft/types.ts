import type { Article, Sentence } from '../article/index.ts';
import type { Question, QuestionType } from '../bank/schema.ts';

// What the drafter works on and what it gives back. The analysis (who and what a sentence names,
// its parts of speech) comes from an NLP package in the service; everything after that is pure
// and lives here, so the generators are tested without the package and run anywhere.

export type EntityKind = 'person' | 'place' | 'organisation';
export type SpanKind = EntityKind | 'number' | 'date' | 'term';

/** A stretch of one sentence's text: [start, end) in UTF-16 units of `sentence.text`. */
export interface Span {
  kind: SpanKind;
  text: string;
  start: number;
  end: number;
}

export type PartOfSpeech =
  'noun' | 'proper' | 'pronoun' | 'verb' | 'modal' | 'adjective' | 'adverb' | 'determiner' | 'preposition' | 'other';

export interface Token {
  text: string;
  start: number;
  end: number;
  pos: PartOfSpeech;
}

/** One sentence as the NLP package saw it: named entities and tokens, offsets into its text. */
export interface SentenceAnalysis {
  sentence: Sentence;
  entities: Span[];
  tokens: Token[];
}

export interface ArticleAnalysis {
  article: Article;
  sentences: SentenceAnalysis[];
}

export interface DraftOptions {
  /** Same article and seed, same drafts. */
  seed?: number;
  /** At most this many drafts, the best first. */
  max?: number;
}

export type DraftGenerator =
  'cloze' | 'who-said-it' | 'numbers' | 'true-false' | 'detail-choice' | 'short-answer' | 'ordering' | 'evidence-selection';

export interface Draft {
  question: Question;
  generator: DraftGenerator;
  /** 0–100: how informative the source sentences are and how sure the generator is. */
  score: number;
  /** The paragraph of the first evidence sentence: where the panel lists the draft. */
  paragraphId: string;
  sentenceIds: string[];
  /** What the draft tests, e.g. "amount:p8.s1:120,000"; two drafts never test the same fact. */
  facts: string[];
  /** A false statement's one change: the sentence's words and what stands in their place. */
  swap?: { from: string; to: string };
}

export interface DraftResult {
  drafts: Draft[];
  /** How many candidates the generators made before ranking dropped repeats and cut to max. */
  candidates: number;
  types: QuestionType[];
}
