import type { LoadedQuestion } from '../bank/loaded.ts';
import type { Skill } from '../bank/schema.ts';
import { round2 } from '../scoring/score.ts';
import { CHOICE_TYPES, wrongChoices } from './readable.ts';
import type { AttemptData, ScoredAnswer } from './types.ts';

// What the class understood, for the teacher: per question and per article sentence. Only
// submitted attempts count: an attempt still in progress would show its unanswered questions
// as misses that are really just "not yet".

export interface QuestionStats {
  questionId: string;
  /** The question's place in the bank. */
  number: number;
  prompt: string;
  type: LoadedQuestion['type'];
  skill: Skill;
  /** Submitted attempts that answered the question. */
  answered: number;
  /** Share of those answers with full credit, 0..1; null when there are none. */
  facility: number | null;
  /** Mean points of those answers; null when there are none. */
  averagePoints: number | null;
  /** For choice types: the wrong choice picked most often (ties go to the one met first). */
  mostChosenWrong?: { text: string; count: number };
}

export interface SentenceStats {
  sentenceId: string;
  /** (attempt, question) pairs where the question cites this sentence and was not fully right. */
  missed: number;
}

export interface ClassResults {
  questions: QuestionStats[];
  sentences: SentenceStats[];
}

/**
 * `sentenceOrder` is the article's sentence ids in reading order. An unanswered question in a
 * submitted attempt counts as missed for its sentences: the student did not show that part of
 * the text was understood. Facility and average, by contrast, are over the answers given.
 */
export function classResults(
  questions: readonly LoadedQuestion[],
  sentenceOrder: readonly string[],
  attempts: readonly AttemptData[],
): ClassResults {
  const submitted = attempts.filter((a) => a.status === 'submitted');
  const answersTo = answersByQuestion(submitted);
  const stats = questions.map((q, i) => questionStats(q, i + 1, answersTo.get(q.id) ?? []));
  const missedPerQuestion = new Map(stats.map((s) => [s.questionId, submitted.length - fullCredits(answersTo.get(s.questionId) ?? [])]));
  return { questions: stats, sentences: sentenceMisses(questions, sentenceOrder, missedPerQuestion) };
}

function answersByQuestion(attempts: readonly AttemptData[]): Map<string, ScoredAnswer[]> {
  const byQuestion = new Map<string, ScoredAnswer[]>();
  for (const attempt of attempts) {
    for (const answer of attempt.answers) {
      const list = byQuestion.get(answer.questionId) ?? [];
      list.push(answer);
      byQuestion.set(answer.questionId, list);
    }
  }
  return byQuestion;
}

function fullCredits(answers: readonly ScoredAnswer[]): number {
  return answers.filter((a) => a.verdict === 'correct').length;
}

function questionStats(question: LoadedQuestion, number: number, answers: readonly ScoredAnswer[]): QuestionStats {
  const answered = answers.length;
  const stats: QuestionStats = {
    questionId: question.id,
    number,
    prompt: question.prompt,
    type: question.type,
    skill: question.skill,
    answered,
    facility: answered === 0 ? null : fullCredits(answers) / answered,
    averagePoints: answered === 0 ? null : round2(answers.reduce((sum, a) => sum + a.points, 0) / answered),
  };
  const wrong = CHOICE_TYPES.has(question.type) ? mostFrequent(answers.flatMap((a) => wrongChoices(question, a.response))) : undefined;
  if (wrong) stats.mostChosenWrong = wrong;
  return stats;
}

function mostFrequent(texts: readonly string[]): { text: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  let best: { text: string; count: number } | undefined;
  for (const [text, count] of counts) if (!best || count > best.count) best = { text, count };
  return best;
}

export function sentenceMisses(
  questions: readonly LoadedQuestion[],
  sentenceOrder: readonly string[],
  missedPerQuestion: ReadonlyMap<string, number>,
): SentenceStats[] {
  const missed = new Map<string, number>();
  for (const q of questions) {
    for (const sentenceId of new Set(q.evidenceSentenceIds)) {
      missed.set(sentenceId, (missed.get(sentenceId) ?? 0) + (missedPerQuestion.get(q.id) ?? 0));
    }
  }
  const rank = new Map(sentenceOrder.map((id, i) => [id, i]));
  return [...missed]
    .sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity))
    .map(([sentenceId, count]) => ({ sentenceId, missed: count }));
}
