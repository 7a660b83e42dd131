import type { LoadedQuiz } from '../../core/bank/loaded.ts';
import { hostAndPort } from '../../core/classroom/address.ts';
import { formatJoinCode } from '../../core/classroom/join-code.ts';
import { attemptScore } from '../../core/results/attempt-score.ts';
import { liveResults } from '../../core/results/live.ts';
import type { AnswerScore, AttemptData } from '../../core/results/types.ts';
import type { SessionStatus } from '../../shared/contract.ts';
import { publicArticle } from '../public.ts';
import type { SessionRecord, Store } from '../store.ts';

// The teacher's live view of a session, built from the database: who joined, how far each
// student is, and how the class is doing per question and per sentence. The sums are
// src/core/results' (liveResults); this file only fetches and shapes. Removed students are
// listed but left out of the class figures: a prank seat should not skew them.

export interface ServerState {
  listening: boolean;
  problem?: string | undefined;
}

export function sessionDashboard(
  session: SessionRecord,
  quiz: LoadedQuiz,
  store: Store,
  server: ServerState,
  version: number,
): SessionStatus {
  const filter = { sessionId: session.id };
  const seats = store.listSeats(session.id);
  const attempts = new Map(store.listAttempts(filter).map((a) => [a.id, a]));
  const scores = store.scoresByAttempt(filter);
  const answersOf = (attemptId: string) => scores.get(attemptId) ?? [];
  const counted: AttemptData<AnswerScore>[] = seats.flatMap((seat) => {
    const attempt = attempts.get(seat.attemptId);
    return attempt && !seat.removed ? [{ ...attempt, answers: answersOf(attempt.id) }] : [];
  });
  const live = liveResults(quiz.questions, quiz.article.sentences.map((s) => s.id), counted);

  return {
    sessionId: session.id,
    quizId: session.quizId,
    title: quiz.title,
    settings: session.settings,
    joinCode: session.joinCode,
    joinCodeDisplay: formatJoinCode(session.joinCode),
    state: session.state,
    reviewReleased: session.reviewReleased,
    host: session.host,
    port: session.port,
    joinAddress: hostAndPort(session.host, session.port),
    joinUrl: joinUrl(session.host, session.port),
    listening: server.listening,
    ...(server.problem ? { serverProblem: server.problem } : {}),
    createdAt: session.createdAt,
    version,
    article: publicArticle(quiz.article),
    students: seats.flatMap((seat) => {
      const attempt = attempts.get(seat.attemptId);
      if (!attempt) return []; // the teacher deleted this attempt in the results view
      return [
        {
          attemptId: seat.attemptId,
          name: seat.name,
          status: attempt.status,
          removed: seat.removed,
          joinedAt: seat.joinedAt,
          ...attemptScore(quiz.questions, answersOf(seat.attemptId)),
        },
      ];
    }),
    questions: live.questions.map(({ questionId, number, prompt, answered, correct, shareCorrect }) => ({
      questionId,
      number,
      prompt,
      answered,
      correct,
      shareCorrect,
    })),
    sentences: live.sentences.map((s) => ({ sentenceId: s.sentenceId, missed: s.missed })),
  };
}

export function joinUrl(host: string, port: number): string {
  return `http://${hostAndPort(host, port)}/`;
}
