import type { Article } from '../article/types.ts';
import { AikenImportError, importAiken } from './aiken-import.ts';
import { attachEvidence } from './evidence.ts';
import { GiftImportError, importGift } from './gift-import.ts';
import { importMoodleXml, type MoodleImport, MoodleImportError } from './moodle-import.ts';

// One entry for every question file Evident reads as text: the format from the file's name (or
// its first characters), the reader, then evidence against the article. QTI packages are zips,
// read in the service and handed to core's QTI reader as a map of files.

export const IMPORT_FORMATS = ['moodle-xml', 'gift', 'aiken'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** Every question file Evident reads: the text formats, and QTI packages (zips, unzipped by the service). */
export type QuestionFileFormat = ImportFormat | 'qti';

export const IMPORT_FORMAT_NAMES: Record<QuestionFileFormat, string> = {
  qti: 'QTI',
  'moodle-xml': 'Moodle XML',
  gift: 'GIFT',
  aiken: 'Aiken',
};

export type QuestionFileImport = MoodleImport;

/** Any reader's refusal: the message names the line or question and the problem. */
export function isQuestionFileError(error: unknown): error is Error {
  return error instanceof MoodleImportError || error instanceof GiftImportError || error instanceof AikenImportError;
}

/** The format of a question file from its name, else from its text; undefined when neither tells. */
export function detectImportFormat(fileName: string, text: string): QuestionFileFormat | undefined {
  const name = fileName.toLowerCase();
  // A zip starts "PK\u0003\u0004" (read as text, the bytes survive as these characters).
  if (name.endsWith('.zip') || text.startsWith('PK\u0003\u0004')) return 'qti';
  if (name.endsWith('.xml')) return 'moodle-xml';
  if (name.endsWith('.gift') || name.endsWith('.gift.txt')) return 'gift';
  if (name.endsWith('.aiken') || name.endsWith('.aiken.txt')) return 'aiken';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<?xml') || start.startsWith('<quiz')) return 'moodle-xml';
  if (/^ANSWER\s*:/im.test(text) && /^[A-Z]\s*[.)]/m.test(text)) return 'aiken';
  if (/(?<!\\)\{[\s\S]*?(?<!\\)\}/.test(text) || /^\s*(::|\$CATEGORY:|\/\/)/m.test(text)) return 'gift';
  return undefined;
}

/** Reads a question file's questions (no evidence yet: see `withArticle`). */
export function readQuestionFile(format: ImportFormat, text: string, articleSentences: readonly string[] = []): QuestionFileImport {
  switch (format) {
    case 'moodle-xml':
      return importMoodleXml(text, articleSentences);
    case 'gift':
      return importGift(text, articleSentences);
    case 'aiken':
      return importAiken(text);
  }
}

/** Evidence for every question from the article the quiz will have. */
export function withArticle(imported: QuestionFileImport, article: Article): QuestionFileImport {
  return attachEvidence(imported, article);
}
