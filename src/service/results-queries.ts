import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LoadedQuestion } from '../core/bank/loaded.ts';
import { QUESTION_TYPES } from '../core/bank/schema.ts';
import type { ChoiceCount, ClassSums, QuestionSums } from '../core/results/class-sums.ts';
import type { Response } from '../core/scoring/response.ts';

// Class results at 100,000 answers: SQLite adds them up and returns a few numbers per question
// and per attempt, instead of every row being read, parsed and summed in JavaScript. The
// arithmetic that turns the sums into facility, discrimination and reliability is in core
// (class-sums.ts), tested against the row-by-row reference.

/** Which attempts: every condition given must hold. */
export interface ResultsFilter {
  quizId?: string | undefined;
  /** Taken on this version of the quiz. */
  version?: number | undefined;
  status?: 'in-progress' | 'submitted' | undefined;
  /** Seats of this classroom session. */
  sessionId?: string | undefined;
  /** Started at or after this instant (ISO). */
  from?: string | undefined;
  /** Started before this instant (ISO). */
  to?: string | undefined;
  /** Any part of the name, ignoring case. */
  studentName?: string | undefined;
  /** Only attempts outside any classroom session. */
  practice?: boolean | undefined;
}

/** A name as the filter compares it: composed, lower case. */
export const foldName = (name: string) => name.normalize('NFC').toLocaleLowerCase();

/** The conditions of a filter on attempts `a`; NULL parameters switch one off. */
export const MATCHES = `(:quizId IS NULL OR a.quiz_id = :quizId) AND (:version IS NULL OR a.quiz_version = :version)
  AND (:status IS NULL OR a.status = :status)
  AND (:sessionId IS NULL OR a.id IN (SELECT attempt_id FROM seats WHERE session_id = :sessionId))
  AND (:from IS NULL OR a.started_at >= :from) AND (:to IS NULL OR a.started_at < :to)
  AND (:name IS NULL OR instr(evident_fold(a.student_name), :name) > 0)
  AND (:practice IS NULL OR a.id NOT IN (SELECT attempt_id FROM seats))`;

export function filterParams(f: ResultsFilter) {
  return {
    quizId: f.quizId ?? null,
    version: f.version ?? null,
    status: f.status ?? null,
    sessionId: f.sessionId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    name: f.studentName ? foldName(f.studentName) : null,
    practice: f.practice ? 1 : null,
  };
}

/**
 * What SQL can check of an attempt row: the rest of its schema is checked when the (few)
 * attempt rows are parsed. An attempt that fails is left out of every sum and reported.
 */
export const ATTEMPT_READABLE = `(CASE WHEN json_valid(a.settings) THEN a.settings ->> '$.feedback' IN ('immediate', 'deferred') ELSE 0 END)
  AND typeof(a.seed) = 'integer' AND a.status IN ('in-progress', 'submitted') AND typeof(a.started_at) = 'text'`;

/** The same for a response row `r`: valid JSON of a known type, numeric points, a known verdict. */
export const responseReadable = (
  r: string,
) => `(CASE WHEN json_valid(${r}.response) THEN ${r}.response ->> '$.type' IN (${QUESTION_TYPES.map((t) => `'${t}'`).join(', ')}) ELSE 0 END)
  AND typeof(${r}.points) IN ('integer', 'real') AND typeof(${r}.max_points) IN ('integer', 'real')
  AND ${r}.verdict IN ('correct', 'partial', 'incorrect') AND typeof(${r}.answered_at) = 'text'`;
export const RESPONSE_READABLE = responseReadable('r');

const SCALAR_CHOICES = `('single-choice', 'true-false-not-given', 'two-part')`;

/** A response's type as the derived column holds it: NULL when the JSON is not valid. */
const typeOf = (response: string) => `(CASE WHEN json_valid(${response}) THEN ${response} ->> '$.type' END)`;
/** Schema 5's choice: the option of a single-choice, true/false/not-given or two-part (its part A) response; NULL for any other. */
const scalarChoiceOf = (response: string) =>
  `(CASE WHEN json_valid(${response}) AND ${response} ->> '$.type' IN ${SCALAR_CHOICES}
    THEN coalesce(${response} ->> '$.optionId', ${response} ->> '$.value', ${response} ->> '$.partA') END)`;
