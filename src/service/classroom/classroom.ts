import { randomInt, randomUUID } from 'node:crypto';
import type { LoadedQuiz } from '../../core/bank/loaded.ts';
import { newJoinCode } from '../../core/classroom/join-code.ts';
import { createJoinLimiter, createRateLimiter, type JoinLimits } from '../../core/classroom/rate-limit.ts';
import type { NetworkInterface, SessionStatus } from '../../shared/contract.ts';
import { ServiceError } from '../errors.ts';
import type { AttemptChannels, ClassroomChannels } from '../service.ts';
import { createAttemptChannels } from '../service.ts';
import type { SessionRecord, Store } from '../store.ts';
import { sessionDashboard, type ServerState } from './dashboard.ts';
import type { RunningSessionServer, SessionServerOptions } from './server.ts';
import { createStudentChannels } from './students.ts';
import type { StudentChannels } from '../../shared/session-contract.ts';
import { storageProblemOf } from '../storage-errors.ts';

// The teacher's side of a classroom session: start it (the session and its server), watch it,
// control it, end it; and bring a running one back after the app restarts. Every change is in
// the database before it is acknowledged; what is kept only in memory (the server, the join
// limiter, the dashboard's version) is rebuilt on resume.

export interface ClassroomOptions {
  quizzes: readonly LoadedQuiz[];
  store: Store;
  /** Starts a session server (server.ts's startSessionServer, given the renderer folder). */
  startServer: (options: Omit<SessionServerOptions, 'rendererDir'>) => Promise<RunningSessionServer>;
  interfaces: () => NetworkInterface[];
  now?: () => Date;
  /**
   * Wrong join codes allowed per network address and window (default: 10 a minute), and the
   * other join limits (see core/classroom/rate-limit.ts). Each session has its own counts.
   */
  joinLimit?: { limit: number; windowMs: number } & Omit<JoinLimits, 'wrongCodes' | 'windowMs'>;
  /** Answers allowed per seat and window (default: ANSWERS_PER_SEAT a minute). */
  answerLimit?: { limit: number; windowMs: number };
  log?: (message: string, error?: unknown) => void;
}

export interface Classroom {
  channels: ClassroomChannels;
  /** Reopens the server of every session that was running when the app stopped. */
  resume(): Promise<void>;
  /** Stops the servers without ending their sessions (the app is quitting; resume brings them back). */
  stop(): Promise<void>;
}

/**
 * A student answers a question at most every few seconds, and changes an answer now and then;
 * 240 a minute (4 a second, sustained) is far beyond any of that, and far below the 2,600 a second
 * one seat was seen to send.
 */
export const ANSWERS_PER_SEAT = 240;

interface Running {
  version: number;
  server?: RunningSessionServer;
  problem?: string;
  /** Why the last write for a student failed (disk full, read-only, locked), until one succeeds. */
  storageProblem?: string;
  cached?: { version: number; status: SessionStatus };
}

