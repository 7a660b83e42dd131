// answer() through dispatch, the path both transports take, including the durable write:
//  1. peak resident memory while scoring and storing 100,000 responses with FULL. Target: < 150 MB.
//     (Measured first: maxRSS only ever grows, so a later part would hide this one.)
//  2. latency, p50/p99 over 5,100 answers, with synchronous = FULL (what the app uses) and with
//     NORMAL (to show what the fsync on every commit costs). Target: p99 < 2 ms with FULL.
//
//   node --expose-gc bench/service.bench.ts [responses for part 1, default 100000]
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../src/service/dispatch.ts';
import { createService, type Service } from '../src/service/service.ts';
import { openStore, type StoreOptions } from '../src/service/store.ts';
import { seedQuiz, tempDir, variedResponse } from '../tests/unit/fixtures.ts';

const LATENCY_ANSWERS = 5_100; // 150 attempts of 34 questions
const MEMORY_RESPONSES = Number(process.argv[2] ?? 100_000);
const TARGET_P99_MS = 2;
const TARGET_RSS_MB = 150;

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
const quiet = () => {};
const mb = (kilobytes: number) => (kilobytes / 1024).toFixed(0);

function open(synchronous: StoreOptions['synchronous']) {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'evident.db'), undefined, { synchronous });
  const service = createService({ quizzes: [quiz], store });
  return { service, close: () => (store.close(), cleanup()) };
}

/** Answers `count` questions, a new attempt every quiz's worth; returns each answer's time in ms. */
async function answerMany(service: Service, count: number, time: boolean): Promise<number[]> {
  const times: number[] = [];
  let attemptId = '';
  for (let i = 0; i < count; i++) {
    const index = i % quiz.questions.length;
    if (index === 0) {
      const reply = dispatch(service, 'startAttempt', { quizId: quiz.id, studentName: `Student ${i}` }, quiet);
      if (!reply.ok) throw new Error(reply.error.message);
      attemptId = (reply.value as { attemptId: string }).attemptId;
    }
    const question = quiz.questions[index]!;
    const payload = { attemptId, questionId: question.id, response: variedResponse(question, i, sentenceIds) };
    const start = time ? performance.now() : 0;
    // One answer at a time, so each is its own commit: the group commit has nothing to group.
    const reply = await dispatch(service, 'answer', payload, quiet);
    if (time) times.push(performance.now() - start);
    if (!reply.ok) throw new Error(`${question.id}: ${reply.error.message}`);
  }
  return times;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

globalThis.gc?.();
const before = process.resourceUsage().maxRSS;
const { service, close } = open('FULL');
const started = performance.now();
await answerMany(service, MEMORY_RESPONSES, false);
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS;
console.log(
  `scoring and storing ${MEMORY_RESPONSES.toLocaleString('en')} responses (FULL, ${Math.ceil(MEMORY_RESPONSES / quiz.questions.length)} attempts) took ${seconds.toFixed(1)} s`,
);
console.log(
  `  peak RSS ${mb(peak)} MB (${mb(before)} MB before this part); heap now ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
);
console.log(`  target peak RSS < ${TARGET_RSS_MB} MB: ${Number(mb(peak)) < TARGET_RSS_MB ? 'met' : 'MISSED'}`);

// The teacher's side, for information: the class views over the same database.
for (const [channel, payload] of [
  ['listAttempts', {}],
  ['quizResults', { quizId: quiz.id }],
  ['exportCsv', { kind: 'responses', quizId: quiz.id }],
] as const) {
  const start = performance.now();
  const reply = dispatch(service, channel, payload, quiet);
  if (!reply.ok) throw new Error(reply.error.message);
  console.log(
    `  ${channel} over all of them (not a target): ${(performance.now() - start).toFixed(0)} ms, peak RSS since start ${mb(process.resourceUsage().maxRSS)} MB`,
  );
}
close();

console.log(`\nanswer() through dispatch, ${LATENCY_ANSWERS.toLocaleString('en')} answers each (after 340 warm-up answers):`);
const p99s: Record<string, number> = {};
for (const synchronous of ['FULL', 'NORMAL'] as const) {
  const { service, close } = open(synchronous);
  await answerMany(service, 340, false);
  const times = (await answerMany(service, LATENCY_ANSWERS, true)).sort((a, b) => a - b);
  close();
  p99s[synchronous] = percentile(times, 99);
  console.log(
    `  synchronous=${synchronous.padEnd(6)} p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times.at(-1)!.toFixed(3)} ms`,
  );
}
console.log(`  target p99 < ${TARGET_P99_MS} ms with FULL (the app's setting): ${p99s['FULL']! < TARGET_P99_MS ? 'met' : 'MISSED'}`);