/**
 * Schema 6's choice: as schema 5's, and the options of a multiple-select response (a JSON array)
 * or the pairs of a matching one (a JSON object), so that their counts too are read from the
 * index, never from the table's rows (each in a page of its own at 100,000 answers); NULL for any other.
 */
const choiceOf = (response: string) =>
  `(CASE WHEN NOT json_valid(${response}) THEN NULL WHEN ${response} ->> '$.type' IN ${SCALAR_CHOICES}
    THEN coalesce(${response} ->> '$.optionId', ${response} ->> '$.value', ${response} ->> '$.partA')
    WHEN ${response} ->> '$.type' = 'multiple-select' THEN ${response} -> '$.optionIds'
    WHEN ${response} ->> '$.type' = 'matching' THEN ${response} -> '$.pairs' END)`;

/** The derived columns as the service writes them (store.ts), so that the trigger below finds nothing to mend. */
export function derivedColumns(response: Response): { responseType: string; choice: string | null } {
  const choice =
    response.type === 'single-choice'
      ? response.optionId
      : response.type === 'true-false-not-given'
        ? response.value
        : response.type === 'two-part'
          ? response.partA
          : response.type === 'multiple-select'
            ? JSON.stringify(response.optionIds)
            : response.type === 'matching'
              ? JSON.stringify(response.pairs)
              : null;
  return { responseType: response.type, choice };
}

/**
 * Schema 4 → 5: what class results add up is stored beside each answer when it is written, so
 * that results at 100,000 answers parse no JSON and read one index, never the table:
 * `response_type`, `choice` (the option of a scalar choice) and `readable` (the row passes
 * RESPONSE_READABLE). The service writes them with the answer; triggers mend them whenever a row
 * was written otherwise (a hand edit through SQL) or no longer fits, so a damaged row is still
 * found and reported. Every existing row is kept and filled.
 */
const DERIVE = (row: string, choice = scalarChoiceOf) =>
  `response_type = ${typeOf(`${row}.response`)}, choice = ${choice(`${row}.response`)}, readable = (${responseReadable(row)})`;
// When the triggers mend a row. Checking the whole of RESPONSE_READABLE on every answer cost
// about 45 µs an answer (in a test of 20,000 writes); the service writes the columns right, so
// the check on its hot path is only that the JSON is valid and the marks are of their kinds,
// and the mending itself checks everything. A change that leaves the derived columns as they
// were while the response changed (as a hand edit does) is mended too.
const SUSPECT = (row: string) =>
  `NOT json_valid(${row}.response) OR ${row}.readable IS NOT 1 OR ${row}.response_type IS NULL
   OR typeof(${row}.points) NOT IN ('integer', 'real') OR typeof(${row}.max_points) NOT IN ('integer', 'real')
   OR ${row}.verdict NOT IN ('correct', 'partial', 'incorrect') OR typeof(${row}.answered_at) <> 'text'`;
const DERIVED_TRIGGERS = (choice: (response: string) => string) =>
  `CREATE TRIGGER responses_derived_insert AFTER INSERT ON responses WHEN ${SUSPECT('NEW')}
     BEGIN UPDATE responses SET ${DERIVE('NEW', choice)} WHERE rowid = NEW.rowid; END;
   CREATE TRIGGER responses_derived_update
     AFTER UPDATE OF response, points, max_points, verdict, answered_at, response_type, choice, readable ON responses
     WHEN ${SUSPECT('NEW')} OR (NEW.response IS NOT OLD.response AND NEW.response_type IS OLD.response_type AND NEW.choice IS OLD.choice)
     BEGIN UPDATE responses SET ${DERIVE('NEW', choice)} WHERE rowid = NEW.rowid; END;`;
