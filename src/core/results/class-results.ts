import type { LoadedQuestion } from '../bank/loaded.ts';
import type { Skill } from '../bank/schema.ts';
import { round2 } from '../scoring/score.ts';
import { itemAnalysis, optionShares, type OptionShare, type Reliability } from './item-analysis.ts';
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
  /** Item–rest point-biserial correlation over the submitted attempts (see item-analysis.ts); null when it cannot be computed. */
  discrimination: number | null;
  /** Negative discrimination, with enough attempts to say so: a question to review. */
  flagged: boolean;
  /** For choice types: how many answers chose each option. */
  options?: OptionShare[];
}

export interface SentenceStats {
  sentenceId: string;
  /** Answers to questions citing this sentence that were not fully right. */
  missed: number;
  /** Answers to questions citing this sentence: the heat map shades missed / answered. */
  answered?: number;
}

export interface ClassResults {
  questions: QuestionStats[];
  sentences: SentenceStats[];
  reliability: Reliability;
}

/**
 * `sentenceOrder` is the article's sentence ids in reading order. Only answers given count, in
 * facility, averages and the passage's shading alike: an unanswered question says nothing about
 * which part of the text was misunderstood (a student who ran out of time did not miss it).
 * Discrimination and reliability score an unanswered question as 0 points, as a test does.
 */
export function classResults(
  questions: readonly LoadedQuestion[],
  sentenceOrder: readonly string[],
  attempts: readonly AttemptData[],
): ClassResults {
  const submitted = attempts.filter((a) => a.status === 'submitted');
  const answersTo = answersByQuestion(submitted);
  const analysis = itemAnalysis(
    questions.map((q) => ({ id: q.id, maxPoints: q.points })),
    submitted.map((a) => ({ points: new Map(a.answers.map((answer) => [answer.questionId, answer.points])) })),
  );
  const stats = questions.map((q, i) => {
    const answers = answersTo.get(q.id) ?? [];
    const item = analysis.items[i]!;
    const options = optionShares(
      q,
      answers.map((a) => a.response),
    );
    return {
      ...questionStats(q, i + 1, answers),
      discrimination: item.discrimination,
      flagged: item.flagged,
      ...(options ? { options } : {}),
    };
  });
  const missedPerQuestion = new Map(stats.map((s) => [s.questionId, s.answered - fullCredits(answersTo.get(s.questionId) ?? [])]));
  const answeredPerQuestion = new Map(stats.map((s) => [s.questionId, s.answered]));
  return {
    questions: stats,
    sentences: sentenceMisses(questions, sentenceOrder, missedPerQuestion, answeredPerQuestion),
    reliability: analysis.reliability,
  };
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

function questionStats(
  question: LoadedQuestion,
  number: number,
  answers: readonly ScoredAnswer[],
): Omit<QuestionStats, 'discrimination' | 'flagged'> {
  const answered = answers.length;
  const stats: Omit<QuestionStats, 'discrimination' | 'flagged'> = {
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
  /** Answers per question; when given, each sentence also says how many answers it stood behind. */
  answeredPerQuestion?: ReadonlyMap<string, number>,
): SentenceStats[] {
  const missed = new Map<string, number>();
  const answered = new Map<string, number>();
  for (const q of questions) {
    for (const sentenceId of new Set(q.evidenceSentenceIds)) {
      missed.set(sentenceId, (missed.get(sentenceId) ?? 0) + (missedPerQuestion.get(q.id) ?? 0));
      answered.set(sentenceId, (answered.get(sentenceId) ?? 0) + (answeredPerQuestion?.get(q.id) ?? 0));
    }
  }
  const rank = new Map(sentenceOrder.map((id, i) => [id, i]));
  return [...missed]
    .sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity))
    .map(([sentenceId, count]) => ({
      sentenceId,
      missed: count,
      ...(answeredPerQuestion ? { answered: answered.get(sentenceId) ?? 0 } : {}),
    }));
}
