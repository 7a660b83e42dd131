import { extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { type Deadline, ImportError } from './errors.ts';

interface PdfLine {
  text: string;
  y: number;
  x: number;
  right: number;
  size: number;
}

const SENTENCE_END = /[.!?:…]["”’')\]]*$/u;

/** Reads a PDF's text layer and rebuilds its paragraphs from the layout of its lines. */
export async function pdfLines(bytes: Uint8Array, deadline: Deadline): Promise<string[]> {
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    document = await deadline.race(getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 }));
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('unreadable-file', `the PDF could not be read (${describe(error)})`);
  }
  try {
    const { items } = await deadline.race(extractTextItems(document), () => document.loadingTask.destroy());
    const pages = items.map(pageLines);
    const characters = pages.flat().reduce((total, line) => total + line.text.replace(/\s/gu, '').length, 0);
    if (characters === 0) {
      throw new ImportError(
        'no-text-layer',
        `the PDF has no text layer (${items.length === 1 ? 'its page has' : `none of its ${items.length} pages has`} any text, as with a scanned document): run it through text recognition (OCR) first, or paste the text`,
      );
    }
    return joinPages(pages.filter((lines) => lines.length > 0).map(paragraphsOf));
  } finally {
    void document.loadingTask.destroy().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function pageLines(items: readonly StructuredTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | undefined;
  for (const item of items) {
    if (item.str !== '') {
      if (!current) {
        current = { text: item.str, y: item.y, x: item.x, right: item.x + item.width, size: item.fontSize };
      } else {
        current.text += item.str;
        current.right = Math.max(current.right, item.x + item.width);
        current.size = Math.max(current.size, item.fontSize);
      }
    }
    if (item.hasEOL && current) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);
  return lines.map((line) => ({ ...line, text: line.text.replace(/\s+/gu, ' ').trim() })).filter((line) => line.text !== '');
}

/** The usual spacing of lines: the lower quartile of the gaps, so paragraph gaps do not count. */
function usualLineGap(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 4)] ?? 0;
}

/**
 * Paragraphs of one page: a new paragraph starts after a wider gap than the usual line spacing,
 * at a change of font size (a heading), or after a short line that ends a sentence.
 */
interface PageParagraphs {
  paragraphs: string[];
  firstSize: number;
  lastSize: number;
}

function paragraphsOf(lines: readonly PdfLine[]): PageParagraphs {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = (lines[i - 1] as PdfLine).y - (lines[i] as PdfLine).y;
    if (gap > 0) gaps.push(gap);
  }
  const usualGap = usualLineGap(gaps);
  const fullWidth = Math.max(0, ...lines.map((line) => line.right - line.x));
  const paragraphs: string[] = [];
  let text = '';
  let previous: PdfLine | undefined;
  for (const line of lines) {
    if (previous) {
      const gap = previous.y - line.y;
      const sizeChanged = Math.abs(line.size - previous.size) > 0.15 * Math.max(line.size, previous.size);
      const shortEnding = SENTENCE_END.test(previous.text) && previous.right - previous.x < 0.8 * fullWidth;
      const indented = line.x - previous.x > 0.5 * line.size && SENTENCE_END.test(previous.text);
      if (gap <= 0 || gap > usualGap * 1.4 || sizeChanged || shortEnding || indented) {
        paragraphs.push(text);
        text = '';
      }
    }
    text = join(text, line.text);
    previous = line;
  }
  if (text !== '') paragraphs.push(text);
  const last = lines.at(-1);
  return {
    paragraphs,
    firstSize: lines[0]?.size ?? 0,
    lastSize: last?.size ?? 0,
  };
}

function join(text: string, next: string): string {
  if (text === '') return next;
  // A word broken across lines: "recon-" + "struct".
  if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next)) return text.slice(0, -1) + next;
  return `${text} ${next}`;
}

/** A paragraph that runs over a page break is joined again. */
function joinPages(pages: readonly PageParagraphs[]): string[] {
  const paragraphs: string[] = [];
  let previousPage: PageParagraphs | undefined;
  for (const page of pages) {
    for (const [index, paragraph] of page.paragraphs.entries()) {
      const last = paragraphs.length - 1;
      const previous = paragraphs[last];
      const continues =
        index === 0 &&
        previous !== undefined &&
        previousPage !== undefined &&
        Math.abs(previousPage.lastSize - page.firstSize) <= 0.15 * Math.max(previousPage.lastSize, page.firstSize) &&
        (!SENTENCE_END.test(previous) || /^\p{Ll}/u.test(paragraph));
      if (continues) paragraphs[last] = join(previous, paragraph);
      else paragraphs.push(paragraph);
    }
    previousPage = page;
  }
  return paragraphs;
}