export const DERIVED_MIGRATION = `ALTER TABLE responses ADD COLUMN response_type TEXT;
   ALTER TABLE responses ADD COLUMN choice TEXT;
   ALTER TABLE responses ADD COLUMN readable INTEGER NOT NULL DEFAULT 0;
   UPDATE responses AS responses SET ${DERIVE('responses')};
   ${DERIVED_TRIGGERS(scalarChoiceOf)}
   CREATE INDEX responses_marks ON responses
     (attempt_id, question_id, readable, response_type, choice, points, max_points, verdict, override_points, override_verdict);`;

/** The mark that counts: the teacher's override when there is one. */
export const POINTS = 'coalesce(r.override_points, r.points)';
export const VERDICT = 'coalesce(r.override_verdict, r.verdict)';

/** Registers the functions the queries use (once per connection). */
export function registerFunctions(db: DatabaseSync): void {
  db.function('evident_fold', { deterministic: true }, (text) => (typeof text === 'string' ? foldName(text) : null));
}

export interface AttemptPoints {
  /** Answers to questions the bank has. */
  answered: number;
  /** Their points, unrounded. */
  points: number;
}

export interface ClassAggregates {
  sums: ClassSums;
  /** Per attempt matched (any status). */
  byAttempt: Map<string, AttemptPoints>;
  /** Response rows left out as unreadable, to be parsed again for the reason. */
  unreadable: { attemptId: string; questionId: string }[];
}

export interface ResultsQueries {
  /** The sums behind class results for the attempts of `filter` at a quiz whose bank is `questions`. */
  classAggregates(filter: ResultsFilter, questions: readonly LoadedQuestion[]): ClassAggregates;
  /**
   * The attempt rows of `filter`, newest first, as stored (the caller parses them), each with
   * `readable`: 1 when the row passes ATTEMPT_READABLE, as class results' sums require.
   */
  attemptRows(filter: ResultsFilter): Record<string, unknown>[];
  /** One response row as stored, or undefined. */
  responseRow(attemptId: string, questionId: string): Record<string, unknown> | undefined;
  /** The quizzes and versions the attempts of `filter` are at, by quiz id then version, with how many attempts each. */
  quizVersions(filter: ResultsFilter): { quizId: string; version: number; attempts: number }[];
  /**
   * Every attempt row of `filter` (newest first) with its answers' rows, read as they are iterated
   * from a connection of their own, which sees one snapshot and lets answers be saved meanwhile.
   */
  exportRows(filter: ResultsFilter, columns?: 'responses' | 'marks'): Generator<ExportRows>;
  /** Puts the teacher's mark on one answer (null takes it away); false when the answer is not stored. */
  setOverride(attemptId: string, questionId: string, mark: StoredOverride | null): boolean;
  /** The teacher's marks on an attempt's answers, by question, with the marks they replace. */
  overridesOf(attemptId: string): Map<string, StoredOverride & { originalPoints: number; originalVerdict: string }>;
}

/** One attempt as stored, and its answers as stored (the columns the export asked for). */
export interface ExportRows {
  attempt: Record<string, unknown>;
  answers: Record<string, unknown>[];
}

export interface StoredOverride {
  points: number;
  verdict: 'correct' | 'partial' | 'incorrect';
  /** A cloze's gaps as the teacher marked them. */
  gaps: Record<string, boolean> | null;
  reason: string | null;
  at: string;
}

/**
 * Schema 5 → 6: the answers' covering index ordered by question, then choice, type and mark, so
 * that class results group them in the index's order with no sort; `choice` holds
 * a multiple-select's options and a matching's pairs too (as JSON), so that no pass reads the
 * table's rows; and a partial index holds only unreadable answers, so that finding them reads
 * nothing when there are none. As many full indexes as before: a class's answers (a few at a time
 * from many seats, as group commit writes them) cost no more CPU to write than before (measured).
 */
