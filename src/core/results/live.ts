import type { LoadedQuestion } from '../bank/loaded.ts';
import { sentenceMisses, type SentenceStats } from './class-results.ts';
import type { AnswerScore, AttemptData } from './types.ts';

// The class as it is right now, for a live session's dashboard. Unlike classResults (which
// waits for submitted attempts) every answer counts the moment it is given: the teacher wants
// to see question 3 going wrong while there is still time to talk about it.

export interface LiveQuestion {
  questionId: string;
  number: number;
  prompt: string;
  answered: number;
  correct: number;
  /** correct / answered; null while nobody has answered. */
  shareCorrect: number | null;
}

export interface LiveResults {
  questions: LiveQuestion[];
  /** Per evidence sentence: answers not fully right, plus unanswered questions of submitted attempts. */
  sentences: SentenceStats[];
}

export function liveResults(
  questions: readonly LoadedQuestion[],
  sentenceOrder: readonly string[],
  attempts: readonly AttemptData<AnswerScore>[],
): LiveResults {
  const answered = new Map<string, number>();
  const correct = new Map<string, number>();
  const missed = new Map<string, number>();
  const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
  const known = new Set(questions.map((q) => q.id));

  for (const attempt of attempts) {
    const given = new Set<string>();
    for (const answer of attempt.answers) {
      if (!known.has(answer.questionId)) continue;
      given.add(answer.questionId);
      bump(answered, answer.questionId);
      if (answer.verdict === 'correct') bump(correct, answer.questionId);
      else bump(missed, answer.questionId);
    }
    if (attempt.status === 'submitted') {
      for (const q of questions) if (!given.has(q.id)) bump(missed, q.id);
    }
  }

  return {
    questions: questions.map((q, i) => {
      const n = answered.get(q.id) ?? 0;
      const right = correct.get(q.id) ?? 0;
      return { questionId: q.id, number: i + 1, prompt: q.prompt, answered: n, correct: right, shareCorrect: n === 0 ? null : right / n };
    }),
    sentences: sentenceMisses(questions, sentenceOrder, missed),
  };
}
