import { randomInt, randomUUID } from 'node:crypto';
import type { LoadedQuestion, LoadedQuiz } from '../core/bank/loaded.ts';
import { correctResponse } from '../core/bank/key.ts';
import { scoreResponse, type ScoreResult } from '../core/scoring/index.ts';
import { summarise } from '../core/scoring/summary.ts';
import type { Channel } from '../shared/channels.ts';
import type { ErrorCode, Feedback, Output, ParsedInput, Review, AttemptView } from '../shared/contract.ts';
import type { AttemptRecord, ResponseRecord, Store } from './store.ts';
import { publicArticle, publicQuestion, quizSummary } from './public.ts';

/** An expected failure that the transports pass on as data: `{ code, message }`. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type Service = { [C in Channel]: (input: ParsedInput<C>) => Output<C> };

export interface ServiceDeps {
  quizzes: readonly LoadedQuiz[];
  store: Store;
  now?: () => Date;
  newId?: () => string;
  newSeed?: () => number;
}

export function createService({
  quizzes,
  store,
  now = () => new Date(),
  newId = randomUUID,
  newSeed = () => randomInt(0, 2 ** 31),
}: ServiceDeps): Service {
  const quizById = new Map(quizzes.map((q) => [q.id, q]));

  function quizOf(quizId: string): LoadedQuiz {
    const quiz = quizById.get(quizId);
    if (!quiz) throw new ServiceError('not-found', `there is no quiz “${quizId}”`);
    return quiz;
  }

  function attemptOf(attemptId: string): { attempt: AttemptRecord; quiz: LoadedQuiz } {
    const attempt = store.getAttempt(attemptId);
    if (!attempt) throw new ServiceError('not-found', `there is no attempt ${attemptId}`);
    const quiz = quizById.get(attempt.quizId);
    if (!quiz) {
      throw new ServiceError('not-found', `the quiz “${attempt.quizId}” of attempt ${attemptId} is no longer installed`);
    }
    return { attempt, quiz };
  }

  function feedbackFor(question: LoadedQuestion, score: Pick<ScoreResult, 'points' | 'maxPoints' | 'verdict'>): Feedback {
    return {
      points: score.points,
      maxPoints: score.maxPoints,
      verdict: score.verdict,
      explanation: question.explanation,
      evidenceSentenceIds: [...question.evidenceSentenceIds],
      correctResponse: correctResponse(question),
    };
  }

  function view(attempt: AttemptRecord, quiz: LoadedQuiz): AttemptView {
    const showFeedback = attempt.settings.feedback === 'immediate' || attempt.status === 'submitted';
    const questionById = new Map(quiz.questions.map((q) => [q.id, q]));
    return {
      attemptId: attempt.id,
      quizId: quiz.id,
      title: quiz.title,
      studentName: attempt.studentName,
      status: attempt.status,
      settings: attempt.settings,
      startedAt: attempt.startedAt,
      article: publicArticle(quiz.article),
      questions: quiz.questions.map((q, i) => publicQuestion(q, i + 1, attempt.seed)),
      answers: store.listResponses(attempt.id).flatMap((r) => {
        const question = questionById.get(r.questionId);
        if (!question) return []; // the bank lost this question since; its answer stays stored
        return [
          {
            questionId: r.questionId,
            response: r.response,
            answeredAt: r.answeredAt,
            ...(showFeedback ? { feedback: feedbackFor(question, r) } : {}),
          },
        ];
      }),
    };
  }

  function review(attempt: AttemptRecord, quiz: LoadedQuiz): Review {
    const saved = new Map(store.listResponses(attempt.id).map((r) => [r.questionId, r]));
    const scores = new Map<string, ScoreResult>();
    for (const [id, r] of saved) scores.set(id, { points: r.points, maxPoints: r.maxPoints, verdict: r.verdict });
    const summary = summarise(quiz.questions, scores);
    return {
      attemptId: attempt.id,
      quizId: quiz.id,
      title: quiz.title,
      studentName: attempt.studentName,
      submittedAt: attempt.submittedAt ?? now().toISOString(),
      points: summary.points,
      maxPoints: summary.maxPoints,
      percentage: summary.percentage,
      bySkill: summary.bySkill,
      article: publicArticle(quiz.article),
      questions: quiz.questions.map((q, i) => {
        const r = saved.get(q.id);
        return {
          question: publicQuestion(q, i + 1, attempt.seed),
          response: r?.response ?? null,
          feedback: feedbackFor(q, r ?? { points: 0, maxPoints: q.points, verdict: 'incorrect' }),
        };
      }),
    };
  }

  return {
    listQuizzes() {
      return quizzes.map(quizSummary);
    },

    startAttempt({ quizId, studentName, settings }) {
      const quiz = quizOf(quizId);
      const attempt: AttemptRecord = {
        id: newId(),
        quizId: quiz.id,
        studentName,
        settings,
        seed: newSeed(),
        status: 'in-progress',
        startedAt: now().toISOString(),
        submittedAt: null,
      };
      store.insertAttempt(attempt);
      return view(attempt, quiz);
    },

    getAttempt({ attemptId }) {
      const { attempt, quiz } = attemptOf(attemptId);
      return view(attempt, quiz);
    },

    answer({ attemptId, questionId, response }) {
      const { attempt, quiz } = attemptOf(attemptId);
      if (attempt.status === 'submitted') {
        throw new ServiceError('conflict', 'this attempt has been submitted; its answers can no longer change');
      }
      const question = quiz.questions.find((q) => q.id === questionId);
      if (!question) throw new ServiceError('not-found', `quiz “${quiz.id}” has no question “${questionId}”`);
      const immediate = attempt.settings.feedback === 'immediate';
      if (immediate && store.listResponses(attemptId).some((r) => r.questionId === questionId)) {
        throw new ServiceError('conflict', 'this question has been answered and its feedback shown; the answer is locked');
      }
      const score = scoreResponse(question, response);
      const record: ResponseRecord = {
        questionId,
        response,
        points: score.points,
        maxPoints: score.maxPoints,
        verdict: score.verdict,
        answeredAt: now().toISOString(),
      };
      store.saveResponse(attemptId, record);
      return {
        questionId,
        answeredAt: record.answeredAt,
        ...(immediate ? { feedback: feedbackFor(question, score) } : {}),
      };
    },

    submit({ attemptId }) {
      const { attempt, quiz } = attemptOf(attemptId);
      // Submitting twice (a retried request) returns the same review instead of failing.
      if (attempt.status === 'in-progress') {
        const submittedAt = now().toISOString();
        store.markSubmitted(attemptId, submittedAt);
        attempt.status = 'submitted';
        attempt.submittedAt = submittedAt;
      }
      return review(attempt, quiz);
    },

    review({ attemptId }) {
      const { attempt, quiz } = attemptOf(attemptId);
      if (attempt.status !== 'submitted') {
        throw new ServiceError('conflict', 'the review opens once the attempt is submitted');
      }
      return review(attempt, quiz);
    },
  };
}
