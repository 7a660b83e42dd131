import { citableSentences } from '../core/article/index.ts';
import type { LoadedQuestion, LoadedQuiz } from '../core/bank/loaded.ts';
import type { QuizCatalogue } from './library/catalogue.ts';
import { attemptScore } from '../core/results/attempt-score.ts';
import { classResultsFromSums } from '../core/results/class-sums.ts';
import { overridable, overriddenScore, OverrideError } from '../core/results/override.ts';
import { readableResponse } from '../core/results/readable.ts';
import { correctResponse } from '../core/bank/key.ts';
import { scoreResponse } from '../core/scoring/index.ts';
import type { Response } from '../core/scoring/response.ts';
import type { Verdict } from '../core/scoring/verdict.ts';
import { round2 } from '../core/scoring/score.ts';
import type { AnswerScore, AttemptData } from '../core/results/types.ts';
import type { AttemptDetail, AttemptSummary } from '../shared/contract.ts';
import { publicArticle } from './public.ts';
import { csvOf } from './csv.ts';
import { createCsvExports } from './results-export.ts';
import { ServiceError } from './errors.ts';
import type { Service } from './service.ts';
import type { ResultsFilter } from './results-queries.ts';
import { chooseVersion, quizAtVersion } from './results-versions.ts';
import {
  AttemptRow,
  ListedAttemptRow,
  ResponseRow,
  type AttemptFilter,
  type AttemptRecord,
  type Store,
  type UnreadableRow,
} from './store.ts';

type ListedAttempt = Pick<AttemptRecord, 'id' | 'quizId' | 'studentName' | 'status' | 'startedAt' | 'submittedAt'>;
import { parseListedRow } from './store/rows.ts';

// The teacher's channels: every attempt, the class's results and the CSV exports. The sums
// and shares are computed by src/core/results; this file fetches the records and shapes replies.

type ResultsChannels = Pick<Service, 'listAttempts' | 'deleteAttempt' | 'quizResults' | 'exportCsv' | 'attemptDetail' | 'overrideMark'>;

