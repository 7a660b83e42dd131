import type { Output } from '../shared/contract.ts';
import type { Store } from './store.ts';

/**
 * A quiz's sessions and practice attempts, for the teacher's way into its results. A quiz the
 * library no longer has still answers (its attempts are kept); one nobody took answers empty lists.
 */
export function createResultsOverviewChannel(store: Pick<Store, 'sessionsOfQuiz' | 'practiceStarts'>) {
  return {
    resultsOverview({ quizId }: { quizId: string }): Output<'resultsOverview'> {
      return {
        quizId,
        sessions: store.sessionsOfQuiz(quizId).map((s) => ({
          sessionId: s.id,
          startedAt: s.createdAt,
          ...(s.endedAt ? { endedAt: s.endedAt } : {}),
          state: s.state,
          students: s.students,
          submitted: s.submitted,
        })),
        practice: store.practiceStarts(quizId),
      };
    },
  };
}
