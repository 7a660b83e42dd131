import type { Article } from '../article/index.ts';
import type { Bank, Question } from './schema.ts';

/** A question whose quotations have been resolved to article sentence ids at load. */
export type LoadedQuestion = Question & {
  evidenceSentenceIds: string[];
  /** For evidence-selection: the sentences to select; empty for every other type. */
  answerSentenceIds: string[];
  /** For two-part: the sentence each Part B option quotes, by option id; empty otherwise. */
  partBSentenceIds: Record<string, string>;
};

export interface LoadedQuiz {
  id: string;
  title: string;
  bank: Bank;
  article: Article;
  questions: LoadedQuestion[];
}