export const BY_QUESTION_MIGRATION = `DROP TRIGGER responses_derived_insert;
   DROP TRIGGER responses_derived_update;
   ${DERIVED_TRIGGERS(choiceOf)}
   UPDATE responses SET choice = ${choiceOf('response')} WHERE response_type IN ('multiple-select', 'matching');
   DROP INDEX responses_marks;
   CREATE INDEX responses_by_question ON responses
     (question_id, choice, response_type, points, override_points, verdict, override_verdict, attempt_id, readable);
   CREATE INDEX responses_unreadable ON responses (attempt_id, question_id) WHERE NOT readable;`;

// The class's figures in three passes, inside one read transaction so that every pass sees the
// same answers. The first two walk the bank's questions in order and read their answers from the
// covering index (question, choice, type, marks, …), keeping those of the matched attempts (a key
// lookup in a small temporary table):
//  1. each attempt's total over the bank's questions, kept beside the attempt (grouped by the
//     answer's attempt id: the one sort, and the only pass that keeps no answer of another attempt
//     out before adding it up);
//  2. the submitted answers grouped by question, choice, type and mark, which is the index's own
//     order, so nothing is sorted: how many, the sum of their attempts' totals (for item–rest)
//     and the first attempt among them (one lookup an answer gives its attempt's rank, state and total). A class's 100,000 answers make a few hundred groups;
//  3. from the groups: each question's sums (a group's answers share their points, so the
//     points' sums are the groups' counts times their points), each scalar choice's count, and
//     the options and pairs inside multiple-select and matching answers (their JSON, kept in the
//     index's `choice`, read once per distinct answer).
// Within a question x = points / the bank's maximum, so the shares' sums are the points' sums scaled.
// Unreadable answers are found through their partial index (empty when all is well).
const SCRATCH_SQL = `CREATE TEMP TABLE IF NOT EXISTS results_bank (k INTEGER PRIMARY KEY, id TEXT NOT NULL, max REAL, type TEXT, choice INTEGER);
  CREATE TEMP TABLE IF NOT EXISTS results_attempts
    (id TEXT PRIMARY KEY, rk INTEGER NOT NULL, submitted INTEGER, answered INTEGER, points REAL) WITHOUT ROWID;
  CREATE TEMP TABLE IF NOT EXISTS results_groups (k INTEGER, choice TEXT, type TEXT, p REAL, v TEXT, n INTEGER, t REAL, first INTEGER);`;
const CLEAR_SQL = 'DELETE FROM results_bank; DELETE FROM results_attempts; DELETE FROM results_groups;';
/** choice: 1 for a scalar choice (the stored `choice`), 2 for multiple select and matching (JSON in `choice`). */
const FILL_BANK_SQL = `INSERT INTO results_bank SELECT key, value ->> 0, value ->> 1, value ->> 2,
  CASE WHEN value ->> 2 IN ${SCALAR_CHOICES} THEN 1 WHEN value ->> 2 IN ('multiple-select', 'matching') THEN 2 ELSE 0 END FROM json_each(:bank)`;
const FILL_ATTEMPTS_SQL = `INSERT INTO results_attempts (id, rk, submitted)
  SELECT a.id, row_number() OVER (ORDER BY a.started_at DESC, a.rowid DESC), a.status = 'submitted'
  FROM attempts a WHERE ${MATCHES} AND ${ATTEMPT_READABLE}`;
const READABLE = 'r.readable';
/** The bank's questions' answers of the matched attempts, by question, choice, type and mark: the index's order. */
const BANK_ANSWERS = `results_bank b CROSS JOIN responses r INDEXED BY responses_by_question ON r.question_id = b.id
  CROSS JOIN results_attempts t ON t.id = r.attempt_id`;
