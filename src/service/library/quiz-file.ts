import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Article } from '../../core/article/index.ts';
import { isReviewedArticleText, readReviewedArticle, ReviewedArticleError, reviewedArticleText } from '../../core/article/reviewed.ts';
import { MAX_QUIZ_FILE_BYTES } from '../../shared/channels.ts';
import { MAX_BANK_BYTES } from '../../shared/library-contract.ts';
import { ServiceError } from '../errors.ts';
import { formatBytes, readZip, writeZip, ZipError } from '../zip.ts';
import { withoutSchema } from './quiz-folder.ts';
import { ARTICLE_FILE, BANK_FILE } from './quiz-folder.ts';

// A quiz shared as one file: a zip named `<title>.evident` holding
//
//   manifest.json   what the file is (format and version), which Evident wrote it, when, the
//                   quiz's title and version, and its details (byline, publication, date, address)
//   article.txt     the article in the checked format (core/article/reviewed.ts): one sentence a
//                   line, so the sentence ids that evidence cites are the same on every computer
//   bank.json       the question bank, exactly as the library stores it
//
// and nothing else: no student's name, answer, attempt or result ever goes in (those live in the
// database, which export never reads). Import trusts nothing: the zip is read by service/zip.ts
// within tight limits, only these three entries are accepted, the manifest is parsed with zod,
// the article with the same reader as the library's, and the bank goes through the same loader
// as every quiz (library.ts). Every refusal names the file, the entry and the problem.

export const QUIZ_FILE_EXTENSION = '.evident';
export const QUIZ_FILE_FORMAT = 'evident-quiz';
export const QUIZ_FILE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
const KNOWN_ENTRIES = [MANIFEST_FILE, ARTICLE_FILE, BANK_FILE] as const;

/** A quiz file holds three small entries: these limits are far above any real one and far below harm. */
export const QUIZ_FILE_ZIP_LIMITS = {
  maxZipBytes: MAX_QUIZ_FILE_BYTES,
  maxEntries: 16,
  maxEntryBytes: MAX_BANK_BYTES + 1024 * 1024,
  maxTotalBytes: 12 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
} as const;

const Detail = z.string().max(500).optional();

export const QuizFileManifest = z.strictObject({
  format: z.literal(QUIZ_FILE_FORMAT),
  formatVersion: z.literal(QUIZ_FILE_FORMAT_VERSION),
  /** The Evident that wrote the file. */
  evidentVersion: z.string().max(40),
  title: z
    .string()
    .transform((text) => text.replace(/\s+/gu, ' ').trim())
    .pipe(z.string().min(1, 'the quiz needs a title').max(200, 'a title has at most 200 characters')),
  exportedAt: z.iso.datetime(),
  /** The quiz's own version when it was exported (its attempts stay on the computer it came from). */
  quizVersion: z.int().min(1),
  details: z.strictObject({ byline: Detail, publication: Detail, date: Detail, address: Detail }),
});
export type QuizFileManifest = z.output<typeof QuizFileManifest>;

/** What a quiz file holds once every check has passed (the bank still goes through the loader). */
export interface OpenedQuizFile {
  manifest: QuizFileManifest;
  articleText: string;
  /** The bank's JSON text as stored in the file (BOM removed). */
  bankText: string;
  bank: Record<string, unknown>;
}

// ── Writing ────────────────────────────────────────────────────────────────────────────────

export interface QuizFileContent {
  title: string;
  quizVersion: number;
  article: Article;
  /** The article file as stored; a bundled quiz's raw page is written out in the checked format. */
  articleText: string;
  bank: Record<string, unknown>;
  exportedAt: string;
}

