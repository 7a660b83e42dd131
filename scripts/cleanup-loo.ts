// How well the clean-up should do on a publication it has never seen, estimated without spending
// fresh pages: leave one publication out, train the line model on the other pages, score the
// left-out publication's pages, and add up. Prints the article lines kept, the furniture and
// caption lines removed and the headlines right, for the rules alone and for the rules with the
// model; a sweep of the model's threshold; and every failure by its reason.
//
// The rules themselves were written while looking at these pages, so their figures here are
// what they do on pages they were tuned on; only the model is truly left out. Fresh pages
// (labelled after everything was final) are the honest check: see tests/fixtures/pages.
//
//   node scripts/cleanup-loo.ts [--mistakes]
import { articleProbabilities } from '../src/core/article/cleanup/features.ts';
import type { LineModel } from '../src/core/article/cleanup/features.ts';
import { figures, loadPages, scorePage, type PageScore } from '../tests/unit/page-fixtures.ts';
import { rowsOf, THRESHOLD, train, type Row } from './cleanup-training.ts';

const showMistakes = process.argv.includes('--mistakes');
// Only the tuning pages: the held-out ones stay unseen until they are measured once.
const pages = loadPages().filter((page) => page.labels.set === 'tuning');
const rows = rowsOf(pages);
const publications = [...new Set(pages.map((page) => page.labels.publication))].sort();
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

const modelFor = new Map<string, LineModel>();
const outOfFold: Array<{ row: Row; p: number }> = [];
// The model's probabilities of the left-out lines, for the list of the lowest (--mistakes).
for (const publication of publications) {
  const model = train(
    rows.filter((row) => row.publication !== publication),
    THRESHOLD,
  );
  modelFor.set(publication, model);
  const held = rows.filter((row) => row.publication === publication);
  const probabilities = articleProbabilities(
    model,
    held.map((row) => row.features),
  );
  held.forEach((row, index) => outOfFold.push({ row, p: probabilities[index] ?? 1 }));
}

function report(title: string, scores: PageScore[]): void {
  const result = figures(scores);
  const sum = (pick: (score: PageScore) => number): number => scores.reduce((total, score) => total + pick(score), 0);
  console.log(`${title}: ${result.pages} pages, ${result.publications} publications`);
  console.log(
    `  article lines kept   ${percent(result.articleKeptShare).padStart(6)}  (${sum((s) => s.articleKept)}/${sum((s) => s.articleLines)})  target >= 98%`,
  );
  console.log(
    `  furniture removed    ${percent(result.furnitureRemovedShare).padStart(6)}  (${sum((s) => s.furnitureRemoved)}/${sum((s) => s.furnitureLines)})  target >= 90%`,
  );
  console.log(`  headlines right      ${result.headlinesRight}/${result.pages}`);
}

const rulesAlone = pages.map((page) => scorePage(page, { lineModel: null }));
const withModel = pages.map((page) => scorePage(page, { lineModel: modelFor.get(page.labels.publication) ?? null }));
report('rules alone', rulesAlone);
report('rules + line model (publication left out)', withModel);
console.log();

console.log('threshold sweep (publication left out):');
for (const threshold of [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5]) {
  const scores = pages.map((page) => {
    const model = modelFor.get(page.labels.publication);
    return scorePage(page, { lineModel: model ? { ...model, threshold } : null });
  });
  const result = figures(scores);
  console.log(
    `  ${threshold.toFixed(3)}${threshold === THRESHOLD ? '*' : ' '} article kept ${percent(result.articleKeptShare).padStart(6)}  furniture removed ${percent(result.furnitureRemovedShare).padStart(6)}`,
  );
}
console.log();

console.log('failures (rules + line model, publication left out), by reason:');
const byReason = new Map<string, string[]>();
for (const score of withModel) {
  for (const mistake of score.mistakes) {
    const reason =
      /\(([a-z-]+)\)$/u.exec(mistake)?.[1] ??
      (mistake.includes('furniture kept') ? 'furniture kept in the body' : 'article line not in the body');
    const key = mistake.includes('article line') ? `article line removed: ${reason}` : reason;
    byReason.set(key, [...(byReason.get(key) ?? []), `${score.name} ${mistake}`]);
  }
  if (!score.headlineRight)
    byReason.set('headline wrong', [...(byReason.get('headline wrong') ?? []), `${score.name}: got "${score.headline.slice(0, 70)}"`]);
}
for (const [reason, items] of [...byReason.entries()].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${reason}: ${items.length}`);
  if (showMistakes) for (const item of items) console.log(`    ${item}`);
}

if (showMistakes) {
  console.log("\nlines the rules kept, by the left-out model's probability (lowest 40):");
  for (const { row, p } of outOfFold
    .filter(({ row }) => row.keptByRules)
    .sort((a, b) => a.p - b.p)
    .slice(0, 40))
    console.log(`  ${p.toFixed(3)} ${row.label ? 'ARTICLE  ' : 'furniture'} ${row.page.slice(0, 28).padEnd(28)} ${row.text.slice(0, 70)}`);
}
