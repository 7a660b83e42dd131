import { z } from 'zod';
import { Slug } from '../core/bank/schema.ts';
import { ArticleInput } from '../core/article/reviewed.ts';
import { SentenceId } from '../core/article/sentence-id.ts';

// The quiz library's channels (issue 10): the teacher's own quizzes beside the bundled ones,
// drafts, publishing, versions and .evident files. Every one is a teacher channel. The import,
// editor and drafter screens code against these names and shapes: fields may be added, never
// renamed. contract.ts spreads `libraryContract` into the one contract.

export const QuizOrigin = z.enum(['bundled', 'own']);
/** draft: not publishable yet (no questions, or problems); ready: publishable; published: offered to students. */
export const QuizStatus = z.enum(['draft', 'ready', 'published']);

/** A quiz id as the library hands it out and takes it back. */
export const QuizId = Slug;
const ByQuiz = z.strictObject({ quizId: QuizId });

/** One problem of a quiz's bank or article, as the checker words it (the same checker as load). */
export const QuizProblem = z.strictObject({
  questionId: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
  line: z.int().optional(),
  column: z.int().optional(),
});

export const LibraryEntry = z.strictObject({
  quizId: QuizId,
  title: z.string(),
  origin: QuizOrigin,
  status: QuizStatus,
  /** Published and loadable: what students are offered now (a published quiz saved with problems is not). */
  offered: z.boolean(),
  questionCount: z.int().min(0),
  problemCount: z.int().min(0),
  /** Attempts at every version, kept even when the quiz is deleted. */
  attemptCount: z.int().min(0),
  version: z.int().min(1),
  /** When the quiz was last changed (bundled: when it was installed, i.e. its files' time). */
  updatedAt: z.iso.datetime(),
  words: z.int().min(0),
  readingMinutes: z.int().min(0),
  /** A US school grade from the article's readability; absent for an empty article. */
  gradeLevel: z.number().optional(),
  publication: z.string().optional(),
  /** The quiz this one was duplicated from. */
  copiedFrom: z.string().optional(),
});

/** The article as the library stores it: headline, details, captions and numbered sentences. */
export const SourceArticle = z.strictObject({
  headline: z.string(),
  byline: z.string().optional(),
  standfirst: z.string().optional(),
  source: z.strictObject({ publication: z.string().optional(), date: z.string().optional(), url: z.string().optional() }),
  /** Every caption, with its sentences ("c1.s1"), citable as evidence like the body's. */
  captions: z.array(
    z.strictObject({
      id: z.string().optional(),
      text: z.string(),
      credit: z.string().optional(),
      sentences: z.array(z.strictObject({ id: SentenceId, text: z.string() })).optional(),
    }),
  ),
  paragraphs: z.array(
    z.strictObject({
      id: z.string(),
      number: z.int().min(1),
      sentences: z.array(z.strictObject({ id: SentenceId, text: z.string() })),
    }),
  ),
});

export const QuizSource = z.strictObject({
  quizId: QuizId,
  title: z.string(),
  origin: QuizOrigin,
  version: z.int().min(1),
  published: z.boolean(),
  attemptCount: z.int().min(0),
  /** Attempts at the current version: once there are any, the next save makes a new version. */
  attemptsAtVersion: z.int().min(0),
  article: SourceArticle,
  /** The bank JSON exactly as stored. */
  bank: z.json(),
  problems: z.array(QuizProblem),
});

/** A bank as the editor sends it: JSON, at most this many bytes once written out. */
export const MAX_BANK_BYTES = 4 * 1024 * 1024;

export const SavedBank = z.strictObject({
  version: z.int().min(1),
  /** Whether this save started a new version (the previous one had attempts). */
  newVersion: z.boolean(),
  problems: z.array(QuizProblem),
  status: QuizStatus,
});

export const QuizVersionInfo = z.strictObject({
  version: z.int().min(1),
  attemptCount: z.int().min(0),
  savedAt: z.iso.datetime(),
  questionCount: z.int().min(0),
});

const QuizTitle = z
  .string()
  .transform((text) => text.replace(/\s+/gu, ' ').trim())
  .pipe(z.string().min(1, 'a quiz needs a title').max(200, 'a title has at most 200 characters'));

export const libraryContract = {
  /** Every quiz, bundled and own, for the teacher's Library screen. */
  libraryList: { input: z.strictObject({}), output: z.array(LibraryEntry) },
  /** A new own quiz from a checked article: a draft with no questions. */
  createQuiz: { input: z.strictObject({ article: ArticleInput }), output: z.strictObject({ quizId: QuizId }) },
  getQuizSource: { input: ByQuiz, output: QuizSource },
  /** Saves an own quiz's bank (problems are allowed while editing, and reported); a bundled quiz is refused. */
  saveQuizBank: { input: z.strictObject({ quizId: QuizId, bank: z.json() }), output: SavedBank },
  /** Offers the quiz to students (refused while it has no questions or has problems), or stops offering it. */
  publishQuiz: { input: z.strictObject({ quizId: QuizId, published: z.boolean() }), output: LibraryEntry },
  /** An own quiz's title (the bank's title); a bundled quiz is refused: duplicate it first. */
  renameQuiz: { input: z.strictObject({ quizId: QuizId, title: QuizTitle }), output: LibraryEntry },
  /** A copy of any quiz as a new own quiz, unpublished, at version 1 (editing a bundled quiz starts here). */
  duplicateQuiz: { input: z.strictObject({ quizId: QuizId, title: QuizTitle.optional() }), output: z.strictObject({ quizId: QuizId }) },
  /**
   * Removes an own quiz from the library and from students. Its attempts are kept, and so is the
   * quiz behind them (set aside in the data folder), so results and reviews still open.
   */
  deleteQuiz: {
    input: ByQuiz,
    output: z.strictObject({ deleted: z.literal(true), attemptsKept: z.int().min(0) }),
  },
} as const;

export type LibraryEntry = z.output<typeof LibraryEntry>;
export type QuizSource = z.output<typeof QuizSource>;
export type QuizProblem = z.output<typeof QuizProblem>;
export type SavedBank = z.output<typeof SavedBank>;
export type QuizStatus = z.output<typeof QuizStatus>;
export type QuizOrigin = z.output<typeof QuizOrigin>;
export type SourceArticle = z.output<typeof SourceArticle>;
export type QuizVersionInfo = z.output<typeof QuizVersionInfo>;
