import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openStore, type Store } from '../../src/service/store.ts';
import { seedQuiz, tempDir } from './fixtures.ts';

// Schema 5 stores, beside each answer, what class results add up (its type, the option of a
// scalar choice, whether the row is readable), so that results read an index and parse no
// JSON; schema 6 keeps a multiple-select's options and a matching's pairs in the same column, so
// that no pass reads the table. A schema 4 database is brought up to date with every row kept
// and filled, and a row changed behind the store's back is still found unreadable.

const quiz = seedQuiz();
const cleanups: (() => void)[] = [];
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const ATTEMPT = '00000000-0000-4000-8000-000000000001';

/** A schema 4 database as the previous release wrote it, with good answers and two damaged ones. */
function schema4Database(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'evident.db');
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  for (let from = 0; from < 4; from++) db.exec(`BEGIN; ${MIGRATIONS[from]} PRAGMA user_version = ${from + 1}; COMMIT;`);
  db.prepare(
    `INSERT INTO attempts (id, quiz_id, student_name, settings, seed, status, started_at, submitted_at, quiz_version)
     VALUES (?, ?, 'Ada', '{"feedback":"deferred"}', 1, 'submitted', '2026-11-20T09:00:00.000Z', '2026-11-20T09:20:00.000Z', 1)`,
  ).run(ATTEMPT, quiz.id);
  const answer = db.prepare(
    `INSERT INTO responses (attempt_id, question_id, response, points, max_points, verdict, answered_at)
     VALUES (?, ?, ?, ?, 1, ?, '2026-11-20T09:10:00.000Z')`,
  );
  answer.run(ATTEMPT, 'one', '{"type":"single-choice","optionId":"b"}', 1, 'correct');
  answer.run(ATTEMPT, 'two', '{"type":"true-false-not-given","value":"not-given"}', 0, 'incorrect');
  answer.run(ATTEMPT, 'three', '{"type":"multiple-select","optionIds":["a","c"]}', 0.5, 'partial');
  answer.run(ATTEMPT, 'four', '{"type":"single-ch', 1, 'correct'); // damaged JSON
  answer.run(ATTEMPT, 'five', '{"type":"short-answer","text":"x"}', 1, 'perfect'); // no such verdict
  db.close();
  return file;
}

const derived = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('SELECT question_id, response_type, choice, readable FROM responses ORDER BY rowid').all();
  } finally {
    db.close();
  }
};

describe('schemas 5 and 6: what results add up, stored with each answer', () => {
  it('brings a schema 4 database up to date, keeping and filling every row', () => {
    const file = schema4Database();
    store = openStore(file);
    store.close();
    store = undefined;
    expect(derived(file)).toEqual([
      { question_id: 'one', response_type: 'single-choice', choice: 'b', readable: 1 },
      { question_id: 'two', response_type: 'true-false-not-given', choice: 'not-given', readable: 1 },
      { question_id: 'three', response_type: 'multiple-select', choice: '["a","c"]', readable: 1 },
      { question_id: 'four', response_type: null, choice: null, readable: 0 },
      { question_id: 'five', response_type: 'short-answer', choice: null, readable: 0 },
    ]);
    const db = new DatabaseSync(file, { readOnly: true });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 6 });
    expect(db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 5 });
    db.close();
  });

  it('reports the damaged rows of a migrated database by attempt and question, and sums the rest', () => {
    store = openStore(schema4Database());
    const { unreadable, byAttempt } = store.results.classAggregates({ quizId: quiz.id }, [
      ...['one', 'two', 'three', 'four', 'five'].map((id) => ({ ...quiz.questions[0]!, id })),
    ]);
    expect(unreadable.sort((a, b) => a.questionId.localeCompare(b.questionId))).toEqual([
      { attemptId: ATTEMPT, questionId: 'five' },
      { attemptId: ATTEMPT, questionId: 'four' },
    ]);
    expect(byAttempt.get(ATTEMPT)).toEqual({ answered: 3, points: 1.5 });
  });

  it('writes the columns with each answer, and mends them when a row is changed behind the store’s back', async () => {
    const file = schema4Database();
    store = openStore(file);
    await store.saveResponse(ATTEMPT, {
      questionId: 'six',
      response: { type: 'two-part', partA: 'because', partB: ['p1.s1'] },
      points: 1,
      maxPoints: 1,
      verdict: 'correct',
      answeredAt: '2026-11-20T09:11:00.000Z',
    });
    // A changed answer: the stored choice follows it.
    await store.saveResponse(ATTEMPT, {
      questionId: 'one',
      response: { type: 'single-choice', optionId: 'c' },
      points: 0,
      maxPoints: 1,
      verdict: 'incorrect',
      answeredAt: '2026-11-20T09:12:00.000Z',
    });
    await store.saveResponse(ATTEMPT, {
      questionId: 'seven',
      response: { type: 'matching', pairs: { l1: 'r2', l2: 'r1' } },
      points: 0,
      maxPoints: 1,
      verdict: 'incorrect',
      answeredAt: '2026-11-20T09:13:00.000Z',
    });
    store.listResponses(ATTEMPT, () => {}); // commits the queued answers
    const raw = new DatabaseSync(file);
    raw.prepare('UPDATE responses SET response = \'{"type":"multiple-select","optionIds":["b"]}\' WHERE question_id = \'three\'').run();
    raw.prepare("UPDATE responses SET response = '{\"type\": \"single-ch' WHERE question_id = 'two'").run();
    raw
      .prepare('UPDATE responses SET response = \'{"type":"short-answer","text":"y"}\', verdict = \'correct\' WHERE question_id = \'five\'')
      .run();
    raw.prepare("UPDATE responses SET choice = 'forged', readable = 1 WHERE question_id = 'four'").run();
    raw.close();
    const rows = new Map(derived(file).map((r) => [r['question_id'], r]));
    expect(rows.get('six')).toEqual({ question_id: 'six', response_type: 'two-part', choice: 'because', readable: 1 });
    // As the service writes it, and as SQL derives it from the answer when it is edited by hand.
    expect(rows.get('seven')).toEqual({ question_id: 'seven', response_type: 'matching', choice: '{"l1":"r2","l2":"r1"}', readable: 1 });
    expect(rows.get('three')).toMatchObject({ choice: '["b"]', readable: 1 });
    expect(rows.get('one')).toMatchObject({ choice: 'c', readable: 1 });
    expect(rows.get('two')).toMatchObject({ response_type: null, choice: null, readable: 0 });
    expect(rows.get('five')).toMatchObject({ response_type: 'short-answer', readable: 1 });
    expect(rows.get('four')).toMatchObject({ choice: null, readable: 0 });
  });
});
