// Reads an article from a file a teacher brings: plain text, a page saved from a browser, a Word
// document or a PDF with a text layer. Runs in the service (Node), never in the renderer: the
// file is parsed here, no script in it runs and nothing it references is fetched. Each format's
// library is loaded only when a file of that format is read.
import { classifyLines, parseArticle } from '../../core/article/index.ts';
import type { Article, Cleanup } from '../../core/article/index.ts';
import { blockLines } from './blocks.ts';
import { DEFAULT_IMPORT_LIMITS, Deadline, formatBytes, ImportError, type ImportLimits } from './errors.ts';
import { readPage } from './readability.ts';

export type ImportFormat = 'text' | 'html' | 'docx' | 'pdf';

export const FORMAT_BY_EXTENSION: Readonly<Record<string, ImportFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

export interface ImportInput {
  /** The file's name; its extension decides the format. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  limits?: Partial<ImportLimits>;
  /** The publication, when the teacher knows it: its name is removed where it stands alone. */
  publication?: string;
  now?: () => number;
}

export interface ImportedArticle {
  format: ImportFormat;
  /** The article's text as lines, before the clean-up: what the teacher can check it against. */
  lines: string[];
  article: Article;
  /** Every line of the text as the clean-up classified it: what the review screen shows. */
  cleanup: Cleanup;
  /** Found by Readability in a saved page's metadata, when the text itself has no byline. */
  byline?: string;
  siteName?: string;
  /** A saved page's own address (its canonical link, or the one the browser noted when saving). */
  address?: string;
  words: number;
}

export function formatOf(name: string): ImportFormat {
  const extension = /\.[^./\\]+$/u.exec(name.toLowerCase())?.[0] ?? '';
  const format = FORMAT_BY_EXTENSION[extension];
  if (!format) {
    throw new ImportError(
      'unsupported-format',
      `${extension ? `"${extension}" files are` : 'a file without an extension is'} not supported: choose a .txt, .html, .htm, .docx or .pdf file`,
    );
  }
  return format;
}

function countWords(lines: readonly string[]): number {
  let words = 0;
  for (const line of lines) words += line.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return words;
}

export async function importArticle(input: ImportInput, options: ImportOptions = {}): Promise<ImportedArticle> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const format = formatOf(input.name);
  if (input.bytes.byteLength > limits.maxBytes) {
    throw new ImportError(
      'file-too-large',
      `the file is ${formatBytes(input.bytes.byteLength)}, over the limit of ${formatBytes(limits.maxBytes)} for an article`,
    );
  }
  if (input.bytes.byteLength === 0) throw new ImportError('no-article-text', 'the file is empty');
  const deadline = new Deadline(limits.maxMilliseconds, options.now);

  let lines: string[];
  let byline: string | undefined;
  let siteName: string | undefined;
  let address: string | undefined;
  switch (format) {
    case 'text':
      lines = decodeText(input.bytes).split(/\r\n|\r|\n/u);
      break;
    case 'html':
      ({ lines, byline, siteName, address } = await htmlLines(decodeHtml(input.bytes), deadline));
      break;
    case 'docx':
      lines = await docxLines(input.bytes, deadline);
      break;
    case 'pdf':
      lines = await (await import('./pdf.ts')).pdfLines(input.bytes, deadline);
      break;
  }
  deadline.check();
  const imported = classified(format, lines, limits, options, 'the file has no text to read');
  deadline.check();
  return { ...imported, ...(byline && { byline }), ...(siteName && { siteName }), ...(address && { address }) };
}

/** Pasted text: the same limits on words and the same clean-up as a file. */
export function importText(text: string, options: ImportOptions = {}): ImportedArticle {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  return classified('text', text.split(/\r\n|\r|\n/u), limits, options, 'nothing was pasted: paste the article’s text');
}

function classified(
  format: ImportFormat,
  lines: string[],
  limits: ImportLimits,
  options: ImportOptions,
  emptyMessage: string,
): ImportedArticle {
  const words = countWords(lines);
  if (words === 0) throw new ImportError('no-article-text', emptyMessage);
  if (words > limits.maxWords) {
    throw new ImportError(
      'too-many-words',
      `the text has ${words.toLocaleString('en')} words, over the limit of ${limits.maxWords.toLocaleString('en')} for an article`,
    );
  }
  const text = lines.join('\n');
  const cleanupOptions = options.publication ? { publication: options.publication } : {};
  const article = parseArticle(text, cleanupOptions);
  return { format, lines, article, cleanup: classifyLines(text, cleanupOptions), words };
}

/** UTF-8 (with or without a byte order mark), UTF-16 with one, else Windows-1252. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  if (text.includes('\u0000'))
    throw new ImportError('unreadable-file', 'the file is not text (it holds binary data): choose a .txt, .html, .docx or .pdf file');
  return text;
}

function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/iu.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: fall through to the usual guesses.
    }
  }
  return decodeText(bytes);
}

/** A DOM subtree of linkedom's, as blockLines reads it. */
type DomRoot = Parameters<typeof blockLines>[0];
interface ParsedPage {
  document: { body: DomRoot | null };
}

/** The lines of an HTML fragment, one per block, in document order. */
async function fragmentLines(html: string): Promise<string[]> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as ParsedPage;
  return document.body ? blockLines(document.body) : [];
}

/** The page's own address: its canonical link or og:url, else the "saved from url" a browser writes. */
function pageAddress(html: string): string | undefined {
  const head = html.slice(0, 200_000);
  const candidates = [
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"'>\s]+)/iu.exec(head)?.[1],
    /<link\b[^>]*\bhref=["']([^"'>\s]+)["'][^>]*\brel=["']?canonical/iu.exec(head)?.[1],
    /<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"'>\s]+)/iu.exec(head)?.[1],
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/iu.exec(head)?.[1],
  ];
  return candidates.find((address) => address !== undefined && /^https?:\/\/[^\s]{1,500}$/iu.test(address))?.replace(/&amp;/gu, '&');
}

/** Readability over linkedom (in a worker the time limit can stop): the article of a saved page, as lines, headline first. */
async function htmlLines(
  html: string,
  deadline: Deadline,
): Promise<{ lines: string[]; byline?: string; siteName?: string; address?: string }> {
  const address = pageAddress(html);
  const page = await readPage(html, deadline);
  if (page.content === undefined) {
    const lines = await fragmentLines(page.body ?? '');
    if (lines.length === 0) throw new ImportError('no-article-text', 'the page has no article text that could be found');
    return { lines, ...(address && { address }) };
  }
  const lines = await fragmentLines(page.content);
  return {
    lines: page.title ? [page.title, ...lines] : lines,
    ...(page.byline && { byline: page.byline }),
    ...(page.siteName && { siteName: page.siteName }),
    ...(address && { address }),
  };
}

/** A Word document through mammoth, with access to files outside the document turned off. */
async function docxLines(bytes: Uint8Array, deadline: Deadline): Promise<string[]> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await deadline.race(
      mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { externalFileAccess: false }),
    );
    html = result.value;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // A .docx file is a zip archive: jszip's own wording ("Can't find end of central directory…") helps nobody.
    if (/zip|central directory/iu.test(message)) {
      throw new ImportError(
        'unreadable-file',
        'the Word document could not be read: it is damaged, or not a .docx file (save an older .doc file as .docx first)',
      );
    }
    throw new ImportError('unreadable-file', `the Word document could not be read (${message})`);
  }
  deadline.check();
  return fragmentLines(html);
}
