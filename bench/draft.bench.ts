// How long drafting questions takes: a 1,500-word article of real news text (the seed article
// followed by fixture pages' labelled paragraphs), from the parsed article to ranked drafts,
// target < 1 s; and what the NLP package costs: its size on disk and its start-up in a fresh
// process (paid once, when the service first drafts).
//
//   node bench/draft.bench.ts
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/core/article/index.ts';
import { draftFromAnalysis } from '../src/core/draft/index.ts';
import { analyseArticle } from '../src/service/draft/analyse.ts';
import { draftQuestions } from '../src/service/draft/draft.ts';
import { expandLines, loadPages } from '../tests/unit/page-fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET_WORDS = 1_500;
const RUNS = 5;

function du(path: string): number {
  const info = statSync(path);
  return info.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0) : info.size;
}

const seed = readFileSync(join(root, 'questions/north-korea-un/article.txt'), 'utf8');
const seedBody = parseArticle(seed).paragraphs.map((paragraph) => paragraph.sentences.map((sentence) => sentence.text).join(' '));
const paragraphs = [...seedBody];
let words = paragraphs.join(' ').split(/\s+/u).length;
for (const page of loadPages()) {
  if (words >= TARGET_WORDS) break;
  const lines = page.text.split(/\r?\n/u);
  for (const number of [...expandLines(page.labels.article)].sort((a, b) => a - b)) {
    const line = (lines[number - 1] ?? '').trim();
    if (line === '' || words >= TARGET_WORDS) continue;
    paragraphs.push(line);
    words += line.split(/\s+/u).length;
  }
}
const article = parseArticle(['North Korea fires threats at UN', ...paragraphs].join('\n\n'));

const startup = (): number => {
  const code = `const t = performance.now(); const nlp = (await import('compromise')).default; nlp('Warm up.').people(); console.log(performance.now() - t);`;
  const runs = [0, 1, 2].map(() =>
    Number(spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }).stdout.trim()),
  );
  return runs.sort((a, b) => a - b)[1]!;
};

let started = performance.now();
const first = draftQuestions(article, { seed: 1, max: 200 });
const firstMs = performance.now() - started;
const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  started = performance.now();
  draftQuestions(article, { seed: run + 2, max: 200 });
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const analysis = analyseArticle(article);
const analyseTimes: number[] = [];
const coreTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  started = performance.now();
  analyseArticle(article);
  analyseTimes.push(performance.now() - started);
  started = performance.now();
  draftFromAnalysis(analysis, { seed: run + 2, max: 200 });
  coreTimes.push(performance.now() - started);
}
const medianOf = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const median = times[Math.floor(RUNS / 2)]!;

console.log(`article: ${words} words, ${article.sentences.length} sentences in ${article.paragraphs.length} paragraphs`);
console.log(`drafts: ${first.drafts.length} of ${first.types.length} types from ${first.candidates} candidates`);
console.log(`drafting, first call in this process (the package's lexicon warms up): ${firstMs.toFixed(0)} ms`);
console.log(
  `drafting, median of ${RUNS} later calls: ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[RUNS - 1]!.toFixed(0)}); target < 1000 ms: ${median < 1000 ? 'met' : 'MISSED'}`,
);
console.log(
  `  of which the NLP reading (compromise): ${medianOf(analyseTimes).toFixed(0)} ms; the generators and ranking (core): ${medianOf(coreTimes).toFixed(0)} ms`,
);
console.log(`compromise on disk: ${(du(join(root, 'node_modules/compromise')) / 2 ** 20).toFixed(1)} MB`);
console.log(`compromise start-up in a fresh process (import and first sentence), median of 3: ${startup().toFixed(0)} ms`);