export function createClassroom(options: ClassroomOptions): Classroom {
  const { quizzes, store, startServer, interfaces, now = () => new Date(), log = console.error } = options;
  const attempts: AttemptChannels = createAttemptChannels({ quizzes, store, now });
  const quizById = new Map(quizzes.map((q) => [q.id, q]));
  const running = new Map<string, Running>();
  const clock = () => now().getTime();
  const { limit: wrongCodes, ...joinLimits } = options.joinLimit ?? { limit: undefined };

  function sessionOf(sessionId: string): SessionRecord {
    const session = store.getSession(sessionId);
    if (!session) throw new ServiceError('session-not-found', `there is no class session ${sessionId}`);
    return session;
  }

  function quizOf(quizId: string): LoadedQuiz {
    const quiz = quizById.get(quizId);
    if (!quiz) throw new ServiceError('quiz-not-found', `the quiz “${quizId}” is not installed`);
    return quiz;
  }

  function stateOf(sessionId: string): Running {
    let state = running.get(sessionId);
    if (!state) {
      state = { version: 0 };
      running.set(sessionId, state);
    }
    return state;
  }

  const changed = (sessionId: string) => () => void stateOf(sessionId).version++;

  function status(session: SessionRecord): SessionStatus {
    const state = stateOf(session.id);
    // Polled every half second by the dashboard: built again only when something changed.
    if (state.cached?.version === state.version) return state.cached.status;
    const problems = [state.problem, state.storageProblem && `Students’ answers are not being saved: ${state.storageProblem}.`].filter(Boolean);
    const server: ServerState = { listening: state.server !== undefined, problem: problems.length > 0 ? problems.join(' ') : undefined };
    const built = sessionDashboard(session, quizOf(session.quizId), store, server, state.version);
    state.cached = { version: state.version, status: built };
    return built;
  }

  function openSession(sessionId: string): SessionRecord {
    const session = sessionOf(sessionId);
    if (session.state === 'ended') throw new ServiceError('session-ended', 'this class session has ended');
    return session;
  }

  /** Applies a teacher's change and answers with the new status. */
  function control(sessionId: string, apply: (session: SessionRecord) => void): SessionStatus {
    apply(openSession(sessionId));
    stateOf(sessionId).version++;
    return status(sessionOf(sessionId));
  }

  async function listen(session: SessionRecord): Promise<void> {
    const state = stateOf(session.id);
    const students = createStudentChannels({
      session: () => sessionOf(session.id),
      store,
      attempts,
      // Per session: one session's guessers never count against another's students.
      joinLimiter: createJoinLimiter(clock, { ...joinLimits, ...(wrongCodes === undefined ? {} : { wrongCodes }) }),
      answerLimiter: createRateLimiter({
        limit: options.answerLimit?.limit ?? ANSWERS_PER_SEAT,
        windowMs: options.answerLimit?.windowMs ?? 60_000,
        now: clock,
      }),
      now,
      changed: changed(session.id),
    });
    state.server = await startServer({ host: session.host, port: session.port, students: reportingStorage(students, state), log });
    delete state.problem;
    state.version++;
  }

  /**
   * A student whose answer could not be saved is told so and sent to the teacher; the teacher's
   * dashboard says what is wrong (disk full, read-only, locked) until a save succeeds again.
   */
  function reportingStorage(students: StudentChannels, state: Running): StudentChannels {
    const wrapped = {} as Record<string, unknown>;
    for (const [name, handler] of Object.entries(students) as [string, (input: unknown, context: unknown) => unknown][]) {
      wrapped[name] = (input: unknown, context: unknown) => {
        try {
          const result = handler(input, context);
          if (state.storageProblem !== undefined && name !== 'info' && name !== 'seat' && name !== 'review') {
            delete state.storageProblem;
            state.version++;
          }
          return result;
        } catch (error) {
          const problem = storageProblemOf(error);
          if (!problem) throw error;
          if (state.storageProblem !== problem) {
            state.storageProblem = problem;
            state.version++;
            log(`a student's ${name} could not be saved: ${problem}`);
          }
          throw new ServiceError('not-saved', `Not saved: tell your teacher (${problem} on the teacher’s computer)`);
        }
      };
    }
    return wrapped as StudentChannels;
  }

  async function close(sessionId: string): Promise<void> {
    const state = running.get(sessionId);
    const server = state?.server;
    if (!state || !server) return;
    delete state.server;
    state.version++;
    await server.close();
  }

  const channels: ClassroomChannels = {
    listNetworkInterfaces() {
      return interfaces();
    },

    async startSession({ quizId, settings, host, port }) {
      const quiz = quizOf(quizId);
      if (store.unendedSessions().length > 0) {
        throw new ServiceError('session-running', 'a class session is already running; end it before starting another');
      }
      if (!interfaces().some((i) => i.address === host)) {
        throw new ServiceError('host-not-local', `${host} is not an address of this computer; pick one of its network interfaces`);
      }
      const session: SessionRecord = {
        id: randomUUID(),
        quizId: quiz.id,
        settings,
        joinCode: newJoinCode((n) => randomInt(0, n)),
        state: 'open',
        reviewReleased: false,
        host,
        port,
        createdAt: now().toISOString(),
        endedAt: null,
      };
      // Written before listening, so that a second start arriving meanwhile sees it and is refused.
      store.insertSession(session);
      try {
        // Port 0 means "any free port": the one the system picked is the one students need.
        await listen(session);
      } catch (error) {
        // A session that never opened leaves nothing behind: a refused start changes nothing.
        store.deleteUnopenedSession(session.id);
        running.delete(session.id);
        const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'another program is using that port' : (error as Error).message;
        throw new ServiceError('port-unavailable', `the session could not listen on ${host}:${port}: ${reason}; choose another port`);
      }
      const actualPort = stateOf(session.id).server?.port ?? port;
      if (actualPort !== port) {
        session.port = actualPort;
        store.updateSession(session.id, { port: actualPort });
      }
      return status(session);
    },

    sessionStatus({ sessionId }) {
      const session = sessionId ? sessionOf(sessionId) : store.unendedSessions()[0];
      return session ? status(session) : null;
    },

    lockJoining({ sessionId, locked }) {
      return control(sessionId, (s) => store.updateSession(s.id, { state: locked ? 'locked' : 'open' }));
    },

    removeStudent({ sessionId, attemptId }) {
      return control(sessionId, (s) => {
        if (!store.setSeatRemoved(s.id, attemptId, true)) throw new ServiceError('student-not-found', 'that student is not in this session');
      });
    },

    readmitStudent({ sessionId, attemptId }) {
      return control(sessionId, (s) => {
        if (!store.setSeatRemoved(s.id, attemptId, false)) throw new ServiceError('student-not-found', 'that student is not in this session');
      });
    },

    releaseReview({ sessionId }) {
      return control(sessionId, (s) => store.updateSession(s.id, { reviewReleased: true }));
    },

    endSession({ sessionId }) {
      const result = control(sessionId, (s) => {
        store.transaction(() => {
          // Everybody's saved answers count: attempts still open are handed in as they stand.
          for (const seat of store.listSeats(s.id)) {
            const attempt = store.getAttempt(seat.attemptId);
            if (attempt?.status === 'in-progress') store.markSubmitted(seat.attemptId, now().toISOString());
          }
          store.updateSession(s.id, { state: 'ended', endedAt: now().toISOString() });
        });
      });
      void close(sessionId).then(() => running.delete(sessionId));
      return { ...result, listening: false };
    },
  };

  return {
    channels,

    async resume() {
      for (const session of store.unendedSessions()) {
        if (stateOf(session.id).server) continue;
        try {
          await listen(session);
        } catch (error) {
          const state = stateOf(session.id);
          state.problem = `the session server could not reopen on ${session.host}:${session.port}: ${(error as Error).message}`;
          state.version++;
          log(state.problem);
        }
      }
    },

    async stop() {
      await Promise.all([...running.keys()].map(close));
    },
  };
}
