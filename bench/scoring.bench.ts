// Pure scoring throughput: 100,000 responses spread over every question type of the seed quiz,
// right, wrong and half right, each scored by scoreResponse (which re-validates the response
// with zod, as it does in the service). Target: at least 200,000 responses/s on one core.
//
//   node --expose-gc bench/scoring.bench.ts
import { performance } from 'node:perf_hooks';
import type { LoadedQuestion } from '../src/core/bank/loaded.ts';
import { scoreResponse } from '../src/core/scoring/index.ts';
import type { Response } from '../src/core/scoring/response.ts';
import { seedQuiz, variedResponse } from '../tests/unit/fixtures.ts';

const RESPONSES = 100_000;
const RUNS = 7;
const TARGET_PER_SECOND = 200_000;

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
const work: [LoadedQuestion, Response][] = Array.from({ length: RESPONSES }, (_, i) => {
  const question = quiz.questions[i % quiz.questions.length]!;
  return [question, variedResponse(question, Math.floor(i / quiz.questions.length), sentenceIds)];
});
const types = new Set(work.map(([q]) => q.type));

function scoreAll(): number {
  let points = 0;
  for (const [question, response] of work) points += scoreResponse(question, response).points;
  return points;
}

scoreAll(); // warm-up: let the JIT settle before timing
const rates: number[] = [];
let checksum = 0;
for (let run = 0; run < RUNS; run++) {
  globalThis.gc?.();
  const start = performance.now();
  checksum = scoreAll();
  rates.push(RESPONSES / ((performance.now() - start) / 1000));
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(RUNS / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(
  `scoring: ${RESPONSES.toLocaleString('en')} responses over ${types.size} question types, ${RUNS} runs (points total ${checksum.toFixed(2)})`,
);
console.log(`  median ${fmt(median)} responses/s, best ${fmt(rates[RUNS - 1]!)}, worst ${fmt(rates[0]!)}`);
console.log(`  target ≥ ${fmt(TARGET_PER_SECOND)} responses/s on one core: ${median >= TARGET_PER_SECOND ? 'met' : 'MISSED'}`);
