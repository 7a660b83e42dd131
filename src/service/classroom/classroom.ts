import { randomInt, randomUUID } from 'node:crypto';
import type { LoadedQuiz } from '../../core/bank/loaded.ts';
import type { QuizCatalogue } from '../library/catalogue.ts';
import { newJoinCode } from '../../core/classroom/join-code.ts';
import { createJoinLimiter, createRateLimiter, type JoinLimits } from '../../core/classroom/rate-limit.ts';
import { SessionEvent, type NetworkInterface, type SessionStatus } from '../../shared/contract.ts';
import { ServiceError } from '../errors.ts';
import type { AttemptChannels, ClassroomChannels } from '../service.ts';
import { createAttemptChannels } from '../service.ts';
import type { SessionRecord, Store } from '../store.ts';
import { LiveSession, type ServerState } from './dashboard.ts';
import type { RunningSessionServer, SessionServerOptions } from './server.ts';
import { createStudentChannels } from './students.ts';
import type { StudentChannels } from '../../shared/session-contract.ts';
import { storageProblemOf } from '../storage-errors.ts';

// The teacher's side of a classroom session: start it (the session and its server), watch it,
// control it, end it; and bring a running one back after the app restarts. Every change is in
// the database before it is acknowledged; what is kept only in memory (the server, the join
// limiter, the live dashboard) is rebuilt on resume.
//
// The dashboard is pushed, not polled: `watch` hands a watcher the whole status once, then an
// update (only the students who changed, and the class figures) at most every `pushIntervalMs`
// while anything changes. The transports carry it: server-sent events on the teacher's loopback
// binding, webContents.send in the desktop app.

export interface ClassroomOptions {
  /** The quizzes as the library holds them now (a quiz published after start can be hosted). */
  catalogue: QuizCatalogue;
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
  /** How long changes are gathered before an update is pushed to the dashboards (default 200 ms). */
  pushIntervalMs?: number;
}

export type SessionWatcher = (event: SessionEvent) => void;

export interface Classroom {
  channels: ClassroomChannels;
  /**
   * The live dashboard of a session: `watcher` gets a snapshot at once, then updates. Returns
   * the function that stops watching. Throws a ServiceError for a session that does not exist.
   */
  watch(sessionId: string, watcher: SessionWatcher): () => void;
  /** The teacher deleted an attempt (results view): a seat of a running session leaves its dashboard. */
  attemptDeleted(attemptId: string): void;
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
  live: LiveSession;
  server?: RunningSessionServer;
  problem?: string;
  /** Why the last write for a student failed (disk full, read-only, locked), until one succeeds. */
  storageProblem?: string;
  cached?: { version: number; status: SessionStatus };
  /** The pending push of an update to the watchers. */
  push?: ReturnType<typeof setTimeout>;
}

