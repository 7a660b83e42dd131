import type { LoadedQuiz } from '../core/bank/loaded.ts';
import type { QuizCatalogue } from './library/catalogue.ts';
import { attemptScore } from '../core/results/attempt-score.ts';
import { classResultsFromSums } from '../core/results/class-sums.ts';
import { round2 } from '../core/scoring/score.ts';
import type { AnswerScore, AttemptData } from '../core/results/types.ts';
import type { AttemptSummary } from '../shared/contract.ts';
import { publicArticle } from './public.ts';
import { csvOf } from './csv.ts';
import { createCsvExports } from './results-export.ts';
import { ServiceError } from './errors.ts';
import type { Service } from './service.ts';
import type { ResultsFilter } from './results-queries.ts';
import { AttemptRow, ResponseRow, type AttemptFilter, type AttemptRecord, type Store, type UnreadableRow } from './store.ts';
import { parseListedRow } from './store/rows.ts';

// The teacher's channels: every attempt, the class's results and the CSV exports. The sums
// and shares are computed by src/core/results; this file fetches the records and shapes replies.

type ResultsChannels = Pick<Service, 'listAttempts' | 'deleteAttempt' | 'quizResults' | 'exportCsv'>;

/** As the student's review rounds it (scoring/summary.ts): one decimal. */
function percentageOf(points: number, maxPoints: number): number {
  return maxPoints > 0 ? Math.round((points / maxPoints) * 1000 + 1e-9) / 10 : 0;
}

export function createResultsChannels(deps: { catalogue: QuizCatalogue; store: Store; now: () => Date }): ResultsChannels {
  const { catalogue, store } = deps;
  const exports = createCsvExports(deps);

  function installedQuiz(quizId: string): LoadedQuiz {
    const quiz = catalogue.current(quizId);
    if (!quiz) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
    return quiz;
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
    const quiz = catalogue.current(attempt.quizId);
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

  function summaryFromPoints(
    attempt: AttemptRecord,
    quiz: LoadedQuiz,
    maxPoints: number,
    sum: { answered: number; points: number } | undefined,
  ): AttemptSummary {
    const points = round2(sum?.points ?? 0);
    return {
      attemptId: attempt.id,
      quizId: attempt.quizId,
      title: quiz.title,
      studentName: attempt.studentName,
      status: attempt.status,
      startedAt: attempt.startedAt,
      ...(attempt.submittedAt ? { submittedAt: attempt.submittedAt } : {}),
      answered: sum?.answered ?? 0,
      questionCount: quiz.questions.length,
      points,
      maxPoints,
      percentage: percentageOf(points, maxPoints),
    };
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

    quizResults(input) {
      const quiz = installedQuiz(input.quizId);
      const filter: ResultsFilter = input;
      const unreadable: UnreadableRow[] = [];
      const report = (row: UnreadableRow) => void unreadable.push(row);
      // The attempts are few (one per student and sitting): their rows are parsed. The answers
      // are many: SQL sums them (results-queries.ts), and only unreadable ones are read back.
      const attempts = store.results.attemptRows(filter).flatMap((row) => parseListedRow(AttemptRow, row, report) ?? []);
      const { sums, byAttempt, unreadable: badAnswers } = store.results.classAggregates(filter, quiz.questions);
      for (const { attemptId, questionId } of badAnswers) {
        const row = store.results.responseRow(attemptId, questionId);
        if (row && parseListedRow(ResponseRow, row, report) !== undefined) {
          report({ attemptId, questionId, problem: 'the stored answer does not fit its schema' });
        }
      }
      const maxPoints = quiz.questions.reduce((sum, q) => sum + q.points, 0);
      const sentenceOrder = quiz.article.sentences.map((s) => s.id);
      return {
        quizId: quiz.id,
        title: quiz.title,
        article: publicArticle(quiz.article),
        attempts: attempts.map((a) => summaryFromPoints(a, quiz, maxPoints, byAttempt.get(a.id))),
        ...classResultsFromSums(quiz.questions, sentenceOrder, sums),
        unreadable,
      };
    },

    exportCsv(request) {
      const unreadable: UnreadableRow[] = [];
      const file = exports.csv(request, (row) => void unreadable.push(row));
      return { filename: file.filename, mediaType: 'text/csv', content: csvOf(file.records), unreadable };
    },
  };
}
