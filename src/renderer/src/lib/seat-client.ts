import type { Review } from '../../../shared/contract.ts';
import type { AttemptClient } from './quiz-run.svelte.ts';
import type { SessionClient } from './session-client.ts';

// A class session's seat, seen by QuizRun as an ordinary attempt: the seat token stands in for
// the attempt id, which the session server never takes from a student.

export function seatAttemptClient(session: SessionClient, token: string): AttemptClient {
  return {
    answer: ({ questionId, response }) => session.answer({ token, questionId, response }),
    async submit(): Promise<Review | null> {
      const seat = await session.submit({ token });
      return seat.reviewReleased ? session.review({ token }) : null;
    },
  };
}

/** Where a seat is remembered, so that a reload, a sleeping laptop or a new tab rejoins it. */
const SEAT_KEY = 'evident.seat';

export interface RememberedSeat {
  /** The teacher's address (desktop app); absent in a browser served by the session itself. */
  address?: string;
  token: string;
}

export function rememberedSeat(storage: Storage): RememberedSeat | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(SEAT_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { address, token } = value as Record<string, unknown>;
    if (typeof token !== 'string') return undefined;
    return typeof address === 'string' ? { address, token } : { token };
  } catch {
    return undefined;
  }
}

export function rememberSeat(storage: Storage, seat: RememberedSeat): void {
  storage.setItem(SEAT_KEY, JSON.stringify(seat));
}

export function forgetSeat(storage: Storage): void {
  storage.removeItem(SEAT_KEY);
}
