import { joinCodeMatches } from '../../core/classroom/join-code.ts';
import { sameNameKey } from '../../core/classroom/names.ts';
import type { JoinLimiter, RateLimiter } from '../../core/classroom/rate-limit.ts';
import type { AttemptView } from '../../shared/contract.ts';
import type { SeatView, StudentChannels } from '../../shared/session-contract.ts';
import { ServiceError } from '../errors.ts';
import type { AttemptChannels } from '../service.ts';
import type { SeatRecord, SessionRecord, Store } from '../store.ts';
import { hashSeatToken, newSeatToken } from './seat-token.ts';

// What a student may do in a session, and nothing more. The seat token is the only way to name
// an attempt here, so no request can reach another student's work; the review (the answer key)
// opens only once the teacher releases it.

export interface StudentDeps {
  /** The session as it is now (re-read on each request: the teacher may lock it at any moment). */
  session: () => SessionRecord;
  store: Store;
  attempts: AttemptChannels;
  /** This session's join limits, per network address. */
  joinLimiter: JoinLimiter;
  /** This session's answer limit, per seat. */
  answerLimiter: RateLimiter;
  now: () => Date;
  /** Told of each change once it is saved, for the live dashboard (answers are told by `attempts`, after their commit). */
  events: SeatEvents;
  /** Who in this session already has the name, compared as a person reads it (the live dashboard knows every seat). */
  nameHolder: (name: string) => 'seated' | 'removed' | undefined;
}

export interface SeatEvents {
  joined(seat: SeatRecord): void;
  submitted(attemptId: string): void;
}

export function createStudentChannels(deps: StudentDeps): StudentChannels {
  const { store, attempts, joinLimiter, answerLimiter, now, events, nameHolder } = deps;
  /** The names of the students whose join is being committed, as nameHolder compares them. */
  const seating = new Set<string>();

  function openSession(): SessionRecord {
    const session = deps.session();
    if (session.state === 'ended') throw new ServiceError('session-ended', 'this class session has ended');
    return session;
  }

  /**
   * The seat a token names. After the end a seat can still be looked at (its status "ended",
   * its review once released), for students still on the page and after a reload; nothing in
   * it can change any more.
   */
  function seatOf(token: string, { afterEnd = false } = {}): { session: SessionRecord; seat: SeatRecord } {
    const session = afterEnd ? deps.session() : openSession();
    const seat = store.seatByToken(session.id, hashSeatToken(token));
    // A forged token, or one from another session: the same refusal, saying nothing more.
    if (!seat) throw new ServiceError('seat-unknown', 'this seat is not part of this class session; join with the code');
    if (seat.removed) throw new ServiceError('seat-removed', 'your teacher has removed you from this session');
    return { session, seat };
  }

  function seatView(session: SessionRecord, view: AttemptView): SeatView {
    return {
      // A submitted attempt's view carries its feedback; before the release it must not.
      attempt: session.reviewReleased ? view : { ...view, answers: view.answers.map(({ feedback: _hidden, ...answer }) => answer) },
      sessionState: session.state,
      reviewReleased: session.reviewReleased,
    };
  }

  return {
    info() {
      return { session: true, joinable: deps.session().state === 'open' };
    },

    join({ code, name, previous }, { remoteAddress }) {
      // Refused before the code is checked: a computer that has guessed its fill gets no more tries.
      if (!joinLimiter.mayTry(remoteAddress)) {
        throw new ServiceError('too-many-joins', 'too many wrong join codes from this computer; wait a minute and try again');
      }
      const session = openSession();
      if (!joinCodeMatches(code, session.joinCode)) {
        joinLimiter.failed(remoteAddress);
        throw new ServiceError('wrong-join-code', 'that join code is not right; check it and try again');
      }
      if (session.state === 'locked') throw new ServiceError('joining-locked', 'your teacher has closed this session to new students');
      // A removed student comes back only when the teacher re-admits them, to their own seat:
      // not as a new seat from the same browser, nor under the same name.
      const before = previous === undefined ? undefined : store.seatByToken(session.id, hashSeatToken(previous));
      if (before?.removed) {
        throw new ServiceError('seat-removed', 'your teacher has removed you from this session; ask your teacher to let you back in');
      }
      const holder = nameHolder(name) ?? (seating.has(sameNameKey(name)) ? 'seated' : undefined);
      if (holder === 'removed') {
        throw new ServiceError('seat-removed', `your teacher has removed “${name}” from this session; ask your teacher to let you back in`);
      }
      if (holder === 'seated') {
        throw new ServiceError(
          'name-taken',
          `someone in this session is already called “${name}”: add the first letter of your family name, so that your teacher can tell you apart`,
        );
      }
      if (!joinLimiter.mayJoin(remoteAddress)) {
        throw new ServiceError(
          'too-many-joins',
          'too many students have joined from this computer in the last minute; wait a minute and try again',
        );
      }
      joinLimiter.joined(remoteAddress);
      const token = newSeatToken();
      // Committed with the answers and joins of the same moment (one sync for them all), and
      // acknowledged after it; until then the name counts as taken, so that two students joining
      // under one name at the same moment do not both get it.
      const nameKey = sameNameKey(name);
      seating.add(nameKey);
      const saved = store.commitTogether(() => {
        const started = attempts.startAttempt({
          quizId: session.quizId,
          studentName: name,
          settings: { feedback: 'deferred', ...session.settings },
        });
        const seat: SeatRecord = {
          tokenHash: hashSeatToken(token),
          sessionId: session.id,
          attemptId: started.attemptId,
          name,
          removed: false,
          joinedAt: now().toISOString(),
        };
        store.insertSeat(seat);
        return { view: started, seat };
      });
      return saved.then(
        ({ view, seat }) => {
          seating.delete(nameKey);
          events.joined(seat);
          return { token, seat: seatView(session, view) };
        },
        (error: unknown) => {
          seating.delete(nameKey);
          throw error;
        },
      );
    },

    seat({ token }) {
      const { session, seat } = seatOf(token, { afterEnd: true });
      return seatView(session, attempts.getAttempt({ attemptId: seat.attemptId }));
    },

    answer({ token, questionId, response }) {
      const { seat } = seatOf(token);
      if (!answerLimiter.allow(seat.attemptId)) {
        throw new ServiceError(
          'too-many-answers',
          'this answer was not saved: answers are arriving faster than anybody types; wait a moment and answer again',
        );
      }
      // Resolves once committed, together with the answers other students gave at the same moment.
      return attempts.answer({ attemptId: seat.attemptId, questionId, response });
    },

    submit({ token }) {
      const { session, seat } = seatOf(token);
      attempts.submit({ attemptId: seat.attemptId }); // its review is not the student's until released
      events.submitted(seat.attemptId);
      return seatView(session, attempts.getAttempt({ attemptId: seat.attemptId }));
    },

    review({ token }) {
      const { session, seat } = seatOf(token, { afterEnd: true });
      if (!session.reviewReleased) throw new ServiceError('review-not-released', 'your teacher has not released the review yet');
      return attempts.review({ attemptId: seat.attemptId });
    },
  };
}
