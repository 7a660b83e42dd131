import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { LoadedQuiz } from '../core/bank/loaded.ts';
import type { QuizCatalogue } from './library/catalogue.ts';
import {
  ATTEMPT_COLUMNS,
  attemptRow,
  GRADEBOOK_COLUMNS,
  gradebookRow,
  questionColumns,
  RESPONSE_COLUMNS,
  responseRows,
  type Cell,
  type QuizColumns,
} from '../core/results/tables.ts';
import type { AttemptData, ScoredAnswer } from '../core/results/types.ts';
import type { CsvRequest } from '../shared/contract.ts';
import { CSV_OPTIONS } from './csv.ts';
import { ServiceError } from './errors.ts';
import { foldName, type ResultsFilter } from './results-queries.ts';
import { AttemptRow, ResponseRow, type Store, type UnreadableRow } from './store.ts';
import { parseListedRow } from './store/rows.ts';

// The CSV exports, written as they are read: the attempts and their answers come from one
// statement, attempt by attempt, and each row goes to the file (or the HTTP response, or the
// save dialog's file) before the next is read. At 100,000 answers the service holds one
// attempt's answers at a time, never the table (bench/results.bench.ts measures its memory).

export interface CsvFile {
  filename: string;
  /** Header first, then the rows. Iterating reads the database; the caller writes as it goes. */
  records: Iterable<Cell[]>;
}

export function createCsvExports(deps: { catalogue: QuizCatalogue; store: Store; now: () => Date }) {
  const { catalogue, store, now } = deps;

  function columnsOf(quiz: LoadedQuiz): QuizColumns {
    const sentences = new Map(quiz.article.sentences.map((s) => [s.id, s.text]));
    return { id: quiz.id, title: quiz.title, questions: quiz.questions, sentenceText: (id) => sentences.get(id) };
  }

  /** The attempts of `filter`, one at a time with their answers; unreadable rows are reported and left out. */
  function* attempts(filter: ResultsFilter, onUnreadable: (row: UnreadableRow) => void): Generator<AttemptData> {
    let current: AttemptData | undefined;
    let answers: ScoredAnswer[] = [];
    let skipping: string | undefined;
    for (const row of store.results.exportRows(filter)) {
      const id = String(row['id']);
      if (id === skipping) continue;
      if (current?.id !== id) {
        if (current) yield { ...current, answers };
        current = undefined;
        answers = [];
        const attempt = parseListedRow(AttemptRow, row, onUnreadable);
        if (!attempt) {
          skipping = id; // reported once; its answers go with it
          continue;
        }
        current = { ...attempt, answers: [] };
      }
      if (row['question_id'] === null) continue; // an attempt without answers
      const answer = parseListedRow(ResponseRow, { ...row, attempt_id: id }, onUnreadable);
      if (answer) answers.push(answer);
    }
    if (current) yield { ...current, answers };
  }

  return {
    /** The file of `request`; unreadable rows go to `onUnreadable` as the file is read. */
    csv(request: CsvRequest, onUnreadable: (row: UnreadableRow) => void): CsvFile {
      const { kind, ...filter } = request;
      // The quizzes as they are now (an attempt at a quiz since deleted is written under its id).
      const quizzes = catalogue.loaded();
      const columnsById = new Map(quizzes.map((q) => [q.id, columnsOf(q)]));
      if (filter.quizId !== undefined && !columnsById.has(filter.quizId)) {
        throw new ServiceError('quiz-not-found', `there is no quiz “${filter.quizId}”`);
      }
      if (kind === 'gradebook' && filter.quizId === undefined) {
        throw new ServiceError('invalid-request', 'a gradebook export is for one quiz: choose the quiz');
      }
      const stamp = now().toISOString().slice(0, 16).replace(/:/g, '-');
      const filename = `evident-${kind}-${filter.quizId ?? 'all-quizzes'}-${stamp}.csv`;
      const quizOf = (a: AttemptData) => columnsById.get(a.quizId);
      let records: Iterable<Cell[]>;
      if (kind === 'attempts') {
        const present = filter.quizId === undefined ? store.results.quizIds(filter) : [filter.quizId];
        const all = quizzes.map((q) => columnsById.get(q.id)!);
        const columns = questionColumns(all, new Set(present));
        records = (function* () {
          yield [...ATTEMPT_COLUMNS, ...columns.map((c) => c.header)];
          for (const attempt of attempts(filter, onUnreadable)) yield attemptRow(quizOf(attempt), attempt, columns);
        })();
      } else if (kind === 'responses') {
        records = (function* () {
          yield RESPONSE_COLUMNS;
          for (const attempt of attempts(filter, onUnreadable)) yield* responseRows(quizOf(attempt), attempt);
        })();
      } else {
        records = (function* () {
          yield GRADEBOOK_COLUMNS;
          // One row per student (one a class has at most a few hundred): the latest submitted attempt, by name.
          const rows = new Map<string, Cell[]>();
          for (const attempt of attempts({ ...filter, status: 'submitted' }, onUnreadable)) {
            const key = foldName(attempt.studentName.trim());
            if (!rows.has(key)) rows.set(key, gradebookRow(quizOf(attempt), attempt));
          }
          yield* [...rows.values()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        })();
      }
      return { filename, records };
    },
  };
}

export type CsvExports = ReturnType<typeof createCsvExports>;

/** Writes the records as CSV (csv.ts's dialect) to `out`, row by row, waiting whenever `out` is full. */
export async function writeCsv(records: Iterable<Cell[]>, out: Writable): Promise<void> {
  await pipeline(Readable.from(records, { objectMode: true }), stringify(CSV_OPTIONS), out);
}
