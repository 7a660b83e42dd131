// Loads the hand-labelled news pages of tests/fixtures/pages and scores the clean-up on them.
// Each page is NAME.txt (the text as a browser's copy-paste gives it) beside NAME.json: the
// source address and terms, the expected headline (null when the page has none), and which
// line numbers are article paragraphs and which are captions; every other non-blank line is
// page furniture. A page's set says what it is for: "tuning" pages train the line model and the
// rules are written on them; "held-out" pages were measured once as a fresh round and are not yet
// trained on; "sealed" pages are a fresh round labelled by hand and not yet measured: nothing
// scores them but `node bench/cleanup.bench.ts sealed`, run once when the clean-up is frozen.
import { readdirSync, readFileSync } from 'node:fs';
import { classifyLines, type CleanupOptions } from '../../src/core/article/cleanup/index.ts';

export const PAGES_DIR = new URL('../fixtures/pages/', import.meta.url);

export interface PageLabels {
  source: string;
  publication: string;
  terms: string;
  set: 'tuning' | 'held-out' | 'sealed';
  headline: string | null;
  article: Array<number | string>;
  caption: Array<number | string>;
  notes?: string;
}

export interface Page {
  name: string;
  text: string;
  labels: PageLabels;
}

export interface PageScore {
  name: string;
  publication: string;
  set: PageLabels['set'];
  articleLines: number;
  articleKept: number;
  furnitureLines: number;
  furnitureRemoved: number;
  headlineRight: boolean;
  headline: string;
  /** Line numbers the clean-up got wrong, with what it did. */
  mistakes: string[];
}

export function expandLines(spec: Array<number | string>): Set<number> {
  const lines = new Set<number>();
  for (const item of spec) {
    if (typeof item === 'number') lines.add(item);
    else {
      const [from, to] = item.split('-').map(Number);
      if (from === undefined || to === undefined || !(from <= to)) throw new Error(`bad line range "${item}"`);
      for (let n = from; n <= to; n++) lines.add(n);
    }
  }
  return lines;
}

/** The labelled pages; sealed ones only when asked for (their labels' checks and their one measurement). */
export function loadPages(options: { sealed?: boolean } = {}): Page[] {
  return readdirSync(PAGES_DIR)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.txt'.length);
      return {
        name,
        text: readFileSync(new URL(file, PAGES_DIR), 'utf8'),
        labels: JSON.parse(readFileSync(new URL(`${name}.json`, PAGES_DIR), 'utf8')) as PageLabels,
      };
    })
    .filter((page) => options.sealed === true || page.labels.set !== 'sealed');
}

/** How the clean-up did on one page (with the shipped line model unless options say otherwise). */
export function scorePage(page: Page, options: CleanupOptions = {}): PageScore {
  const cleanup = classifyLines(page.text, options);
  const article = expandLines(page.labels.article);
  const mistakes: string[] = [];
  let articleLines = 0;
  let articleKept = 0;
  let furnitureLines = 0;
  let furnitureRemoved = 0;
  const expectedHeadline = page.labels.headline;
  for (const line of cleanup.lines) {
    const inBody = line.kind === 'body';
    if (article.has(line.line)) {
      articleLines++;
      if (inBody) articleKept++;
      else mistakes.push(`line ${line.line}: article line ${line.kind}${line.reason ? ` (${line.reason})` : ''}`);
    } else if (expectedHeadline !== null && line.text === expectedHeadline && line.kind === 'headline') {
      // The headline is scored on its own.
    } else {
      furnitureLines++;
      if (!inBody) furnitureRemoved++;
      else mistakes.push(`line ${line.line}: furniture kept in the body: ${line.text.slice(0, 60)}`);
    }
  }
  const headline = cleanup.headline?.text ?? null;
  return {
    name: page.name,
    publication: page.labels.publication,
    set: page.labels.set,
    articleLines,
    articleKept,
    furnitureLines,
    furnitureRemoved,
    headlineRight: headline === expectedHeadline,
    headline: headline ?? '(none)',
    mistakes,
  };
}

export interface SetFigures {
  pages: number;
  publications: number;
  articleKeptShare: number;
  furnitureRemovedShare: number;
  headlinesRight: number;
}

export function figures(scores: readonly PageScore[]): SetFigures {
  const sum = (pick: (score: PageScore) => number): number => scores.reduce((total, score) => total + pick(score), 0);
  const articleLines = sum((score) => score.articleLines);
  const furnitureLines = sum((score) => score.furnitureLines);
  return {
    pages: scores.length,
    publications: new Set(scores.map((score) => score.publication)).size,
    articleKeptShare: articleLines === 0 ? 1 : sum((score) => score.articleKept) / articleLines,
    furnitureRemovedShare: furnitureLines === 0 ? 1 : sum((score) => score.furnitureRemoved) / furnitureLines,
    headlinesRight: scores.filter((score) => score.headlineRight).length,
  };
}
