import { describe, expect, it } from 'vitest';
import { crashTrial } from './crash-harness.ts';
import { questionsDir, seedQuiz, tempDir } from './fixtures.ts';

// A student's answers must survive the app being killed at any moment: every answer the
// service acknowledged is in the database after a restart, and the attempt carries on.

const TRIALS = 20;

describe('crash survival', () => {
  it(`keeps every acknowledged answer when the process is killed at a random point (${TRIALS} trials)`, async () => {
    const quiz = seedQuiz();
    let acknowledged = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const { dir, cleanup } = tempDir();
      try {
        // Spread the kills over the whole quiz, each a random few milliseconds after an ack.
        const killAfterAcks = Math.floor(((trial + Math.random()) / TRIALS) * quiz.questions.length);
        const delayMs = Math.random() * 4;
        const result = await crashTrial({ dir, quiz, questionsDir, killAfterAcks, delayMs });
        const where = `trial ${trial}: killed ${delayMs.toFixed(1)} ms after ack ${killAfterAcks}`;
        expect(result.lost, where).toEqual([]);
        expect(result.problems, where).toEqual([]);
        expect(result.stored, where).toBeGreaterThanOrEqual(result.acknowledged);
        acknowledged += result.acknowledged;
      } finally {
        cleanup();
      }
    }
    // The trials did kill mid-quiz rather than before the first or after the last answer.
    expect(acknowledged).toBeGreaterThan(TRIALS);
  }, 120_000);
});
