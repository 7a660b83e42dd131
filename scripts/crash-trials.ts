import { crashTrial } from '../tests/unit/crash-harness.ts';
import { questionsDir, seedQuiz, tempDir } from '../tests/unit/fixtures.ts';

// `node scripts/crash-trials.ts [N]`: N crash trials (default 200), each killing a child that
// answers the seed quiz for four students at once (their answers share group commits) with
// SIGKILL at a random point, and checking the database after a restart. Prints a summary,
// with the sizes of the group commits; exits 1 if any acknowledged answer was lost or an
// attempt did not resume.

const trials = Number(process.argv[2] ?? 200);
if (!Number.isInteger(trials) || trials < 1) {
  console.error('usage: node scripts/crash-trials.ts [number of trials, default 200]');
  process.exit(2);
}

const STUDENTS = 4;
const quiz = seedQuiz();
const started = performance.now();
let acknowledged = 0;
let inFlightKept = 0;
let finishedBeforeKill = 0;
const batches: number[] = [];
const failures: string[] = [];

for (let trial = 0; trial < trials; trial++) {
  const { dir, cleanup } = tempDir();
  const killAfterAcks = Math.floor(Math.random() * STUDENTS * quiz.questions.length);
  const delayMs = Math.random() * 4;
  try {
    const result = await crashTrial({ dir, quiz, questionsDir, killAfterAcks, delayMs, students: STUDENTS });
    batches.push(...result.batches);
    acknowledged += result.acknowledged;
    inFlightKept += result.stored - result.acknowledged;
    if (result.finished) finishedBeforeKill++;
    if (result.lost.length > 0 || result.problems.length > 0) {
      failures.push(
        `trial ${trial} (kill ${delayMs.toFixed(1)} ms after ack ${killAfterAcks}): lost ${result.lost.join(', ') || 'nothing'}; ${result.problems.join('; ')}`,
      );
    }
  } catch (error) {
    failures.push(`trial ${trial}: ${(error as Error).message}`);
  } finally {
    cleanup();
  }
  if ((trial + 1) % 50 === 0) console.log(`… ${trial + 1} trials`);
}

const seconds = (performance.now() - started) / 1000;
console.log(
  `${trials} crash trials in ${seconds.toFixed(1)} s (${STUDENTS} students answering ${quiz.questions.length} questions at once, SIGKILL at a random point)`,
);
const grouped = batches.filter((size) => size > 1);
console.log(
  `group commits: ${batches.length}, of which ${grouped.length} held more than one answer (largest ${Math.max(0, ...batches)}; ` +
    `${grouped.reduce((n, size) => n + size, 0)} of ${batches.reduce((n, size) => n + size, 0)} answers committed in groups)`,
);
console.log(`acknowledged answers: ${acknowledged}, all present after restart: ${failures.length === 0 ? 'yes' : 'NO'}`);
console.log(`answers committed but killed before their ack was read: ${inFlightKept}`);
console.log(`children that finished before the kill landed: ${finishedBeforeKill}`);
if (failures.length > 0) {
  console.log(`${failures.length} failed trial(s):`);
  for (const failure of failures) console.log(`  ${failure}`);
  process.exit(1);
}
