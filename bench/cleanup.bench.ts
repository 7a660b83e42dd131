// How well the clean-up sorts real pages pasted from a browser, over the hand-labelled pages of
// tests/fixtures/pages: the share of article lines kept in the body (target >= 98%), the share of
// furniture and caption lines taken out of the body (target >= 90%) and the headlines right
// (target: all), for the tuning pages and for the held-out pages (publications never tuned on),
// then the classifier's time per page (with the learned line model and with the rules alone).
// scripts/cleanup-loo.ts gives the figures with one publication left out of the model's training.
//
// A fresh round's "sealed" pages are scored only when named, once (tests/unit/page-fixtures.ts).
//
//   node bench/cleanup.bench.ts [tuning|held-out|sealed] [--mistakes]
import { performance } from 'node:perf_hooks';
import { classifyLines } from '../src/core/article/cleanup/index.ts';
import { figures, loadPages, scorePage, type PageLabels, type PageScore } from '../tests/unit/page-fixtures.ts';

const args = process.argv.slice(2);
const showMistakes = args.includes('--mistakes');
const only = args.find((arg): arg is PageLabels['set'] => arg === 'tuning' || arg === 'held-out' || arg === 'sealed');
const sets: Array<PageLabels['set']> = only ? [only] : ['tuning', 'held-out'];
const pages = loadPages({ sealed: only === 'sealed' });

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

for (const set of sets) {
  const scores: PageScore[] = pages.filter((page) => page.labels.set === set).map((page) => scorePage(page));
  if (scores.length === 0) {
    console.log(`${set} pages: none\n`);
    continue;
  }
  const result = figures(scores);
  const sum = (pick: (score: PageScore) => number): number => scores.reduce((total, score) => total + pick(score), 0);
  console.log(`${set} pages: ${result.pages} pages from ${result.publications} publications`);
  console.log(
    `  article lines kept      ${percent(result.articleKeptShare).padStart(6)}  (${sum((s) => s.articleKept)}/${sum((s) => s.articleLines)})  target >= 98%`,
  );
  console.log(
    `  furniture removed       ${percent(result.furnitureRemovedShare).padStart(6)}  (${sum((s) => s.furnitureRemoved)}/${sum((s) => s.furnitureLines)})  target >= 90%`,
  );
  console.log(`  headlines right         ${result.headlinesRight}/${result.pages}  target: all`);
  for (const score of scores) {
    const flag = score.mistakes.length === 0 && score.headlineRight ? ' ' : '*';
    console.log(
      `  ${flag} ${score.name.padEnd(40)} kept ${score.articleKept}/${score.articleLines}  removed ${score.furnitureRemoved}/${score.furnitureLines}  headline ${score.headlineRight ? 'right' : `WRONG: ${score.headline.slice(0, 50)}`}`,
    );
    if (showMistakes) for (const mistake of score.mistakes) console.log(`        ${mistake}`);
  }
  console.log();
}

const texts = pages.filter((page) => page.labels.set !== 'sealed').map((page) => page.text);
for (const text of texts) classifyLines(text);
const RUNS = 20;
const started = performance.now();
for (let run = 0; run < RUNS; run++) for (const text of texts) classifyLines(text);
const perPage = (performance.now() - started) / (RUNS * texts.length);
const rulesStarted = performance.now();
for (let run = 0; run < RUNS; run++) for (const text of texts) classifyLines(text, { lineModel: null });
const rulesPerPage = (performance.now() - rulesStarted) / (RUNS * texts.length);
console.log(
  `classifier: ${perPage.toFixed(3)} ms per page with the line model, ${rulesPerPage.toFixed(3)} ms with the rules alone (mean over ${RUNS} runs of ${texts.length} pages)`,
);
