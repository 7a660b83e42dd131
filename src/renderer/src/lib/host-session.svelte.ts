import type { NetworkInterface, QuizSummary, SessionStatus, SessionStudent, WatchSession } from '../../../shared/contract.ts';
import type { Client } from './api.ts';
import { qrDataUrl } from './qr.ts';
import { messageOf } from './quiz-run.svelte.ts';
import { watchSessionStatus } from './session-feed.ts';

/** What the host screen needs of the service. */
export type HostClient = Pick<
  Client,
  | 'listQuizzes'
  | 'listNetworkInterfaces'
  | 'sessionStatus'
  | 'startSession'
  | 'lockJoining'
  | 'releaseReview'
  | 'endSession'
  | 'removeStudent'
  | 'readmitStudent'
>;

/** The step that waits for the teacher to say yes in a dialog. */
export type HostConfirming = null | 'end' | 'release' | { remove: SessionStudent };

export const DEFAULT_PORT = 4320;

export interface HostSessionOptions {
  /** The live dashboard's transport (IPC in the app, server-sent events in a browser). */
  watch: WatchSession;
  /** The join address as an image; injected so tests need no QR encoder. */
  qr?: (text: string) => Promise<string>;
}

/**
 * The teacher's class session, outside any component: choosing the quiz, the network and the
 * port, starting, the dashboard kept live by the service's pushed updates, and the controls
 * (lock joining, remove and re-admit, release the review, end). Every call that replaces the
 * session takes a ticket; a reply is applied only if no later call has started since, so a slow
 * reply cannot overwrite a newer one. A reply older than the pushed status already shown (its
 * version is lower) is also left out.
 */
export class HostSession {
  // The start form, bound by the screen.
  quizId = $state('');
  host = $state('');
  port = $state(DEFAULT_PORT);
  shuffle = $state(false);
  timeLimit = $state<number | null>(null);

  #quizzes = $state<QuizSummary[]>([]);
  #interfaces = $state<NetworkInterface[]>([]);
  // Raw: each update replaces the status whole, and unchanged students keep their objects, so
  // only the rows that changed are drawn again.
  #session = $state.raw<SessionStatus | null>(null);
  #feedProblem = $state<string | null>(null);
  #qr = $state<string | null>(null);
  #error = $state<string | null>(null);
  #notice = $state('');
  #busy = $state(false);
  #confirming = $state<HostConfirming>(null);

  #missed = $derived(new Map(this.#session?.sentences.map((s) => [s.sentenceId, s.missed]) ?? []));
  #answered = $derived(new Map(this.#session?.sentences.map((s) => [s.sentenceId, s.answered ?? 0]) ?? []));
  #active = $derived(this.#session?.students.filter((s) => !s.removed) ?? []);

  #client: HostClient;
  #watch: WatchSession;
  #makeQr: (text: string) => Promise<string>;
  /** The newest call that replaces the session; a reply with an older ticket is dropped. */
  #ticket = 0;
  #watching: { sessionId: string; stop: () => void } | null = null;
  #qrFor: string | null = null;
  #disposed = false;

  constructor(client: HostClient, options: HostSessionOptions) {
    this.#client = client;
    this.#watch = options.watch;
    this.#makeQr = options.qr ?? qrDataUrl;
  }

  get quizzes(): QuizSummary[] {
    return this.#quizzes;
  }
  get interfaces(): NetworkInterface[] {
    return this.#interfaces;
  }
  get session(): SessionStatus | null {
    return this.#session;
  }
  /** Whether the start form shows (no session, or the last one has ended). */
  get starting(): boolean {
    return !this.#session || this.#session.state === 'ended';
  }
  /** The running session whose dashboard is pushed, or null. */
  get watchedId(): string | null {
    const s = this.#session;
    return s && s.state !== 'ended' ? s.sessionId : null;
  }
  /** The live view's trouble, shown only while a session is watched. */
  get feedProblem(): string | null {
    return this.watchedId ? this.#feedProblem : null;
  }
  get qr(): string | null {
    return this.#qr;
  }
  get error(): string | null {
    return this.#error;
  }
  get notice(): string {
    return this.#notice;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get canStart(): boolean {
    return !this.#busy && this.quizId !== '' && this.host !== '';
  }
  get confirming(): HostConfirming {
    return this.#confirming;
  }
  /** Missed share per sentence id, for shading the article. */
  get missed(): Map<string, number> {
    return this.#missed;
  }
  /** Answers given per sentence id (to the questions citing it): the shading is missed / answered. */
  get answered(): Map<string, number> {
    return this.#answered;
  }
  /** The students not removed. */
  get active(): SessionStudent[] {
    return this.#active;
  }

