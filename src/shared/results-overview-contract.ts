import { z } from 'zod';
import { Slug } from '../core/bank/schema.ts';
import { SessionState } from '../core/classroom/session-state.ts';

// The teacher's way into one quiz's results (contract.ts spreads it in): the class sessions run
// on it, newest first, and when each attempt taken outside a session started, so that the screen
// can group practice by the teacher's own days. quizResults then shows one of them
// (ResultsQuery's `sessionId`, or `practice` with a day's `from`/`to`).

export const ResultsSession = z.strictObject({
  sessionId: z.uuid(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().optional(),
  state: SessionState,
  /** Seats taken (each is an attempt), removed students included. */
  students: z.int().min(0),
  submitted: z.int().min(0),
});
export type ResultsSession = z.output<typeof ResultsSession>;

export const ResultsOverview = z.strictObject({
  quizId: Slug,
  /** Newest first. */
  sessions: z.array(ResultsSession),
  /** Attempts outside any class session, newest first. */
  practice: z.array(z.strictObject({ startedAt: z.iso.datetime(), submitted: z.boolean() })),
});
export type ResultsOverview = z.output<typeof ResultsOverview>;

export const resultsOverviewContract = {
  resultsOverview: { input: z.strictObject({ quizId: Slug }), output: ResultsOverview },
};
