import { z } from 'zod';
import { REMOVAL_REASON_NAMES, type RemovalReason } from '../core/article/cleanup/reasons.ts';
import { MAX_IMPORT_FILE_BYTES } from './channels.ts';

// The import channel's part of the contract (contract.ts spreads it in): a teacher's article,
// pasted or from a file, classified line by line for the review screen.

/** The most a pasted article may hold, in characters (far above any news article). */
export const MAX_PASTED_CHARACTERS = 1_000_000;
export { MAX_IMPORT_FILE_BYTES };
/** Base64 of the largest file: four characters for every three bytes. */
const MAX_BASE64_CHARACTERS = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

const Publication = z.string().trim().max(200, 'a publication name has at most 200 characters').optional();

export const ImportArticleInput = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('paste'),
    text: z.string().max(MAX_PASTED_CHARACTERS, `a pasted article has at most ${MAX_PASTED_CHARACTERS.toLocaleString('en')} characters`),
    publication: Publication,
  }),
  z.strictObject({
    /** A file opened with the file picker or dropped on the window: the same path. */
    from: z.literal('file'),
    name: z.string().trim().min(1, 'the file needs a name').max(255, 'a file name has at most 255 characters'),
    /** The file's bytes in base64. */
    base64: z
      .string()
      .max(MAX_BASE64_CHARACTERS, `the file is over the limit of ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB for an article`)
      .pipe(z.base64('the file’s contents must be base64')),
    publication: Publication,
  }),
]);

const Reason = z.enum(REMOVAL_REASON_NAMES as [RemovalReason, ...RemovalReason[]]);

/** One line of the imported text as the clean-up classified it. */
export const ImportedLine = z.strictObject({
  /** 1-based line number in the text as read. */
  line: z.int().min(1),
  text: z.string(),
  kind: z.enum(['headline', 'body', 'caption', 'removed']),
  /** For a removed line: why, as a name and as a sentence a teacher can read. */
  reason: Reason.optional(),
  explanation: z.string().optional(),
  /** For a caption: its text without the picture credit, and the credit. */
  caption: z.strictObject({ text: z.string(), credit: z.string().optional() }).optional(),
  /** The line's sentences as the segmenter finds them (a removed line too: the teacher may keep it). */
  sentences: z.array(z.string()),
});

export const ImportedArticleView = z.strictObject({
  format: z.enum(['paste', 'text', 'html', 'docx', 'pdf']),
  /** The file's name, when it came from a file. */
  fileName: z.string().optional(),
  /** Words in the whole text as read, furniture included. */
  words: z.int().min(0),
  headline: z.string(),
  byline: z.string().optional(),
  standfirst: z.string().optional(),
  publication: z.string().optional(),
  date: z.string().optional(),
  address: z.string().optional(),
  lines: z.array(ImportedLine),
});

/** Reading statistics of the article as the teacher has left it (core/article/reading-stats.ts). */
export const ReadingStatistics = z.strictObject({
  words: z.int().min(0),
  sentences: z.int().min(0),
  readingMinutes: z.int().min(0),
  fleschKincaidGrade: z.number(),
  fleschReadingEase: z.number(),
  colemanLiauGrade: z.number(),
  /** The grade to show in one figure (the mean of the two grade formulas); absent for an empty text. */
  gradeLevel: z.int().optional(),
});

export const importContract = {
  importArticle: { input: ImportArticleInput, output: ImportedArticleView },
  articleStatistics: {
    input: z.strictObject({
      sentences: z
        .array(z.string().max(10_000, 'a sentence has at most 10,000 characters'))
        .max(50_000, 'an article has at most 50,000 sentences'),
    }),
    output: ReadingStatistics,
  },
} as const;

export type ImportArticleInput = z.input<typeof ImportArticleInput>;
export type ImportedLine = z.output<typeof ImportedLine>;
export type ImportedArticleView = z.output<typeof ImportedArticleView>;
export type ReadingStatistics = z.output<typeof ReadingStatistics>;
