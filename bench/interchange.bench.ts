// How long exporting the seed quiz takes, to each format, and importing a 1,000-question Moodle XML file (below) (QTI 3: every file of the package, unzipped). Target: under 200 ms per format (the
// median of several runs, after one warm-up run).
//
//   node bench/interchange.bench.ts
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { citableSentences } from '../src/core/article/captions.ts';
import { attachEvidence } from '../src/core/interchange/evidence.ts';
import { EXPORT_FORMATS, exportQuiz } from '../src/core/interchange/index.ts';
import { importMoodleXml } from '../src/core/interchange/moodle-import.ts';
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

// Importing a 1,000-question Moodle XML file: the seed's 34 questions repeated under new names
// until there are 1,000, read with the article's sentences known, then evidence found against the
// article (core's whole import path; the service adds only writing the quiz). Target: < 2 s.
const IMPORT_RUNS = 5;
const IMPORT_TARGET_MS = 2000;
const exported = exportQuiz(quiz, 'moodle-xml').text;
const blocks = [...exported.matchAll(/<question type="(?!category|description)[\s\S]*?<\/question>/g)].map((m) => m[0]);
const questionsXml: string[] = [];
for (let n = 0; questionsXml.length < 1000; n++) {
  const block = blocks[n % blocks.length]!;
  questionsXml.push(block.replace(/<name>\s*<text>([\s\S]*?)<\/text>/, (_whole, name: string) => `<name><text>${name} copy ${n}</text>`));
}
const head = exported.slice(0, exported.indexOf(blocks[0]!));
const big = `${head}${questionsXml.join('\n')}\n</quiz>\n`;
const sentences = citableSentences(quiz.article).map((s) => s.text);
let imported = 0;
const importTimes: number[] = [];
for (let run = 0; run <= IMPORT_RUNS; run++) {
  const start = performance.now();
  const read = attachEvidence(importMoodleXml(big, sentences), quiz.article);
  const elapsed = performance.now() - start;
  imported = read.questions.length;
  if (run > 0) importTimes.push(elapsed); // the first run warms up
}
importTimes.sort((a, b) => a - b);
const importMedian = importTimes[Math.floor(IMPORT_RUNS / 2)] ?? NaN;
console.log(
  `  moodle-xml import of ${imported} questions (${(big.length / 2 ** 20).toFixed(2)} MB): median ${importMedian.toFixed(0)} ms, worst ${importTimes.at(-1)?.toFixed(0)} ms`,
);
console.log(
  `  target import of a 1,000-question Moodle XML file < ${IMPORT_TARGET_MS} ms: ${importMedian < IMPORT_TARGET_MS ? 'met' : 'MISSED'} (${importMedian.toFixed(0)} ms)`,
);
