// How long exporting the seed quiz takes, to each format (QTI 3: every file of the package, unzipped). Target: under 200 ms per format (the
// median of several runs, after one warm-up run).
//
//   node bench/interchange.bench.ts
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMATS, exportQuiz } from '../src/core/interchange/index.ts';
import { loadQuizPaths } from '../src/service/quiz-files.ts';

const RUNS = 15;
const TARGET_MS = 200;

const { quizzes, problems } = loadQuizPaths([fileURLToPath(new URL('../questions/north-korea-un', import.meta.url))]);
const quiz = quizzes[0];
if (!quiz || problems.length > 0) throw new Error(`the seed quiz did not load: ${JSON.stringify(problems)}`);

console.log(`seed quiz "${quiz.id}": ${quiz.questions.length} questions, ${quiz.article.sentences.length} sentences`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}`);
for (const format of EXPORT_FORMATS) {
  exportQuiz(quiz, format); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = exportQuiz(quiz, format);
    bytes = 'text' in result ? result.text.length : Object.values(result.files).reduce((sum, text) => sum + text.length, 0);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] ?? NaN;
  console.log(`  ${format.padEnd(10)} median ${median.toFixed(2)} ms, worst ${times.at(-1)?.toFixed(2)} ms, ${bytes} characters`);
  console.log(
    `  target ${format} export of the seed quiz < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'MISSED'} (${median.toFixed(2)} ms)`,
  );
}