// Grouped by the answers' own attempt id first and matched after, so that 3,000 attempts are
// looked up rather than 100,000 answers (half the pass's time); answers of attempts the filter
// leaves out are added up and then dropped by the match.
const FILL_TOTALS_SQL = `UPDATE results_attempts AS t SET answered = g.n, points = g.p
  FROM (SELECT r.attempt_id AS aid, count(*) AS n, total(${POINTS}) AS p
    FROM results_bank b CROSS JOIN responses r INDEXED BY responses_by_question ON r.question_id = b.id
    WHERE ${READABLE} GROUP BY r.attempt_id) AS g
  WHERE t.id = g.aid`;
const FILL_GROUPS_SQL = `INSERT INTO results_groups
  SELECT b.k, r.choice, r.response_type, ${POINTS}, ${VERDICT}, count(*), total(t.points), min(t.rk)
  FROM ${BANK_ANSWERS}
  WHERE t.submitted AND ${READABLE}
  GROUP BY b.k, r.choice, r.response_type, r.points, r.override_points, r.verdict, r.override_verdict`;
const TOTALS_SQL = `SELECT 'a' AS kind, t.id AS k1, t.answered AS n1, t.points AS n2, NULL AS n3
  FROM results_attempts t WHERE t.answered IS NOT NULL
  UNION ALL
  SELECT 't', NULL, count(*), total(t.points), total(t.points * t.points) FROM results_attempts t
  WHERE t.submitted`;
const BAD_SQL = `SELECT r.attempt_id AS aid, r.question_id AS qid
  FROM results_attempts t CROSS JOIN responses r INDEXED BY responses_unreadable ON r.attempt_id = t.id WHERE NOT ${READABLE}`;
/** A group's choice as JSON to read inside, or NULL (a hand-edited value that is not JSON counts as no choice). */
const GROUP_JSON = `json_each(CASE WHEN json_valid(g.choice) THEN g.choice END)`;
const GROUPS = `results_groups g CROSS JOIN results_bank b ON b.k = g.k`;
const QUESTIONS_SQL = `SELECT 'q' AS kind, b.id AS qid, NULL AS choice, sum(g.n) AS n, sum(g.n * (g.v = 'correct')) AS full,
    sum(g.n * (g.p <> 0 AND g.p <> b.max)) AS partial, total(g.n * g.p) AS p, total(g.n * g.p * g.p) AS pp, total(g.p * g.t) AS pt,
    sum(g.n * (b.choice > 0 AND g.type = b.type)) AS typed, b.max AS max, NULL AS first
  FROM ${GROUPS} GROUP BY g.k
  UNION ALL
  SELECT 'c', b.id, g.choice, sum(g.n), sum(g.n), NULL, NULL, NULL, NULL, NULL, NULL, min(g.first) * 100
  FROM ${GROUPS} WHERE b.choice = 1 AND g.type = b.type AND g.choice IS NOT NULL GROUP BY g.k, g.choice
  UNION ALL
  SELECT 'm', qid, value, sum(n * c), sum(n), NULL, NULL, NULL, NULL, NULL, NULL, min(first * 100 + key0)
  FROM (SELECT b.id AS qid, g.n, g.first, j.value, count(*) AS c, min(j.key) AS key0
    FROM ${GROUPS}, ${GROUP_JSON} j WHERE b.type = 'multiple-select' AND g.type = b.type GROUP BY g.rowid, j.value)
  GROUP BY qid, value
  UNION ALL
  SELECT 'p', qid, pair, sum(n * c), sum(n * c), NULL, NULL, NULL, NULL, NULL, NULL, min(first) * 100
  FROM (SELECT b.id AS qid, g.n, g.first, j.key || char(0) || j.value AS pair, count(*) AS c
    FROM ${GROUPS}, ${GROUP_JSON} j WHERE b.type = 'matching' AND g.type = b.type GROUP BY g.rowid, pair)
  GROUP BY qid, pair`;

