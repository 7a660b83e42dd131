import type { LoadedQuiz } from '../core/bank/loaded.ts';
import type { QuizCatalogue } from './library/catalogue.ts';
import { ServiceError } from './errors.ts';
import type { ResultsFilter } from './results-queries.ts';
import type { Store } from './store.ts';

// Results are read one quiz version at a time. An edit made once attempts exist starts a new
// version (library/library.ts), and an attempt is scored against the version it was taken on:
// class results, item analysis and the CSVs read each version's attempts against that
// version's questions, keys and article, so that two versions never mix in one figure.

export interface VersionEntry {
  version: number;
  /** Attempts at this version that match the filters. */
  attempts: number;
  current: boolean;
}

export interface ChosenVersion {
  /** The quiz as it was at `version`. */
  quiz: LoadedQuiz;
  version: number;
  /** Oldest first: every version with matching attempts, and the current one. */
  versions: VersionEntry[];
}

/** The quiz at `version`, or undefined when that version does not exist or no longer loads. */
export function quizAtVersion(catalogue: QuizCatalogue, quizId: string, version: number): LoadedQuiz | undefined {
  return version === catalogue.versionOf(quizId) ? catalogue.current(quizId) : catalogue.atVersion(quizId, version);
}

/**
 * The version of `quizId` that results read: `asked`, or else the newest with attempts matching
 * `filter` (whose own version is ignored), or else the current one. A version that does not
 * exist, or whose files no longer load, is refused by name.
 */
export function chooseVersion(
  deps: { catalogue: QuizCatalogue; store: Store },
  quizId: string,
  asked: number | undefined,
  filter: ResultsFilter,
): ChosenVersion {
  const { catalogue, store } = deps;
  if (!catalogue.current(quizId)) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
  const current = catalogue.versionOf(quizId);
  const counts = new Map(store.results.quizVersions({ ...filter, quizId, version: undefined }).map((v) => [v.version, v.attempts]));
  const versions = [...new Set([...counts.keys(), current])]
    .sort((a, b) => a - b)
    .map((version) => ({ version, attempts: counts.get(version) ?? 0, current: version === current }));
  const newest = counts.size > 0 ? Math.max(...counts.keys()) : current;
  const chosen = asked ?? newest;
  const quiz = quizAtVersion(catalogue, quizId, chosen);
  if (!quiz) {
    const known = chosen <= current;
    throw new ServiceError(
      'version-not-found',
      known
        ? `version ${chosen} of the quiz “${quizId}” can no longer be read (its saved copy is missing or damaged)`
        : `the quiz “${quizId}” has no version ${chosen}: its versions are 1 to ${current}`,
    );
  }
  return { quiz, version: chosen, versions };
}
