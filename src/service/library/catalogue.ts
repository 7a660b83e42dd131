import type { LoadedQuiz } from '../../core/bank/loaded.ts';

/**
 * The quizzes the service answers with, as they change: the library (library.ts) adds, edits,
 * publishes and removes them while the app runs, so nothing may keep its own list. Students get
 * `offered()`; an attempt is always scored and reviewed against the version it was taken on.
 */
export interface QuizCatalogue {
  /** The quiz as it is now; undefined when there is no such quiz, or its bank does not load (a draft, a bank with problems). */
  current(quizId: string): LoadedQuiz | undefined;
  /** The quiz as it was at `version`, for an attempt taken on it; kept after the quiz is deleted. */
  atVersion(quizId: string, version: number): LoadedQuiz | undefined;
  /** The version a new attempt is taken on (1 for a bundled quiz). */
  versionOf(quizId: string): number;
  /** Every quiz that loads, at its current version: the teacher's views (results, hosting, exports). */
  loaded(): LoadedQuiz[];
  /** What students are offered: published quizzes that load. */
  offered(): LoadedQuiz[];
  isOffered(quizId: string): boolean;
}

/** A catalogue of fixed quizzes, each published at version 1 (tests and tools without a data folder). */
export function fixedCatalogue(quizzes: readonly LoadedQuiz[]): QuizCatalogue {
  const byId = new Map(quizzes.map((q) => [q.id, q]));
  return {
    current: (quizId) => byId.get(quizId),
    atVersion: (quizId, version) => (version === 1 ? byId.get(quizId) : undefined),
    versionOf: () => 1,
    loaded: () => [...quizzes],
    offered: () => [...quizzes],
    isOffered: (quizId) => byId.has(quizId),
  };
}
