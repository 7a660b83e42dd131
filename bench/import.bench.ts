// How long importing an article takes, from the file's bytes to numbered paragraphs and
// sentences: a 5,000-word page saved from a browser (Readability over linkedom, the clean-up,
// sentence segmentation), target < 300 ms; and a 50-page PDF with a text layer (unpdf, paragraph
// reconstruction, clean-up, segmentation), target < 2 s.
//
//   node bench/import.bench.ts
import os from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { importArticle, type ImportInput } from '../src/service/import/import-article.ts';
import { savedPage, textPdf } from '../tests/unit/import-files.ts';

const RUNS = 7;
const PAGE_WORDS = 5_000;
const PDF_PAGES = 50;

const SUBJECTS = ['The council', 'The regime', 'The inquiry', 'Officials', 'Diplomats', 'The committee', 'Residents', 'The minister'];
const VERBS = ['said on Tuesday that', 'warned in a statement that', 'told reporters that', 'confirmed late on Friday that'];

/** Sentences that differ from one another, as an article's do. */
function paragraph(index: number): string {
  const sentences: string[] = [];
  for (let s = 0; s < 4; s++) {
    const n = index * 4 + s;
    sentences.push(
      `${SUBJECTS[n % SUBJECTS.length]} ${VERBS[n % VERBS.length]} item ${n} on the agenda would be discussed again, with figure ${n * 7} recorded for it by the clerk.`,
    );
  }
  return sentences.join(' ');
}

function paragraphsOf(words: number): string[] {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const text = paragraph(paragraphs.length);
    paragraphs.push(text);
    count += text.split(' ').length;
  }
  return paragraphs;
}

/** A long saved page, with a caption and furniture lines among the paragraphs as pages have. */
const pageParagraphs = paragraphsOf(PAGE_WORDS);

function longPage(): string {
  const paragraphs = pageParagraphs;
  const withFurniture = paragraphs.flatMap((text, index) =>
    index % 10 === 5 ? ['Advertisement', text, 'READ MORE: Another story about the council'] : [text],
  );
  return savedPage({
    headline: 'Council delays the bridge vote again',
    byline: 'Jane Doe',
    caption: 'The old bridge over the river, closed since March. Picture: PA',
    paragraphs: withFurniture,
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function time(label: string, input: ImportInput, targetMs: number, expectedParagraphs: number): Promise<boolean> {
  // Warm-up: loads the format's library and lets the JIT compile the hot paths.
  const first = await importArticle(input);
  // The furniture among the paragraphs is removed and every paragraph is found again.
  if (first.article.paragraphs.length !== expectedParagraphs) {
    throw new Error(`${label}: expected ${expectedParagraphs} paragraphs, got ${first.article.paragraphs.length}`);
  }
  await importArticle(input);
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await importArticle(input);
    timings.push(performance.now() - start);
  }
  const medianMs = median(timings);
  const met = medianMs < targetMs;
  console.log(
    `${label}: ${first.words.toLocaleString('en')} words, ${first.article.paragraphs.length} paragraphs, ${first.article.sentences.length.toLocaleString('en')} sentences, ${(input.bytes.byteLength / 1024).toFixed(0)} KB`,
  );
  console.log(`  runs:   ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
  console.log(`  median: ${medianMs.toFixed(0)} ms (target < ${targetMs} ms: ${met ? 'met' : 'MISSED'})`);
  return met;
}

const html = new TextEncoder().encode(longPage());
const pdfParagraphs = paragraphsOf(PDF_PAGES * 560);
const pdf = await textPdf('Council delays the bridge vote again', pdfParagraphs, { minPages: PDF_PAGES });
const pages = (await PDFDocument.load(pdf)).getPageCount();
if (pages < PDF_PAGES) throw new Error(`the generated PDF has ${pages} pages, fewer than ${PDF_PAGES}`);

const cpus = os.cpus();
console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} CPUs, Node ${process.version}`);
const htmlMet = await time('saved page (.html)', { name: 'page.html', bytes: html }, 300, pageParagraphs.length);
const pdfMet = await time(`PDF, ${pages} pages`, { name: 'article.pdf', bytes: pdf }, 2000, pdfParagraphs.length);
process.exitCode = htmlMet && pdfMet ? 0 : 1;
