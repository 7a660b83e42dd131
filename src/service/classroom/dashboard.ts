import type { LoadedQuiz } from '../../core/bank/loaded.ts';
import { hostAndPort } from '../../core/classroom/address.ts';
import { formatJoinCode } from '../../core/classroom/join-code.ts';
import { sameNameKey } from '../../core/classroom/names.ts';
import { attemptScore } from '../../core/results/attempt-score.ts';
import { LiveTally, type TalliedAttempt } from '../../core/results/live.ts';
import type { AttemptStatus } from '../../core/attempt.ts';
import type { AnswerScore } from '../../core/results/types.ts';
import type { SessionStatus, SessionStudent, SessionUpdate } from '../../shared/contract.ts';
import { publicArticle } from '../public.ts';
import type { SeatRecord, SessionRecord, Store } from '../store.ts';

// The teacher's live view of a session, kept in memory while it runs: who joined, how far each
// student is, and how the class is doing per question and per sentence. It is read from the
// database once (when the session starts or comes back after a restart) and then follows each
// join, answer, submission and control as it is committed, so neither a poll nor a new answer
// reads the class back: an answer costs one student's share of the sums (core/results/live.ts).
// Removed students are listed but left out of the class figures: a prank seat should not skew them.

export interface ServerState {
  listening: boolean;
  problem?: string | undefined;
}

interface LiveSeat {
  attemptId: string;
  name: string;
  joinedAt: string;
  removed: boolean;
  status: AttemptStatus;
  answers: Map<string, AnswerScore>;
  /**
   * When each emptied answer was emptied. An answer's commit is told after its promise settles,
   * so one that the emptying flushed out of the group commit can arrive after the emptying: an
   * answer given before it is stale and left out.
   */
  cleared?: Map<string, string>;
  /** The student's dashboard row, built again only after the seat changed. */
  row?: SessionStudent;
}

export class LiveSession {
  #session: SessionRecord;
  readonly #quiz: LoadedQuiz;
  readonly #tally: LiveTally;
  /** In joining order. */
  readonly #seats = new Map<string, LiveSeat>();
  /** The seats by name as compared (core/classroom/names.ts), for refusing a second "Ada". */
  readonly #byName = new Map<string, Set<LiveSeat>>();
  /** Seats changed, and seats deleted, since the last update was taken. */
  #changed = new Set<string>();
  #deleted = new Set<string>();
  #sessionChanged = false;
  #version = 0;