/** Which gaps of a cloze the automatic marking found right. */
function partsOf(question: LoadedQuestion, response: Response): Map<string, boolean> {
  try {
    return new Map((scoreResponse(question, response).parts ?? []).map((p) => [p.id, p.correct]));
  } catch {
    return new Map(); // an answer the bank has changed under
  }
}

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
      quizVersion: a.quizVersion,
      studentName: a.studentName,
      status: a.status,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      answers: answers.get(a.id) ?? [],
    }));
  }

  function summary(attempt: AttemptData<AnswerScore>): AttemptSummary {
    // Scored against the version the attempt was taken on, as its review is.
    const quiz = quizAtVersion(catalogue, attempt.quizId, attempt.quizVersion ?? 1) ?? catalogue.current(attempt.quizId);
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

  function attemptAndQuiz(attemptId: string): { attempt: AttemptRecord; quiz: LoadedQuiz } {
    const attempt = store.getAttempt(attemptId);
    if (!attempt) throw new ServiceError('attempt-not-found', `there is no attempt ${attemptId}`);
    // The attempt is read against the quiz as it was when taken.
    const quiz = catalogue.atVersion(attempt.quizId, attempt.quizVersion) ?? catalogue.current(attempt.quizId);
    if (!quiz) throw new ServiceError('quiz-not-found', `the quiz “${attempt.quizId}” of attempt ${attemptId} is no longer installed`);
    return { attempt, quiz };
  }

  /** One attempt as the teacher reviews it, question by question in the bank's order. */
  function detailOf(attemptId: string): AttemptDetail {
    const { attempt, quiz } = attemptAndQuiz(attemptId);
    const unreadable: UnreadableRow[] = [];
    const answers = store.listResponses(attemptId, (row) => void unreadable.push(row));
    const marks = store.results.overridesOf(attemptId);
    const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
    // Time per question: from the answer before it (or the start) to this one. A changed answer counts from its last change.
    const order = [...answers].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    const seconds = new Map<string, number>();
    let previous = attempt.startedAt;
    for (const a of order) {
      seconds.set(a.questionId, Math.max(0, Math.round((Date.parse(a.answeredAt) - Date.parse(previous)) / 1000)));
      previous = a.answeredAt;
    }
    // Body and caption sentences: a question may cite a picture's caption.
    const sentences = new Map(citableSentences(quiz.article).map((s) => [s.id, s.text]));
    const sentenceText = (id: string) => sentences.get(id);
    const maxPoints = quiz.questions.reduce((sum, q) => sum + q.points, 0);
    const total = answers.filter((a) => quiz.questions.some((q) => q.id === a.questionId)).reduce((sum, a) => sum + a.points, 0);
    const answered = quiz.questions.filter((q) => byQuestion.has(q.id)).length;
    return {
      attempt: summaryFromPoints(attempt, quiz, maxPoints, { answered, points: total }),
      quizVersion: attempt.quizVersion,
      unreadable,
      questions: quiz.questions.map((question, i) => {
        const answer = byQuestion.get(question.id);
        const mark = marks.get(question.id);
        let gaps;
        if (question.type === 'cloze') {
          const given = answer?.response.type === 'cloze' ? answer.response.gaps : {};
          const automatic = answer ? partsOf(question, answer.response) : new Map<string, boolean>();
          gaps = question.gaps.map((g) => ({
            id: g.id,
            given: Object.hasOwn(given, g.id) ? given[g.id]! : '',
            accepted: [...g.accepted],
            correct: mark?.gaps && Object.hasOwn(mark.gaps, g.id) ? mark.gaps[g.id]! : (automatic.get(g.id) ?? false),
          }));
        }
        return {
          number: i + 1,
          questionId: question.id,
          prompt: question.prompt,
          type: question.type,
          skill: question.skill,
          response: answer ? readableResponse(question, answer.response, sentenceText) : null,
          key: readableResponse(question, correctResponse(question), sentenceText),
          points: answer?.points ?? 0,
          maxPoints: question.points,
          verdict: answer?.verdict ?? null,
          ...(mark ? { original: { points: mark.originalPoints, verdict: mark.originalVerdict as Verdict } } : {}),
          ...(mark ? { override: { at: mark.at, ...(mark.reason ? { reason: mark.reason } : {}) } } : {}),
          ...(gaps ? { gaps } : {}),
          evidence: question.evidenceSentenceIds.map((id) => ({ sentenceId: id, text: sentences.get(id) ?? '' })),
          ...(answer ? { answeredAt: answer.answeredAt } : {}),
          secondsSpent: seconds.get(question.id) ?? null,
          overridable: answer !== undefined && overridable(question),
        };
      }),
    };
  }

  /** An attempt as class results list it, or undefined when its row cannot be read (reported with the reason its row gives). */
  function listedAttempt(row: Record<string, unknown>, report: (row: UnreadableRow) => void): ListedAttempt | undefined {
    const listed = ListedAttemptRow.safeParse(row);
    if (listed.success) {
      const { id, quiz_id: quizId, student_name: studentName, status, started_at: startedAt, submitted_at: submittedAt } = listed.data;
      return { id, quizId, studentName, status, startedAt, submittedAt };
    }
    if (parseListedRow(AttemptRow, row, report) !== undefined) {
      report({ attemptId: String(row['id']), problem: 'the stored attempt does not fit its schema' });
    }
    return undefined;
  }

  function summaryFromPoints(
    attempt: ListedAttempt,
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
      const { version: asked, ...others } = input;
      // One version at a time: its attempts, read against its questions, keys and article.
      const { quiz, version, versions } = chooseVersion(deps, input.quizId, asked, others);
      const filter: ResultsFilter = { ...others, version };
      const unreadable: UnreadableRow[] = [];
      const report = (row: UnreadableRow) => void unreadable.push(row);
      // The attempts are few (one per student and sitting): their rows are parsed. The answers
      // are many: SQL sums them (results-queries.ts), and only unreadable ones are read back.
      const attempts = store.results.attemptRows(filter).flatMap((row) => listedAttempt(row, report) ?? []);
      const { sums, byAttempt, unreadable: badAnswers } = store.results.classAggregates(filter, quiz.questions);
      for (const { attemptId, questionId } of badAnswers) {
        const row = store.results.responseRow(attemptId, questionId);
        if (row && parseListedRow(ResponseRow, row, report) !== undefined) {
          report({ attemptId, questionId, problem: 'the stored answer does not fit its schema' });
        }
      }
      const maxPoints = quiz.questions.reduce((sum, q) => sum + q.points, 0);
      const sentenceOrder = citableSentences(quiz.article).map((s) => s.id);
      return {
        quizId: quiz.id,
        title: installedQuiz(input.quizId).title,
        version,
        versions,
        article: publicArticle(quiz.article),
        attempts: attempts.map((a) => summaryFromPoints(a, quiz, maxPoints, byAttempt.get(a.id))),
        ...classResultsFromSums(quiz.questions, sentenceOrder, sums),
        unreadable,
      };
    },

    attemptDetail({ attemptId }) {
      return detailOf(attemptId);
    },

    overrideMark({ attemptId, questionId, correct, gaps, reason, clear }) {
      const { quiz } = attemptAndQuiz(attemptId);
      const question = quiz.questions.find((q) => q.id === questionId);
      if (!question) throw new ServiceError('question-not-found', `the quiz “${quiz.id}” has no question “${questionId}”`);
      const answer = store.listResponses(attemptId).find((r) => r.questionId === questionId);
      if (!answer)
        throw new ServiceError(
          'question-not-found',
          `question “${questionId}” was not answered in this attempt: there is no mark to change`,
        );
      if (clear) {
        store.results.setOverride(attemptId, questionId, null);
        return detailOf(attemptId);
      }
      if (!overridable(question)) {
        throw new ServiceError(
          'invalid-request',
          `the mark of a ${question.type} question is not overridden: only short answers and cloze gaps are`,
        );
      }
      let score;
      try {
        const earlier = store.results.overridesOf(attemptId).get(questionId)?.gaps ?? undefined;
        score = overriddenScore(question, answer.response, { correct, gaps: gaps && { ...earlier, ...gaps } });
      } catch (error) {
        if (error instanceof OverrideError) throw new ServiceError('invalid-request', error.message);
        throw error;
      }
      const gapMarks = score.parts ? Object.fromEntries(score.parts.map((p) => [p.id, p.correct])) : null;
      store.results.setOverride(attemptId, questionId, {
        points: score.points,
        verdict: score.verdict,
        gaps: gapMarks,
        reason: reason ? reason : null,
        at: deps.now().toISOString(),
      });
      return detailOf(attemptId);
    },

    exportCsv(request) {
      const unreadable: UnreadableRow[] = [];
      const file = exports.csv(request, (row) => void unreadable.push(row));
      return { filename: file.filename, mediaType: 'text/csv', content: csvOf(file.records), unreadable };
    },
  };
}