export function createClassroom(options: ClassroomOptions): Classroom {
  const { catalogue, store, startServer, interfaces, now = () => new Date(), log = console.error } = options;
  const pushIntervalMs = options.pushIntervalMs ?? 200;
  const running = new Map<string, Running>();
  /**
   * The server of the session that ended last, still answering its students: a seat's status
   * ("ended") and its review once released, for students still on the page and after a reload.
   * It stops when the teacher starts another session or Evident quits (an ended session is not
   * brought back after a restart); joining, answering and handing in are refused meanwhile.
   */
  let afterEnd: { sessionId: string; server: RunningSessionServer } | undefined;

  async function stopAfterEnd(): Promise<void> {
    const lingering = afterEnd;
    afterEnd = undefined;
    await lingering?.server.close();
  }
  const clock = () => now().getTime();
  const { limit: wrongCodes, ...joinLimits } = options.joinLimit ?? { limit: undefined };
  const watchers = new Map<string, Set<SessionWatcher>>();
  const attempts: AttemptChannels = createAttemptChannels({
    catalogue,
    store,
    now,
    // After the answer's commit: the dashboard never shows an answer a crash could take back.
    onAnswered: (attemptId, record) => {
      for (const [sessionId, state] of running) {
        if (!state.live.has(attemptId)) continue;
        state.live.answer(attemptId, record);
        changed(sessionId);
      }
    },
    // An emptied answer is no answer: it leaves the student's progress and the class figures.
    onCleared: (attemptId, questionId, clearedAt) => {
      for (const [sessionId, state] of running) {
        if (!state.live.has(attemptId)) continue;
        state.live.clear(attemptId, questionId, clearedAt);
        changed(sessionId);
      }
    },
  });

  function sessionOf(sessionId: string): SessionRecord {
    const session = store.getSession(sessionId);
    if (!session) throw new ServiceError('session-not-found', `there is no class session ${sessionId}`);
    return session;
  }

  function quizOf(quizId: string): LoadedQuiz {
    const quiz = catalogue.current(quizId);
    if (!quiz) throw new ServiceError('quiz-not-found', `the quiz “${quizId}” is not installed`);
    return quiz;
  }

  /** A running session's state; its dashboard is read from the database the first time. */
  function stateOf(session: SessionRecord): Running {
    let state = running.get(session.id);
    if (!state) {
      state = { live: LiveSession.load(session, quizOf(session.quizId), store) };
      running.set(session.id, state);
    }
    return state;
  }

  const serverState = (state: Running): ServerState => {
    const problems = [state.problem, state.storageProblem && `Students’ answers are not being saved: ${state.storageProblem}.`].filter(
      Boolean,
    );
    return { listening: state.server !== undefined, problem: problems.length > 0 ? problems.join(' ') : undefined };
  };

  function status(session: SessionRecord): SessionStatus {
    const state = running.get(session.id);
    // An ended session has no live state: its status is read from the database when asked.
    if (!state) {
      return LiveSession.load(session, quizOf(session.quizId), store).status({ listening: afterEnd?.sessionId === session.id });
    }
    if (state.cached?.version === state.live.version) return state.cached.status;
    const built = state.live.status(serverState(state));
    state.cached = { version: state.live.version, status: built };
    return built;
  }

  /** Something changed in a running session: its watchers get an update within pushIntervalMs. */
  function changed(sessionId: string): void {
    const state = running.get(sessionId);
    if (!state || state.push || !watchers.has(sessionId)) return;
    state.push = setTimeout(() => push(sessionId), pushIntervalMs);
  }

  function push(sessionId: string): void {
    const state = running.get(sessionId);
    if (!state) return;
    clearTimeout(state.push);
    delete state.push;
    const update = state.live.takeUpdate(serverState(state));
    if (update) send(sessionId, { kind: 'update', update });
  }

  function send(sessionId: string, event: SessionEvent, only?: SessionWatcher): void {
    // Parsed like every reply of the contract, so that nothing but the public shape leaves.
    const checked = SessionEvent.safeParse(event);
    if (!checked.success) {
      log(`a ${event.kind} of the live dashboard does not fit its public schema`, checked.error);
      return;
    }
    for (const watcher of only ? [only] : [...(watchers.get(sessionId) ?? [])]) {
      try {
        watcher(checked.data);
      } catch (error) {
        log('a dashboard watcher failed', error);
      }
    }
  }

  /** The session's record changed (or its server did): the dashboards hear of it. */
  function touch(sessionId: string): void {
    const state = running.get(sessionId);
    if (!state) return;
    state.live.touch(sessionOf(sessionId));
    changed(sessionId);
  }

  function openSession(sessionId: string): SessionRecord {
    const session = sessionOf(sessionId);
    if (session.state === 'ended') throw new ServiceError('session-ended', 'this class session has ended');
    return session;
  }

  /** Applies a teacher's change and answers with the new status. */
  function control(sessionId: string, apply: (session: SessionRecord, live: LiveSession) => void): SessionStatus {
    const session = openSession(sessionId);
    apply(session, stateOf(session).live);
    touch(sessionId);
    return status(sessionOf(sessionId));
  }

  async function listen(session: SessionRecord): Promise<void> {
    const state = stateOf(session);
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
      nameHolder: (name) => state.live.nameHolder(name),
      events: {
        joined: (seat) => {
          state.live.join(seat);
          changed(session.id);
        },
        submitted: (attemptId) => {
          state.live.submit(attemptId);
          changed(session.id);
        },
      },
    });
    state.server = await startServer({ host: session.host, port: session.port, students: reportingStorage(students, state), log });
    delete state.problem;
    touch(session.id);
  }

  /**
   * A student whose answer could not be saved is told so and sent to the teacher; the teacher's
   * dashboard says what is wrong (disk full, read-only, locked) until a save succeeds again.
   */
  function reportingStorage(students: StudentChannels, state: Running): StudentChannels {
    const wrapped = {} as Record<string, unknown>;
    for (const [name, handler] of Object.entries(students) as [string, (input: unknown, context: unknown) => unknown][]) {
      const bump = () => {
        state.live.touch();
        changed(state.live.session.id);
      };
      const saved = () => {
        if (state.storageProblem !== undefined && name !== 'info' && name !== 'seat' && name !== 'review') {
          delete state.storageProblem;
          bump();
        }
      };
      const notSaved = (error: unknown): never => {
        const problem = storageProblemOf(error);
        if (!problem) throw error;
        if (state.storageProblem !== problem) {
          state.storageProblem = problem;
          bump();
          log(`a student's ${name} could not be saved: ${problem}`);
        }
        throw new ServiceError('not-saved', `Not saved: tell your teacher (${problem} on the teacher’s computer)`);
      };
      wrapped[name] = (input: unknown, context: unknown) => {
        try {
          const result = handler(input, context);
          // An answer is saved when its group commit is: its failure comes as a rejection.
          if (result instanceof Promise) {
            return result.then((value: unknown) => {
              saved();
              return value;
            }, notSaved);
          }
          saved();
          return result;
        } catch (error) {
          return notSaved(error);
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
    touch(sessionId);
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
      // The last session's server has told its students enough: its port may be this one.
      await stopAfterEnd();
      try {
        // Port 0 means "any free port": the one the system picked is the one students need.
        await listen(session);
      } catch (error) {
        // A session that never opened leaves nothing behind: a refused start changes nothing.
        store.deleteUnopenedSession(session.id);
        running.delete(session.id);
        const reason =
          (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'another program is using that port' : (error as Error).message;
        throw new ServiceError('port-unavailable', `the session could not listen on ${host}:${port}: ${reason}; choose another port`);
      }
      const actualPort = running.get(session.id)?.server?.port ?? port;
      if (actualPort !== port) {
        session.port = actualPort;
        store.updateSession(session.id, { port: actualPort });
        touch(session.id);
      }
      return status(sessionOf(session.id));
    },

    sessionStatus({ sessionId }) {
      const session = sessionId ? sessionOf(sessionId) : store.unendedSessions()[0];
      return session ? status(session) : null;
    },

    projectorStatus() {
      const session = store.unendedSessions()[0];
      if (!session) return null;
      // Picked field by field from the teacher's status (cached per version): only what the wall may show.
      const s = status(session);
      return {
        sessionId: s.sessionId,
        title: s.title,
        state: s.state,
        joinCodeDisplay: s.joinCodeDisplay,
        joinAddress: s.joinAddress,
        joinUrl: s.joinUrl,
        joined: s.students.reduce((n, student) => (student.removed ? n : n + 1), 0),
        listening: s.listening,
      };
    },

    lockJoining({ sessionId, locked }) {
      return control(sessionId, (s) => store.updateSession(s.id, { state: locked ? 'locked' : 'open' }));
    },

    removeStudent({ sessionId, attemptId }) {
      return control(sessionId, (s, live) => {
        if (!store.setSeatRemoved(s.id, attemptId, true))
          throw new ServiceError('student-not-found', 'that student is not in this session');
        live.setRemoved(attemptId, true);
      });
    },

    readmitStudent({ sessionId, attemptId }) {
      return control(sessionId, (s, live) => {
        if (!store.setSeatRemoved(s.id, attemptId, false))
          throw new ServiceError('student-not-found', 'that student is not in this session');
        live.setRemoved(attemptId, false);
      });
    },

    releaseReview({ sessionId }) {
      const session = sessionOf(sessionId);
      if (session.state === 'ended') {
        // After the end too: the students still on the page (or coming back to it) get their review.
        store.updateSession(session.id, { reviewReleased: true });
        return status(sessionOf(sessionId));
      }
      return control(sessionId, (s) => store.updateSession(s.id, { reviewReleased: true }));
    },

    endSession({ sessionId }) {
      const handedIn: string[] = [];
      const result = control(sessionId, (s, live) => {
        store.transaction(() => {
          // Everybody's saved answers count: attempts still open are handed in as they stand.
          for (const seat of store.listSeats(s.id)) {
            const attempt = store.getAttempt(seat.attemptId);
            if (attempt?.status === 'in-progress') {
              store.markSubmitted(seat.attemptId, now().toISOString());
              handedIn.push(seat.attemptId);
            }
          }
          store.updateSession(s.id, { state: 'ended', endedAt: now().toISOString() });
        });
        for (const attemptId of handedIn) live.submit(attemptId);
      });
      // The server stays up, answering "ended" (see afterEnd); the dashboards hear of the end at
      // once, then the session's live state is let go.
      const state = running.get(sessionId);
      if (state?.server) {
        void stopAfterEnd();
        afterEnd = { sessionId, server: state.server };
      }
      push(sessionId);
      running.delete(sessionId);
      return result;
    },
  };

  return {
    channels,

    watch(sessionId, watcher) {
      const session = sessionOf(sessionId);
      let set = watchers.get(sessionId);
      if (!set) {
        set = new Set();
        watchers.set(sessionId, set);
      }
      set.add(watcher);
      send(sessionId, { kind: 'snapshot', status: status(session) }, watcher);
      return () => {
        set.delete(watcher);
        if (set.size === 0 && watchers.get(sessionId) === set) watchers.delete(sessionId);
      };
    },

    attemptDeleted(attemptId) {
      for (const [sessionId, state] of running) {
        if (!state.live.has(attemptId)) continue;
        state.live.forget(attemptId);
        changed(sessionId);
      }
    },

    async resume() {
      for (const session of store.unendedSessions()) {
        if (stateOf(session).server) continue;
        try {
          await listen(session);
        } catch (error) {
          const state = stateOf(session);
          state.problem = `the session server could not reopen on ${session.host}:${session.port}: ${(error as Error).message}`;
          touch(session.id);
          log(state.problem);
        }
      }
    },

    async stop() {
      await Promise.all([...running.keys()].map(close));
      await stopAfterEnd();
    },
  };
}
