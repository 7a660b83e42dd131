import { z } from 'zod';
import { Slug } from '../core/bank/schema.ts';

// Questions in and out (issue 13): a quiz exported to another system's format, with the report of
// what that format dropped; a question file imported into a new draft quiz of the teacher's, with
// a report per question. Teacher channels, both. contract.ts spreads `interchangeContract` in;
// fields may be added, never renamed.

/** The formats a quiz is exported to: QTI 3 as a zip package, the others as one text file. */
export const EXPORT_FORMAT_IDS = ['qti3', 'moodle-xml', 'gift', 'aiken'] as const;
/** The question files Evident reads: a QTI package (3.0, or 2.1/2.2 read leniently) is a zip. */
export const IMPORT_FORMAT_IDS = ['qti', 'moodle-xml', 'gift', 'aiken'] as const;

/** The largest question file the import takes, in bytes. */
export const MAX_QUESTION_FILE_BYTES = 10 * 1024 * 1024;
/** The largest pasted article, in characters (as the import screen). */
export const MAX_ARTICLE_CHARACTERS = 1_000_000;
/** The largest article file, in bytes (as the import screen). */
export const MAX_ARTICLE_FILE_BYTES = 25 * 1024 * 1024;

const base64Of = (bytes: number, what: string) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4, `${what} is over the limit of ${bytes / (1024 * 1024)} MB`)
    .pipe(z.base64(`${what}’s contents must be base64`));

const FileName = z.string().trim().min(1, 'the file needs a name').max(255, 'a file name has at most 255 characters');

export const ExportFormatId = z.enum(EXPORT_FORMAT_IDS);
export const ImportFormatId = z.enum(IMPORT_FORMAT_IDS);

/** What became of one question in an export. */
export const ExportedQuestion = z.strictObject({
  id: z.string(),
  type: z.string(),
  outcome: z.enum(['kept', 'reduced', 'skipped']),
  dropped: z.array(z.string()),
});

export const ExportReport = z.strictObject({
  format: ExportFormatId,
  /** What the format lost for the quiz as a whole (the article's layout, evidence links). */
  quiz: z.array(z.string()),
  questions: z.array(ExportedQuestion),
});

export const ExportedFile = z.strictObject({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  report: ExportReport,
});

/** What became of one question of an imported file. */
export const ImportedQuestion = z.strictObject({
  id: z.string(),
  type: z.string(),
  status: z.enum(['imported', 'needs-evidence', 'skipped']),
  reason: z.string().optional(),
});

export const ImportReport = z.strictObject({
  format: ImportFormatId,
  fileName: z.string(),
  /** Where the quiz's article came from: the file itself, or what the teacher pasted or opened. */
  articleFrom: z.enum(['file', 'teacher']),
  questions: z.array(ImportedQuestion),
  imported: z.int().min(0),
  needsEvidence: z.int().min(0),
  skipped: z.int().min(0),
  /** What the file held that Evident keeps nowhere (categories), one line each. */
  notes: z.array(z.string()),
});

export const ImportQuestionFileInput = z.strictObject({
  fileName: FileName,
  base64: base64Of(MAX_QUESTION_FILE_BYTES, 'the question file'),
  /** Read from the name (and the first bytes) when absent. */
  format: ImportFormatId.optional(),
  /** The article, pasted, when the file carries none: cleaned up as on the import screen. */
  articleText: z
    .string()
    .max(MAX_ARTICLE_CHARACTERS, `a pasted article has at most ${MAX_ARTICLE_CHARACTERS.toLocaleString('en')} characters`)
    .optional(),
  /** The article as a file (.txt, .html, .docx, .pdf), when the file carries none. */
  articleFile: z.strictObject({ name: FileName, base64: base64Of(MAX_ARTICLE_FILE_BYTES, 'the article file') }).optional(),
});

export const interchangeContract = {
  /** A quiz written in another system's format, as a file to save, with what the format dropped. */
  exportQuizAs: { input: z.strictObject({ quizId: Slug, format: ExportFormatId }), output: ExportedFile },
  /**
   * A question file (Moodle XML, GIFT, Aiken) as a NEW draft quiz of the teacher's: the article
   * from the file, or pasted or opened; evidence found where a question quotes the article, the
   * rest marked "needs evidence". Nothing is kept when anything fails.
   */
  importQuestionFile: {
    input: ImportQuestionFileInput,
    output: z.strictObject({ quizId: Slug, title: z.string(), report: ImportReport }),
  },
} as const;

export type ExportFormatId = z.output<typeof ExportFormatId>;
export type ImportFormatId = z.output<typeof ImportFormatId>;
export type ExportReportView = z.output<typeof ExportReport>;
export type ExportedFile = z.output<typeof ExportedFile>;
export type ImportReport = z.output<typeof ImportReport>;
export type ImportQuestionFileInput = z.input<typeof ImportQuestionFileInput>;