export function writeQuizFile(content: QuizFileContent): Uint8Array {
  const { article } = content;
  const manifest: QuizFileManifest = {
    format: QUIZ_FILE_FORMAT,
    formatVersion: QUIZ_FILE_FORMAT_VERSION,
    evidentVersion: evidentVersion(),
    title: content.title,
    exportedAt: content.exportedAt,
    quizVersion: content.quizVersion,
    details: {
      ...(article.byline ? { byline: article.byline } : {}),
      ...(article.source.publication ? { publication: article.source.publication } : {}),
      ...(article.source.date ? { date: article.source.date } : {}),
      ...(article.source.url ? { address: article.source.url } : {}),
    },
  };
  const bank = withoutSchema(content.bank);
  return writeZip({
    [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n`,
    [ARTICLE_FILE]: isReviewedArticleText(content.articleText) ? content.articleText : checkedArticleText(article),
    [BANK_FILE]: `${JSON.stringify({ ...bank, article: ARTICLE_FILE }, null, 2)}\n`,
  });
}

/** The article in the checked format, from the article model (its sentences exactly as the quiz numbers them). */
export function checkedArticleText(article: Article): string {
  return reviewedArticleText({
    title: article.headline || 'Untitled article',
    ...(article.byline ? { byline: article.byline } : {}),
    ...(article.source.publication ? { publication: article.source.publication } : {}),
    ...(article.source.date ? { date: article.source.date } : {}),
    ...(article.source.url ? { address: article.source.url } : {}),
    ...(article.standfirst ? { standfirst: article.standfirst } : {}),
    paragraphs: article.paragraphs.map((p) => p.sentences.map((s) => s.text)),
    captions: article.captions.map((c) => ({ text: c.text, ...(c.credit ? { credit: c.credit } : {}) })),
  });
}

/**
 * A file name for the quiz that every system accepts: no characters Windows forbids, no control
 * characters, no leading dot or trailing dot or space, not a reserved device name, at most 100
 * characters before `.evident`.
 */
export function quizFileName(title: string): string {
  let base = title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"/\\|?*]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/gu, '');
  base = [...base]
    .slice(0, 100)
    .join('')
    .trim()
    .replace(/[.\s]+$/u, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/iu.test(base)) base = `${base} quiz`;
  return `${base || 'quiz'}${QUIZ_FILE_EXTENSION}`;
}

let version: string | undefined;

/** Evident's version, from its package.json (found upwards from this module, in the source tree or the built app). */
export function evidentVersion(): string {
  if (version !== undefined) return version;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'evident' && typeof pkg.version === 'string') return (version = pkg.version);
    } catch {
      // not here: look in the folder above
    }
    dir = dirname(dir);
  }
  return (version = 'unknown');
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

/** Opens a quiz file, or throws a ZipError or a ServiceError (`invalid-quiz-file`) naming the file, the entry and the problem. */
export function openQuizFile(fileName: string, bytes: Uint8Array): OpenedQuizFile {
  const file = `“${fileName}”`;
  const refuse = (entry: string | undefined, problem: string) =>
    new ServiceError('invalid-quiz-file', `${file} cannot be imported: ${entry ? `${entry}: ` : ''}${problem}`);

  if (bytes.length > MAX_QUIZ_FILE_BYTES) {
    throw new ZipError(
      'zip-too-large',
      `${file} cannot be imported: it is ${formatBytes(bytes.length)}; a quiz file has at most ${formatBytes(MAX_QUIZ_FILE_BYTES)}`,
    );
  }
  let entries: Map<string, Uint8Array>;
  try {
    entries = readZip(bytes, QUIZ_FILE_ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipError) {
      const problem =
        error.reason === 'zip-unreadable' && /not a zip/.test(error.message) ? 'it is not an Evident quiz file (not a zip)' : error.message;
      throw new ZipError(error.reason, `${file} cannot be imported: ${problem}`, error.entry);
    }
    throw error;
  }

  for (const name of entries.keys()) {
    if (!(KNOWN_ENTRIES as readonly string[]).includes(name)) {
      throw refuse(name, `a quiz file holds only ${KNOWN_ENTRIES.join(', ')}; this entry is not one of them`);
    }
  }
  for (const name of KNOWN_ENTRIES) if (!entries.has(name)) throw refuse(name, 'this entry is missing');

  const manifest = readManifest(text(entries.get(MANIFEST_FILE)!, MANIFEST_FILE, refuse), refuse);

  const articleText = text(entries.get(ARTICLE_FILE)!, ARTICLE_FILE, refuse);
  try {
    readReviewedArticle(articleText);
  } catch (error) {
    if (error instanceof ReviewedArticleError) throw refuse(ARTICLE_FILE, error.message);
    throw error;
  }

  const bankText = text(entries.get(BANK_FILE)!, BANK_FILE, refuse);
  if (Buffer.byteLength(bankText) > MAX_BANK_BYTES) throw refuse(BANK_FILE, `the bank is larger than ${formatBytes(MAX_BANK_BYTES)}`);
  let bank: unknown;
  try {
    bank = JSON.parse(bankText);
  } catch (error) {
    throw refuse(BANK_FILE, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof bank !== 'object' || bank === null || Array.isArray(bank))
    throw refuse(BANK_FILE, 'a bank is a JSON object with an id and its questions');
  const questions = (bank as Record<string, unknown>)['questions'];
  if (questions !== undefined && !Array.isArray(questions)) throw refuse(BANK_FILE, '“questions” must be a list');
  return { manifest, articleText, bankText, bank: bank as Record<string, unknown> };
}

type Refuse = (entry: string | undefined, problem: string) => ServiceError;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, entry: string, refuse: Refuse): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    throw refuse(entry, 'not UTF-8 text');
  }
}

function readManifest(raw: string, refuse: Refuse): QuizFileManifest {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw refuse(MANIFEST_FILE, `not valid JSON (${(error as Error).message})`);
  }
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (record['format'] !== QUIZ_FILE_FORMAT)
    throw refuse(MANIFEST_FILE, `not an Evident quiz file (its format is not “${QUIZ_FILE_FORMAT}”)`);
  const formatVersion = record['formatVersion'];
  if (typeof formatVersion === 'number' && formatVersion > QUIZ_FILE_FORMAT_VERSION) {
    throw refuse(
      MANIFEST_FILE,
      `the file is in format ${formatVersion}, made by a newer Evident (${String(record['evidentVersion']).slice(0, 40)}); this Evident reads format ${QUIZ_FILE_FORMAT_VERSION}: update Evident to import it`,
    );
  }
  const parsed = QuizFileManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw refuse(MANIFEST_FILE, `${where}${issue.message}`);
  }
  return parsed.data;
}
