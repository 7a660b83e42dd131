import type { LoadedQuiz } from '../core/bank/loaded.ts';
import { attemptScore } from '../core/results/attempt-score.ts';
import { classResults } from '../core/results/class-results.ts';
import { attemptsTable, responsesTable, type QuizColumns } from '../core/results/tables.ts';
import type { AnswerScore, AttemptData } from '../core/results/types.ts';
import type { AttemptSummary } from '../shared/contract.ts';
import { publicArticle } from './public.ts';
import { toCsv } from './csv.ts';
import { ServiceError } from './errors.ts';
import type { Service } from './service.ts';
import type { AttemptFilter, Store, UnreadableRow } from './store.ts';

// The teacher's channels: every attempt, the class's results and the CSV exports. The sums
// and shares are computed by src/core/results; this file fetches the records and shapes replies.

type ResultsChannels = Pick<Service, 'listAttempts' | 'deleteAttempt' | 'quizResults' | 'exportCsv'>;

export function createResultsChannels(deps: { quizzes: readonly LoadedQuiz[]; store: Store; now: () => Date }): ResultsChannels {
  const { quizzes, store, now } = deps;
  const quizById = new Map(quizzes.map((q) => [q.id, q]));

  function installedQuiz(quizId: string): LoadedQuiz {
    const quiz = quizById.get(quizId);
    if (!quiz) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
    return quiz;
  }

  /**
   * Attempts with their answers, newest first, in two queries whatever their number. A stored
   * row that no longer parses is left out and added to `unreadable`, for the teacher to see.
   */
  function attemptsWhere(filter: AttemptFilter, unreadable: UnreadableRow[]): AttemptData[] {
    const report = (row: UnreadableRow) => void unreadable.push(row);
    return withAnswers(filter, store.responsesByAttempt(filter, report), report);
  }

  function withAnswers<Answer extends AnswerScore>(
    filter: AttemptFilter,
    answers: Map<string, Answer[]>,
    onUnreadable?: (row: UnreadableRow) => void,
  ): AttemptData<Answer>[] {
    return store.listAttempts(filter, onUnreadable).map((a) => ({
      id: a.id,
      quizId: a.quizId,
      studentName: a.studentName,
      status: a.status,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      answers: answers.get(a.id) ?? [],
    }));
  }

  function summary(attempt: AttemptData<AnswerScore>): AttemptSummary {
    const quiz = quizById.get(attempt.quizId);
    return {
      attemptId: attempt.id,
      quizId: attempt.quizId,
      // An attempt at a quiz no longer installed is still listed, under its quiz id.
      title: quiz?.title ?? attempt.quizId,
      studentName: attempt.studentName,
      status: attempt.status,
      startedAt: attempt.startedAt,
      ...(attempt.submittedAt ? { submittedAt: attempt.submittedAt } : {}),
      ...attemptScore(quiz?.questions ?? [], attempt.answers),
    };
  }

  function columnsOf(quiz: LoadedQuiz): QuizColumns {
    const sentences = new Map(quiz.article.sentences.map((s) => [s.id, s.text]));
    return { id: quiz.id, title: quiz.title, questions: quiz.questions, sentenceText: (id) => sentences.get(id) };
  }

  return {
    listAttempts({ quizId, studentName, status }) {
      const needle = studentName?.toLowerCase() ?? '';
      // Scores only: the list never shows a response, so none is read back and parsed.
      const filter = { quizId, status };
      return withAnswers(filter, store.scoresByAttempt(filter))
        .filter((a) => a.studentName.toLowerCase().includes(needle))
        .map(summary);
    },

    deleteAttempt({ attemptId }) {
      if (!store.deleteAttempt(attemptId)) throw new ServiceError('attempt-not-found', `there is no attempt ${attemptId}`);
      return { deleted: true };
    },

    quizResults({ quizId }) {
      const quiz = installedQuiz(quizId);
      const unreadable: UnreadableRow[] = [];
      const attempts = attemptsWhere({ quizId }, unreadable);
      const sentenceOrder = quiz.article.sentences.map((s) => s.id);
      return {
        quizId: quiz.id,
        title: quiz.title,
        article: publicArticle(quiz.article),
        attempts: attempts.map(summary),
        ...classResults(quiz.questions, sentenceOrder, attempts),
        unreadable,
      };
    },

    exportCsv({ kind, quizId }) {
      const columns = (quizId === undefined ? quizzes : [installedQuiz(quizId)]).map(columnsOf);
      const unreadable: UnreadableRow[] = [];
      const attempts = attemptsWhere({ quizId }, unreadable);
      const table = kind === 'attempts' ? attemptsTable(columns, attempts) : responsesTable(columns, attempts);
      const stamp = now().toISOString().slice(0, 16).replace(/:/g, '-');
      return {
        filename: `evident-${kind}-${quizId ?? 'all-quizzes'}-${stamp}.csv`,
        mediaType: 'text/csv',
        content: toCsv(table),
        unreadable,
      };
    },
  };
}
