import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
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
  versionKey,
  type QuizColumns,
} from '../core/results/tables.ts';
import type { AnswerScore, AttemptData, ScoredAnswer } from '../core/results/types.ts';
import { citableSentences } from '../core/article/index.ts';
import type { CsvRequest } from '../shared/contract.ts';
import { CSV_OPTIONS } from './csv.ts';
import { ServiceError } from './errors.ts';
import { foldName, type ResultsFilter } from './results-queries.ts';
import { chooseVersion, quizAtVersion } from './results-versions.ts';
import { AttemptRow, MarkRowFields, ResponseRowFields, responseRecord, type Store, type UnreadableRow } from './store.ts';
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

  function columnsOf(quiz: LoadedQuiz, version: number): QuizColumns {
    // Body and caption sentences: a question may cite a picture's caption.
    const sentences = new Map(citableSentences(quiz.article).map((s) => [s.id, s.text]));
    return { id: quiz.id, version, title: quiz.title, questions: quiz.questions, sentenceText: (id) => sentences.get(id) };
  }

  /** An answer with its response, or undefined when its row cannot be read (reported by its attempt and question). */
  function responseOf(row: Record<string, unknown>, onUnreadable: (row: UnreadableRow) => void): ScoredAnswer | undefined {
    const answer = parseListedRow(ResponseRowFields, row, onUnreadable);
    return answer && responseRecord(answer);
  }

  /** An answer's marks, or undefined when its row cannot be read (reported with the reason its whole row gives). */
  function marksOf(attemptId: string, row: Record<string, unknown>, onUnreadable: (row: UnreadableRow) => void): AnswerScore | undefined {
    const marks = MarkRowFields.safeParse(row);
    if (marks.success) {
      const { question_id: questionId, points, max_points: maxPoints, verdict } = marks.data;
      return { questionId, points, maxPoints, verdict };
    }
    const stored = store.results.responseRow(attemptId, String(row['question_id']));
    if (stored === undefined || parseListedRow(ResponseRowFields, stored, onUnreadable) !== undefined) {
      onUnreadable({ attemptId, questionId: String(row['question_id']), problem: 'the stored answer does not fit its schema' });
    }
    return undefined;
  }

  /**
   * The attempts of `filter`, one at a time with their answers; unreadable rows are reported and
   * left out. With `marks`, the answers carry their marks only: their responses are not read.
   */
  function attempts(filter: ResultsFilter, onUnreadable: (row: UnreadableRow) => void): Generator<AttemptData>;
  function attempts(filter: ResultsFilter, onUnreadable: (row: UnreadableRow) => void, marks: 'marks'): Generator<AttemptData<AnswerScore>>;
  function* attempts(
    filter: ResultsFilter,
    onUnreadable: (row: UnreadableRow) => void,
    marks?: 'marks',
  ): Generator<AttemptData<AnswerScore>> {
    for (const rows of store.results.exportRows(filter, marks ?? 'responses')) {
      const attempt = parseListedRow(AttemptRow, rows.attempt, onUnreadable);
      if (!attempt) continue; // reported once; its answers go with it
      const answers: AnswerScore[] = [];
      for (const row of rows.answers) {
        const answer = marks ? marksOf(attempt.id, row, onUnreadable) : responseOf(row, onUnreadable);
        if (answer) answers.push(answer);
      }
      yield { ...attempt, answers };
    }
  }

  return {
    /** The file of `request`; unreadable rows go to `onUnreadable` as the file is read. */
    csv(request: CsvRequest, onUnreadable: (row: UnreadableRow) => void): CsvFile {
      const { kind, version: asked, ...others } = request;
      if (kind === 'gradebook' && others.quizId === undefined) {
        throw new ServiceError('invalid-request', 'a gradebook export is for one quiz: choose the quiz');
      }
      if (asked !== undefined && others.quizId === undefined) {
        throw new ServiceError('invalid-request', 'a version belongs to one quiz: choose the quiz as well as its version');
      }
      // One quiz: one version (the one asked, else the one class results show first), never a mix.
      // Every quiz: each attempt is written against the version it was taken on.
      const chosen = others.quizId === undefined ? undefined : chooseVersion(deps, others.quizId, asked, others);
      const filter: ResultsFilter = { ...others, ...(chosen ? { version: chosen.version } : {}) };
      const columnsByKey = new Map<string, QuizColumns | undefined>();
      if (chosen) columnsByKey.set(versionKey(chosen.quiz.id, chosen.version), columnsOf(chosen.quiz, chosen.version));
      /** The columns of a quiz version; undefined for a quiz (or version) no longer installed: its rows keep their ids. */
      const columnsAt = (quizId: string, version: number) => {
        const key = versionKey(quizId, version);
        if (!columnsByKey.has(key)) {
          const quiz = quizAtVersion(catalogue, quizId, version);
          columnsByKey.set(key, quiz && columnsOf(quiz, version));
        }
        return columnsByKey.get(key);
      };
      const stamp = now().toISOString().slice(0, 16).replace(/:/g, '-');
      const scope = chosen ? `${chosen.quiz.id}-v${chosen.version}` : 'all-quizzes';
      const filename = `evident-${kind}-${scope}-${stamp}.csv`;
      const quizOf = (a: AttemptData<AnswerScore>) => columnsAt(a.quizId, a.quizVersion ?? 1);
      let records: Iterable<Cell[]>;
      if (kind === 'attempts') {
        // A column per question of each quiz version present (of every quiz when none is).
        const present = store.results.quizVersions(filter).flatMap((v) => columnsAt(v.quizId, v.version) ?? []);
        const all = present.length > 0 ? present : catalogue.loaded().map((q) => columnsAt(q.id, catalogue.versionOf(q.id))!);
        const columns = questionColumns(all, new Set());
        records = (function* () {
          yield [...ATTEMPT_COLUMNS, ...columns.map((c) => c.header)];
          for (const attempt of attempts(filter, onUnreadable, 'marks')) yield attemptRow(quizOf(attempt), attempt, columns);
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
          for (const attempt of attempts({ ...filter, status: 'submitted' }, onUnreadable, 'marks')) {
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

/** Records a chunk of the file carries: about 16 KB of CSV at a response row's size. */
const RECORDS_PER_CHUNK = 64;

/**
 * The records as CSV text (csv.ts's dialect), a chunk at a time: each chunk is written before
 * the next is read, so the rows, their cells and their text die young. (A stream per record
 * through csv-stringify's transform kept thousands of them alive in its buffers across the young
 * generation's collections: the export of 100,000 answers grew the server's heap by 30 MB.)
 */
export function* csvChunks(records: Iterable<Cell[]>): Generator<Buffer> {
  const batch: Cell[][] = [];
  let first = true;
  const text = () => {
    // Encoded at once: the text is built of thousands of small strings, which would otherwise
    // live on while the chunk waits for the socket.
    const chunk = Buffer.from(stringify(batch, { ...CSV_OPTIONS, bom: first && CSV_OPTIONS.bom === true }), 'utf8');
    first = false;
    batch.length = 0;
    return chunk;
  };
  for (const record of records) {
    batch.push(record);
    if (batch.length === RECORDS_PER_CHUNK) yield text();
  }
  if (batch.length > 0 || first) yield text();
}

/** Writes the records as CSV to `out`, a chunk at a time, reading the next only once `out` has room for it. */
export async function writeCsv(records: Iterable<Cell[]>, out: Writable): Promise<void> {
  await pipeline(Readable.from(csvChunks(records), { highWaterMark: 1 }), out);
}