  constructor(session: SessionRecord, quiz: LoadedQuiz) {
    this.#session = session;
    this.#quiz = quiz;
    this.#tally = new LiveTally(
      quiz.questions,
      quiz.article.sentences.map((s) => s.id),
    );
  }

  /** The session as the database has it: every seat, its attempt and the scores of its answers. */
  static load(session: SessionRecord, quiz: LoadedQuiz, store: Store): LiveSession {
    const live = new LiveSession(session, quiz);
    const filter = { sessionId: session.id };
    const attempts = new Map(store.listAttempts(filter).map((a) => [a.id, a]));
    const scores = store.scoresByAttempt(filter);
    for (const seat of store.listSeats(session.id)) {
      const attempt = attempts.get(seat.attemptId);
      if (!attempt) continue; // the teacher deleted this attempt in the results view
      const answers = new Map((scores.get(seat.attemptId) ?? []).map((s) => [s.questionId, s]));
      live.#add({
        attemptId: seat.attemptId,
        name: seat.name,
        joinedAt: seat.joinedAt,
        removed: seat.removed,
        status: attempt.status,
        answers,
      });
    }
    live.#changed.clear();
    return live;
  }

  get version(): number {
    return this.#version;
  }

  get session(): SessionRecord {
    return this.#session;
  }

  has(attemptId: string): boolean {
    return this.#seats.has(attemptId);
  }

  /** Who already has this name (compared as a person reads it): a seated student, a removed one, or nobody. */
  nameHolder(name: string): 'seated' | 'removed' | undefined {
    const holders = [...(this.#byName.get(sameNameKey(name)) ?? [])];
    if (holders.length === 0) return undefined;
    return holders.some((seat) => !seat.removed) ? 'seated' : 'removed';
  }

  /** The session's own record changed (locked, released, ended, moved to another port), or its server did. */
  touch(session: SessionRecord = this.#session): void {
    this.#session = session;
    this.#sessionChanged = true;
    this.#version++;
  }

  join(seat: SeatRecord): void {
    this.#add({
      attemptId: seat.attemptId,
      name: seat.name,
      joinedAt: seat.joinedAt,
      removed: seat.removed,
      status: 'in-progress',
      answers: new Map(),
    });
  }

  answer(attemptId: string, score: AnswerScore & { answeredAt?: string }): void {
    const { questionId, points, maxPoints, verdict, answeredAt } = score;
    const clearedAt = this.#seats.get(attemptId)?.cleared?.get(questionId);
    if (clearedAt !== undefined && answeredAt !== undefined && answeredAt < clearedAt) return;
    this.#changeAnswer(attemptId, questionId, { questionId, points, maxPoints, verdict });
  }

  /** The student emptied an answer: the question is unanswered again. */
  clear(attemptId: string, questionId: string, clearedAt: string): void {
    const seat = this.#seats.get(attemptId);
    if (!seat) return;
    (seat.cleared ??= new Map()).set(questionId, clearedAt);
    this.#changeAnswer(attemptId, questionId, undefined);
  }

  submit(attemptId: string): void {
    this.#change(attemptId, (seat) => (seat.status = 'submitted'));
  }

  setRemoved(attemptId: string, removed: boolean): void {
    this.#change(attemptId, (seat) => (seat.removed = removed));
  }

  /** The teacher deleted the seat's attempt: it leaves the list and the figures. */
  forget(attemptId: string): void {
    const seat = this.#seats.get(attemptId);
    if (!seat) return;
    if (!seat.removed) this.#tally.count(share(seat), -1);
    this.#seats.delete(attemptId);
    this.#byName.get(sameNameKey(seat.name))?.delete(seat);
    this.#changed.delete(attemptId);
    this.#deleted.add(attemptId);
    this.#version++;
  }

  status(server: ServerState): SessionStatus {
    const results = this.#tally.results();
    return {
      ...this.#sessionFields(server),
      quizId: this.#session.quizId,
      title: this.#quiz.title,
      settings: this.#session.settings,
      joinCode: this.#session.joinCode,
      joinCodeDisplay: formatJoinCode(this.#session.joinCode),
      host: this.#session.host,
      createdAt: this.#session.createdAt,
      article: publicArticle(this.#quiz.article),
      students: [...this.#seats.values()].map((seat) => this.#row(seat)),
      questions: results.questions,
      sentences: results.sentences,
    };
  }

  /** What changed since the last call, or undefined when nothing did. */
  takeUpdate(server: ServerState): SessionUpdate | undefined {
    if (this.#changed.size === 0 && this.#deleted.size === 0 && !this.#sessionChanged) return undefined;
    const results = this.#tally.results();
    const students = [...this.#changed].flatMap((id) => {
      const seat = this.#seats.get(id);
      return seat ? [this.#row(seat)] : [];
    });
    const update: SessionUpdate = {
      ...this.#sessionFields(server),
      students,
      deletedAttemptIds: [...this.#deleted],
      questions: results.questions,
      sentences: results.sentences,
    };
    this.#changed = new Set();
    this.#deleted = new Set();
    this.#sessionChanged = false;
    return update;
  }

  #sessionFields(server: ServerState) {
    const s = this.#session;
    return {
      sessionId: s.id,
      version: this.#version,
      state: s.state,
      reviewReleased: s.reviewReleased,
      port: s.port,
      joinAddress: hostAndPort(s.host, s.port),
      joinUrl: joinUrl(s.host, s.port),
      listening: server.listening,
      ...(server.problem ? { serverProblem: server.problem } : {}),
    };
  }

  #add(seat: LiveSeat): void {
    this.#seats.set(seat.attemptId, seat);
    const key = sameNameKey(seat.name);
    const named = this.#byName.get(key) ?? new Set();
    named.add(seat);
    this.#byName.set(key, named);
    if (!seat.removed) this.#tally.count(share(seat), 1);
    this.#changed.add(seat.attemptId);
    this.#version++;
  }

  /** Takes the seat's share out of the figures, changes it, and puts it back. */
  #change(attemptId: string, apply: (seat: LiveSeat) => void): void {
    const seat = this.#seats.get(attemptId);
    if (!seat) return;
    if (!seat.removed) this.#tally.count(share(seat), -1);
    apply(seat);
    if (!seat.removed) this.#tally.count(share(seat), 1);
    delete seat.row;
    this.#changed.add(attemptId);
    this.#version++;
  }

  /** One answer given (or emptied, `next` undefined): only that answer's share of the figures moves. */
  #changeAnswer(attemptId: string, questionId: string, next: AnswerScore | undefined): void {
    const seat = this.#seats.get(attemptId);
    if (!seat) return;
    if (!seat.removed) this.#tally.change(questionId, seat.answers.get(questionId), next);
    if (next) seat.answers.set(questionId, next);
    else seat.answers.delete(questionId);
    delete seat.row;
    this.#changed.add(attemptId);
    this.#version++;
  }

  #row(seat: LiveSeat): SessionStudent {
    seat.row ??= {
      attemptId: seat.attemptId,
      name: seat.name,
      status: seat.status,
      removed: seat.removed,
      joinedAt: seat.joinedAt,
      ...attemptScore(this.#quiz.questions, [...seat.answers.values()]),
    };
    return seat.row;
  }
}

function share(seat: LiveSeat): TalliedAttempt {
  return { answers: seat.answers.values() };
}

export function joinUrl(host: string, port: number): string {
  return `http://${hostAndPort(host, port)}/`;
}