// The exports' rows: the matched attempts in order (a sort of a few thousand attempt rows), then
// each one's answers by its key. Joined in one statement and sorted after, SQLite sorted every
// answer with its response (26 MB at 100,000 answers) in memory before the first row came out.
const EXPORT_ATTEMPTS_SQL = `SELECT a.* FROM attempts a WHERE ${MATCHES} ORDER BY a.started_at DESC, a.rowid DESC`;
/** An attempt's answers with their responses (`responses`), or with their marks and `readable` only (`marks`). */
const exportAnswersSql = (columns: 'responses' | 'marks') => `SELECT r.attempt_id, r.question_id,
    ${columns === 'responses' ? 'r.response, r.answered_at' : 'r.readable'}, ${POINTS} AS points, r.max_points, ${VERDICT} AS verdict
  FROM responses r WHERE r.attempt_id = ?`;

export function resultsQueries(db: DatabaseSync, beforeRead: () => void, openReader: () => DatabaseSync): ResultsQueries {
  registerFunctions(db);
  let statements:
    Record<'fillBank' | 'fillAttempts' | 'fillTotals' | 'fillGroups' | 'totals' | 'questions' | 'bad', StatementSync> | undefined;
  const selectAttempts = db.prepare(
    `SELECT a.*, ${ATTEMPT_READABLE} AS readable FROM attempts a WHERE ${MATCHES} ORDER BY a.started_at DESC, a.rowid DESC`,
  );
  const selectResponse = db.prepare('SELECT * FROM responses WHERE attempt_id = ? AND question_id = ?');
  const selectQuizVersions = db.prepare(
    `SELECT a.quiz_id, a.quiz_version, count(*) AS n FROM attempts a WHERE ${MATCHES}
     GROUP BY a.quiz_id, a.quiz_version ORDER BY a.quiz_id, a.quiz_version`,
  );
  const updateOverride = db.prepare(
    `UPDATE responses SET override_points = ?, override_verdict = ?, override_gaps = ?, override_reason = ?, overridden_at = ?
     WHERE attempt_id = ? AND question_id = ?`,
  );
  const selectOverrides = db.prepare(
    `SELECT question_id, points, verdict, override_points, override_verdict, override_gaps, override_reason, overridden_at
     FROM responses WHERE attempt_id = ? AND override_points IS NOT NULL`,
  );
  return {
    setOverride(attemptId, questionId, mark) {
      beforeRead();
      const values = mark
        ? [mark.points, mark.verdict, mark.gaps ? JSON.stringify(mark.gaps) : null, mark.reason, mark.at]
        : [null, null, null, null, null];
      return Number(updateOverride.run(...values, attemptId, questionId).changes) > 0;
    },
    overridesOf(attemptId) {
      beforeRead();
      const marks = new Map<string, StoredOverride & { originalPoints: number; originalVerdict: string }>();
      for (const row of selectOverrides.iterate(attemptId)) {
        let gaps: Record<string, boolean> | null;
        try {
          gaps = row['override_gaps'] === null ? null : (JSON.parse(String(row['override_gaps'])) as Record<string, boolean>);
        } catch {
          gaps = null; // the gaps' detail is lost; the mark itself still stands
        }
        marks.set(String(row['question_id']), {
          points: Number(row['override_points']),
          verdict: String(row['override_verdict']) as StoredOverride['verdict'],
          gaps,
          reason: row['override_reason'] === null ? null : String(row['override_reason']),
          at: String(row['overridden_at']),
          originalPoints: Number(row['points']),
          originalVerdict: String(row['verdict']),
        });
      }
      return marks;
    },
    quizVersions(filter) {
      beforeRead();
      return selectQuizVersions
        .all(filterParams(filter))
        .map((row) => ({ quizId: String(row['quiz_id']), version: Number(row['quiz_version']), attempts: Number(row['n']) }));
    },
    *exportRows(filter, columns = 'responses') {
      beforeRead();
      const reader = openReader();
      try {
        registerFunctions(reader);
        // One snapshot for both statements: answers saved meanwhile are not half in the file.
        reader.exec('BEGIN');
        const answersOf = reader.prepare(exportAnswersSql(columns));
        for (const attempt of reader.prepare(EXPORT_ATTEMPTS_SQL).iterate(filterParams(filter))) {
          yield { attempt, answers: answersOf.all(attempt['id'] as string) };
        }
      } finally {
        reader.close();
      }
    },
    attemptRows(filter) {
      return selectAttempts.all(filterParams(filter));
    },
    responseRow(attemptId, questionId) {
      beforeRead();
      return selectResponse.get(attemptId, questionId);
    },
    classAggregates(filter, questions) {
      beforeRead();
      if (!statements) {
        db.exec(SCRATCH_SQL);
        statements = {
          fillBank: db.prepare(FILL_BANK_SQL),
          fillAttempts: db.prepare(FILL_ATTEMPTS_SQL),
          fillTotals: db.prepare(FILL_TOTALS_SQL),
          fillGroups: db.prepare(FILL_GROUPS_SQL),
          totals: db.prepare(TOTALS_SQL),
          questions: db.prepare(QUESTIONS_SQL),
          bad: db.prepare(BAD_SQL),
        };
      }
      const st = statements;
      const byAttempt = new Map<string, AttemptPoints>();
      const sumsByQuestion = new Map<string, QuestionSums>();
      const choices: ChoiceCount[] = [];
      let totals = { attempts: 0, t: 0, tt: 0 };
      const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);
      // One snapshot for every pass; the temporary tables are this connection's alone.
      db.exec('BEGIN');
      try {
        db.exec(CLEAR_SQL);
        st.fillBank.run({ bank: JSON.stringify(questions.map((q) => [q.id, q.points, q.type])) });
        st.fillAttempts.run(filterParams(filter));
        st.fillTotals.run();
        st.fillGroups.run();
        for (const row of st.totals.iterate()) {
          if (row['kind'] === 'a') byAttempt.set(String(row['k1']), { answered: num(row['n1']), points: num(row['n2']) });
          else totals = { attempts: num(row['n1']), t: num(row['n2']), tt: num(row['n3']) };
        }
        for (const row of st.questions.iterate()) {
          const questionId = String(row['qid']);
          const choice = row['choice'];
          const counts = { count: num(row['n']), responses: num(row['full']), first: num(row['first']) };
          if (row['kind'] === 'q') {
            const max = num(row['max']);
            const [p, pp, pt] = [num(row['p']), num(row['pp']), num(row['pt'])];
            sumsByQuestion.set(questionId, {
              questionId,
              answered: num(row['n']),
              full: num(row['full']),
              typed: num(row['typed']),
              partial: num(row['partial']),
              p,
              pp,
              x: max > 0 ? p / max : 0,
              xx: max > 0 ? pp / (max * max) : 0,
              xp: max > 0 ? pp / max : 0,
              xt: max > 0 ? pt / max : 0,
              pt,
            });
          } else if (choice === null || choice === undefined) continue;
          else if (row['kind'] === 'p') {
            const [left, right] = String(choice).split('\u0000');
            if (left !== undefined && right !== undefined) choices.push({ questionId, choice: left, right, ...counts });
          } else choices.push({ questionId, choice: String(choice), ...counts });
        }
        const unreadable = st.bad.all().map((row) => ({ attemptId: String(row['aid']), questionId: String(row['qid']) }));
        return { sums: { ...totals, questions: sumsByQuestion, choices }, byAttempt, unreadable };
      } finally {
        db.exec('COMMIT');
      }
    },
  };
}

/**
 * Schema 2 → 3 (see the migrations in store.ts): a teacher's mark stands beside the one the
 * answer got, which is kept. `override_gaps` holds a cloze's marks per gap as JSON.
 */
export const MARKS_MIGRATION = `ALTER TABLE responses ADD COLUMN override_points REAL;
   ALTER TABLE responses ADD COLUMN override_verdict TEXT;
   ALTER TABLE responses ADD COLUMN override_gaps TEXT;
   ALTER TABLE responses ADD COLUMN override_reason TEXT;
   ALTER TABLE responses ADD COLUMN overridden_at TEXT;
   CREATE INDEX attempts_by_quiz ON attempts (quiz_id, started_at);`;