  /** The quizzes, the network interfaces and a session already running (the screen reopened). */
  async load(): Promise<void> {
    const ticket = ++this.#ticket;
    try {
      const [list, found, running] = await Promise.all([
        this.#client.listQuizzes({}),
        this.#client.listNetworkInterfaces({}),
        this.#client.sessionStatus({}),
      ]);
      if (this.#disposed) return;
      this.#quizzes = list;
      this.#interfaces = found;
      this.quizId ||= list[0]?.id ?? '';
      this.host ||= found[0]?.address ?? '';
      // The lists are always wanted; the session only if nothing newer (a start) replaced it.
      if (ticket === this.#ticket) this.#show(running);
    } catch (e) {
      if (!this.#disposed) this.#error = messageOf(e);
    }
  }

  async start(): Promise<void> {
    this.#error = null;
    this.#busy = true;
    const ticket = ++this.#ticket;
    try {
      const started = await this.#client.startSession({
        quizId: this.quizId,
        host: this.host,
        port: this.port,
        settings: { shuffle: this.shuffle, ...(this.timeLimit ? { timeLimitMinutes: this.timeLimit } : {}) },
      });
      if (ticket !== this.#ticket || this.#disposed) return;
      this.#show(started);
      this.#notice = 'The session is open. Students can join now.';
    } catch (e) {
      if (ticket === this.#ticket && !this.#disposed) this.#error = messageOf(e);
    } finally {
      this.#busy = false;
    }
  }

  /** Locks joining, or opens it again. */
  toggleLock(): Promise<void> {
    const s = this.#session;
    if (!s || !this.watchedId) return Promise.resolve();
    const locked = s.state !== 'locked';
    return this.#control(
      () => this.#client.lockJoining({ sessionId: s.sessionId, locked }),
      locked ? 'Joining is locked; seated students carry on.' : 'Joining is open again.',
    );
  }

  readmit(student: SessionStudent): Promise<void> {
    const id = this.watchedId;
    if (!id) return Promise.resolve();
    return this.#control(() => this.#client.readmitStudent({ sessionId: id, attemptId: student.attemptId }), `${student.name} is back in.`);
  }

  /** Opens the dialog that asks before ending, releasing the review or removing a student. */
  ask(what: Exclude<HostConfirming, null>): void {
    this.#confirming = what;
  }

  cancel(): void {
    this.#confirming = null;
  }

  /** The teacher said yes in the dialog: does what it asked. */
  confirm(): Promise<void> {
    const what = this.#confirming;
    this.#confirming = null;
    const id = this.#session?.sessionId;
    if (!what || !id) return Promise.resolve();
    if (what === 'end') {
      return this.#control(() => this.#client.endSession({ sessionId: id }), 'The session has ended. Its attempts are in Class results.');
    }
    if (what === 'release') {
      return this.#control(
        () => this.#client.releaseReview({ sessionId: id }),
        'The review is released to every student who has handed in.',
      );
    }
    return this.#control(
      () => this.#client.removeStudent({ sessionId: id, attemptId: what.remove.attemptId }),
      `${what.remove.name} was removed.`,
    );
  }

  /** Stops the live view; replies still on their way are dropped. */
  dispose(): void {
    this.#disposed = true;
    this.#ticket++;
    this.#watching?.stop();
    this.#watching = null;
  }

  async #control(action: () => Promise<SessionStatus>, done: string): Promise<void> {
    this.#error = null;
    const ticket = ++this.#ticket;
    try {
      const next = await action();
      if (ticket !== this.#ticket || this.#disposed) return;
      this.#show(next);
      this.#notice = done;
    } catch (e) {
      if (ticket === this.#ticket && !this.#disposed) this.#error = messageOf(e);
    }
  }

  /** Shows a status from a reply, unless the push has already shown a newer one of the same session. */
  #show(next: SessionStatus | null): void {
    const now = this.#session;
    if (next && now && now.sessionId === next.sessionId && next.version < now.version) return;
    this.#set(next);
  }

  #set(next: SessionStatus | null): void {
    this.#session = next;
    this.#follow();
    this.#drawQr(next?.joinUrl);
  }

  /** Watches the running session's pushed updates, and stops when it ends or another replaces it. */
  #follow(): void {
    const id = this.watchedId;
    if (this.#watching?.sessionId === id) return;
    this.#watching?.stop();
    this.#watching = null;
    this.#feedProblem = null;
    if (!id || this.#disposed) return;
    // Set before subscribing: a feed may report at once, while subscribing.
    const watching = { sessionId: id, stop: () => {} };
    this.#watching = watching;
    const stop = watchSessionStatus(
      id,
      {
        current: () => this.#session,
        onStatus: (next) => {
          if (this.#watching === watching) this.#set(next);
        },
        onProblem: (message) => {
          if (this.#watching === watching) this.#feedProblem = message;
        },
      },
      this.#watch,
    );
    // A first event may already have ended this watch (the session ended while subscribing).
    if (this.#watching === watching) watching.stop = stop;
    else stop();
  }

  #drawQr(url: string | undefined): void {
    if (!url || url === this.#qrFor) return;
    this.#qrFor = url;
    void this.#makeQr(url).then(
      (data) => {
        if (this.#qrFor === url) this.#qr = data;
      },
      () => {},
    );
  }
}
