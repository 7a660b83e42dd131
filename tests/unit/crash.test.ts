import { describe, expect, it } from 'vitest';
import { crashTrial } from './crash-harness.ts';
import { questionsDir, seedQuiz, tempDir } from './fixtures.ts';

// A student's answers must survive the app being killed at any moment: every answer the
// service acknowledged is in the database after a restart, and the attempts carry on. The
// child answers for several students at once, so answers are committed in groups, with the
// log synced after each group's commit, as in a class.

const TRIALS = 12;
const STUDENTS = 4;

describe('crash survival', () => {
  it(`keeps every acknowledged answer when the process is killed at a random point (${TRIALS} trials)`, async () => {
    const quiz = seedQuiz();
    const answers = STUDENTS * quiz.questions.length;
    let acknowledged = 0;
    const batches: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { dir, cleanup } = tempDir();
      try {
        // Spread the kills over the whole quiz, each a random few milliseconds after an ack.
        const killAfterAcks = Math.floor(((trial + Math.random()) / TRIALS) * answers);
        const delayMs = Math.random() * 4;
        const result = await crashTrial({ dir, quiz, questionsDir, killAfterAcks, delayMs, students: STUDENTS });
        const where = `trial ${trial}: killed ${delayMs.toFixed(1)} ms after ack ${killAfterAcks}`;
        expect(result.lost, where).toEqual([]);
        expect(result.problems, where).toEqual([]);
        expect(result.stored, where).toBeGreaterThanOrEqual(result.acknowledged);
        acknowledged += result.acknowledged;
        batches.push(...result.batches);
      } finally {
        cleanup();
      }
    }
    // The trials did kill mid-quiz rather than before the first or after the last answer…
    expect(acknowledged).toBeGreaterThan(TRIALS);
    // …and the answers were committed in groups, not one at a time.
    expect(Math.max(...batches)).toBeGreaterThan(1);
  }, 300_000);

  it('catch an acknowledgement given before its commit: such a child loses acknowledged answers', async () => {
    const quiz = seedQuiz();
    let lost = 0;
    // A few trials: each kill lands a few milliseconds after an ack, inside the 50 ms before the answer is given.
    for (let trial = 0; trial < 3 && lost === 0; trial++) {
      const { dir, cleanup } = tempDir();
      try {
        const result = await crashTrial({
          dir,
          quiz,
          questionsDir,
          killAfterAcks: 10 + trial * STUDENTS,
          delayMs: Math.random() * 4,
          students: STUDENTS,
          ackBeforeCommit: true,
        });
        lost += result.lost.length;
      } finally {
        cleanup();
      }
    }
    expect(lost).toBeGreaterThan(0);
  }, 60_000);
});
