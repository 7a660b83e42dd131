import { z } from 'zod';
import { MAX_QUIZ_FILE_BYTES } from './channels.ts';
import { QuizId, QuizProblem } from './library-contract.ts';

// A quiz shared as one `.evident` file (issue 10): the library's export and import channels,
// teacher channels both (contract.ts spreads `quizFileContract` in). The file is a zip; its
// layout and the checks made on import are in src/service/library/quiz-file.ts.

export { MAX_QUIZ_FILE_BYTES };
const MAX_BASE64_CHARACTERS = Math.ceil(MAX_QUIZ_FILE_BYTES / 3) * 4;

export const QuizFile = z.strictObject({
  /** A file name made from the quiz's title, safe on Windows, macOS and Linux, ending in `.evident`. */
  fileName: z.string().min(1),
  /** The file's bytes in base64. */
  base64: z.base64(),
});

export const ImportedQuizFile = z.strictObject({
  quizId: QuizId,
  /** The new quiz's title: the file's, with " (2)" and so on added when the library has one of that title. */
  title: z.string(),
  questionCount: z.int().min(0),
  /** What the checker found in the bank (the same checker as everywhere): the quiz is kept as a draft until they are fixed. */
  problems: z.array(QuizProblem),
});

export const quizFileContract = {
  /** Any quiz, bundled or own, as a `.evident` file: its article, its bank and its details. Never a student's name or answer. */
  exportQuizFile: { input: z.strictObject({ quizId: QuizId }), output: QuizFile },
  /** A `.evident` file as a NEW own quiz, unpublished; refused whole, with the file, the entry and the problem named, or kept whole. */
  importQuizFile: {
    input: z.strictObject({
      fileName: z.string().trim().min(1, 'the file needs a name').max(255, 'a file name has at most 255 characters'),
      base64: z
        .string()
        .max(MAX_BASE64_CHARACTERS, `the file is over the limit of ${MAX_QUIZ_FILE_BYTES / (1024 * 1024)} MB for a quiz file`)
        .pipe(z.base64('the file’s contents must be base64')),
    }),
    output: ImportedQuizFile,
  },
} as const;

export type QuizFile = z.output<typeof QuizFile>;
export type ImportedQuizFile = z.output<typeof ImportedQuizFile>;
