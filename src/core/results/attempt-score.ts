import type { LoadedQuestion } from '../bank/loaded.ts';
import { summarise } from '../scoring/summary.ts';
import type { AnswerScore } from './types.ts';

export interface AttemptScore {
  /** Answers to questions the bank still has. */
  answered: number;
  questionCount: number;
  points: number;
  maxPoints: number;
  /** 0..100, one decimal. */
  percentage: number;
}

/**
 * An attempt's standing so far. The maxima come from the bank, so unanswered questions count
 * against it, and answers to questions since removed from the bank count for nothing.
 */
export function attemptScore(questions: readonly LoadedQuestion[], answers: readonly AnswerScore[]): AttemptScore {
  const scores = new Map(answers.map((a) => [a.questionId, a]));
  const summary = summarise([...questions], scores);
  return {
    answered: questions.filter((q) => scores.has(q.id)).length,
    questionCount: questions.length,
    points: summary.points,
    maxPoints: summary.maxPoints,
    percentage: summary.percentage,
  };
}
