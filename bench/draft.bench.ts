// How long drafting questions takes: a 1,500-word article of real news text (the seed article
// followed by fixture pages' labelled paragraphs), from the parsed article to ranked drafts,
// target < 1 s; and what the NLP package costs: its size on disk and its start-up in a fresh
// process (paid once, when the service first drafts).
//
//   node bench/draft.bench.ts
//   DRAFT_BASELINE=/path/to/an/older/checkout node bench/draft.bench.ts
//
// With DRAFT_BASELINE, the same article is also drafted by that checkout's src/ (its own
// analyseArticle and draftFromAnalysis), alternating run by run with this one in the same process,
// and the ratio of the medians is printed: the way to show a speed change on a noisy machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

console.log(
  `load average (1, 5, 15 min): ${loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')}`,
);
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

const baseline = process.env['DRAFT_BASELINE'];
if (baseline) {
  type Drafter = { analyse: typeof analyseArticle; draft: typeof draftFromAnalysis };
  const load = async (dir: string): Promise<Drafter> => ({
    analyse: ((await import(pathToFileURL(join(dir, 'src/service/draft/analyse.ts')).href)) as { analyseArticle: typeof analyseArticle })
      .analyseArticle,
    draft: ((await import(pathToFileURL(join(dir, 'src/core/draft/index.ts')).href)) as { draftFromAnalysis: typeof draftFromAnalysis })
      .draftFromAnalysis,
  });
  const before = await load(baseline);
  const after: Drafter = { analyse: analyseArticle, draft: draftFromAnalysis };
  const timeOf = ({ analyse, draft }: Drafter, seed: number) => {
    const started = performance.now();
    draft(analyse(article), { seed, max: 200 });
    return performance.now() - started;
  };
  timeOf(before, 1); // the baseline's first call warms its copy of the modules
  const load1 = loadavg()[0]!;
  const beforeTimes: number[] = [];
  const afterTimes: number[] = [];
  for (let run = 0; run < 2 * RUNS; run++) {
    // Alternate which goes first, so a burst of load falls on both alike.
    if (run % 2 === 0) {
      beforeTimes.push(timeOf(before, run + 2));
      afterTimes.push(timeOf(after, run + 2));
    } else {
      afterTimes.push(timeOf(after, run + 2));
      beforeTimes.push(timeOf(before, run + 2));
    }
  }
  const [b, a] = [medianOf(beforeTimes), medianOf(afterTimes)];
  console.log(
    `against ${baseline}, ${2 * RUNS} alternating runs each, load average ${load1.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}: baseline median ${b.toFixed(0)} ms, this checkout ${a.toFixed(0)} ms, ${(b / a).toFixed(2)}× as fast`,
  );
}
