// Shared by scripts/train-cleanup.ts (which writes the line model) and scripts/cleanup-loo.ts
// (which measures it with one publication left out at a time): the labelled lines of the
// fixture pages as feature rows, and a deterministic logistic regression (Newton's method with
// an L2 penalty, no random start, so the same pages give the same weights byte for byte).
import { ruleVerdicts } from '../src/core/article/cleanup/index.ts';
import { LINE_FEATURE_NAMES, lineFeatures, type LineModel } from '../src/core/article/cleanup/features.ts';
import { expandLines, type Page } from '../tests/unit/page-fixtures.ts';

export interface Row {
  page: string;
  publication: string;
  features: number[];
  /** 1: a line of the article; 0: furniture or a caption. */
  label: 0 | 1;
  /** The rules left the line undecided: the lines the model judges. */
  keptByRules: boolean;
  text: string;
}

/**
 * Every non-blank line of every page but its labelled headline, with the rules' verdict; of the
 * article's lines, not those the rules took out. The model judges only the lines the rules leave
 * undecided, so an article line the rules took out is a mistake of the rules it can never undo,
 * and learning from it only teaches it that lines of that shape belong to the article wherever
 * they stand: round 12's schedule of events under a story (20 short timed lines far below the last
 * sentence, taken out as the page's footer) turned the weights of "far from the prose" and "before
 * the first sentence" round, and the retrained model took labels and crossheads just above the
 * first sentence for the page's. Lines the rules kept as the article's (a schedule, a list the
 * article introduces) stay, and the features count them as the article's region (features.ts).
 * Furniture the rules took out stays in: the lines the rules leave hold too little of it to learn from.
 */
export function rowsOf(pages: readonly Page[]): Row[] {
  return pages.flatMap((page) => {
    const verdicts = ruleVerdicts(page.text);
    const article = expandLines(page.labels.article);
    const inputs = verdicts.map((line) => ({
      text: line.text,
      removed: line.kind !== undefined && line.kind !== 'body',
      blankBefore: line.blankBefore,
      article: line.kind === 'body',
    }));
    const features = lineFeatures(inputs);
    return verdicts.flatMap((line, index): Row[] =>
      (page.labels.headline !== null && line.text === page.labels.headline && line.kind === 'headline') ||
      (article.has(line.line) && line.kind !== undefined && line.kind !== 'body')
        ? []
        : [
            {
              page: page.name,
              publication: page.labels.publication,
              features: features[index] as number[],
              label: article.has(line.line) ? 1 : 0,
              keptByRules: line.kind === undefined,
              text: line.text,
            },
          ],
    );
  });
}

/**
 * A line the rules kept is removed when the model gives it less than this probability of being
 * the article's. Chosen with scripts/cleanup-loo.ts's sweep (publications left out): the highest
 * value at which the left-out publications kept at least 99% of their article lines (on the 92
 * tuning pages of round 11: 0.01 kept 99.0% and removed 97.1%; 0.02 kept 98.5%). On round 12's 111
 * tuning pages 0.01 keeps 99.7% and removes 98.1%, and higher values remove no more. On round 13's 130
 * (round 12's pages added, the model trained only on the article lines the rules leave to it) 0.01 keeps
 * 99.7% and removes 98.0%; 0.02 and 0.05 remove 98.2% for the same lines kept, 0.1 keeps 99.2%. Left at
 * 0.01: the gain is one line, and keeping the article's lines counts more. The penalty
 * (L2 = 1) was picked the same way against 0.01 and 10 on round 10's 73 pages; training only on the
 * lines the rules kept (18 furniture lines then) did worse.
 */
export const THRESHOLD = 0.01;

const L2 = 1;
const ITERATIONS = 25;

/** Solves a x = b for a small dense symmetric positive definite a (Gaussian elimination). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = m[row]![col]! / p;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** A logistic regression on standardised features; the bias is not penalised. */
export function train(rows: readonly Row[], threshold: number): LineModel {
  const d = LINE_FEATURE_NAMES.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row.features[j]! / rows.length;
  for (const row of rows) for (let j = 0; j < d; j++) scale[j]! += (row.features[j]! - mean[j]!) ** 2 / rows.length;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const x = rows.map((row) => [1, ...row.features.map((value, j) => (value - mean[j]!) / scale[j]!)]);
  const y = rows.map((row) => row.label);
  // Each class weighs the same in total, whatever the pages' mix of lines.
  const positives = y.filter((label) => label === 1).length;
  const weightOf = (label: number): number => rows.length / (2 * (label === 1 ? positives : rows.length - positives));
  let w = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let j = 0; j <= d; j++) z += w[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const c = weightOf(y[i]!);
      const g = c * (p - y[i]!);
      const h = c * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        gradient[j]! += g * xi[j]!;
        const hj = h * xi[j]!;
        for (let k = j; k <= d; k++) hessian[j]![k]! += hj * xi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    for (let j = 1; j <= d; j++) {
      gradient[j]! += L2 * w[j]!;
      hessian[j]![j]! += L2;
    }
    const step = solve(hessian, gradient);
    w = w.map((value, j) => value - step[j]!);
  }
  const round = (value: number): number => Number(value.toFixed(6));
  return {
    features: [...LINE_FEATURE_NAMES],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: w.slice(1).map(round),
    bias: round(w[0]!),
    threshold,
  };
}
