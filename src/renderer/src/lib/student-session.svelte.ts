import type { Review } from '../../../shared/contract.ts';
import type { SeatView } from '../../../shared/session-contract.ts';
import { ApiError } from './api.ts';
import { messageOf, QuizRun, type AttemptClient } from './quiz-run.svelte.ts';
import { forgetSeat, rememberedSeat, rememberSeat, seatAttemptClient, type RememberedSeat } from './seat-client.ts';
import type { SessionClient } from './session-client.ts';

/** Where a student is in a class session. */
export type SessionStage =
  | { name: 'join' }
  | { name: 'quiz'; run: QuizRun }
  | { name: 'waiting' }
  | { name: 'review'; review: Review }
  /** The seat can do nothing more: the teacher removed the student or ended the session. */
  | { name: 'closed'; why: 'removed' | 'ended' };

/** How often an open seat asks whether it is still open (removed, ended) and the waiting one whether the review is out. */
export const SEAT_CHECK_MS = 5_000;

export interface StudentSessionOptions {
  /** The session at an address (desktop app) or at this page's own server (address ignored). */
  connect: (address: string) => SessionClient;
  /** Whether the student types the teacher's address (desktop app) or is already there (browser). */
  askAddress: boolean;
  storage: Storage;
}

/**
 * A student's class session, outside any component: joining, returning to the seat, the quiz,
 * waiting for the review and the review itself, and learning at once that the seat has closed.
 * Every reply is applied only if nothing newer has happened since (a later join, a rejoin, the
 * student leaving), so a slow reply cannot overwrite a newer state.
 */
export class StudentSession {
  stage = $state<SessionStage>({ name: 'join' });
  address = $state('');
  code = $state('');
  name = $state('');
  error = $state<string | null>(null);
  busy = $state(false);
  /** A seat this device remembers, offered as "Return to my seat". */
  remembered = $state<RememberedSeat | undefined>(undefined);

  #options: StudentSessionOptions;
  #client: SessionClient | null = null;
  #token = '';
  /** Bumped by every change of stage: a reply that started under an older one is dropped. */
  #generation = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: StudentSessionOptions) {
    this.#options = options;
    this.remembered = rememberedSeat(options.storage);
  }

  get askAddress(): boolean {
    return this.#options.askAddress;
  }

  /** A page served by the session goes straight back to its seat (a reload, a new tab). */
  open(): void {
    if (this.remembered && !this.#options.askAddress) void this.rejoin();
  }

  /** Stops the seat checks; the component calls it when it goes. */
  dispose(): void {
    this.#generation++;
    this.#stopChecks();
  }

  async join(): Promise<void> {
    this.error = null;
    const { askAddress, storage } = this.#options;
    if ((askAddress && this.address.trim() === '') || this.code.trim() === '' || this.name.trim() === '') {
      this.error = `Enter ${askAddress ? 'the address, ' : ''}the join code and your name.`;
      return;
    }
    const generation = ++this.#generation;
    this.busy = true;
    try {
      const client = this.#options.connect(this.address.trim());
      // The seat this device had, if any: a student the teacher removed cannot come back as a new one.
      const previous = rememberedSeat(storage)?.token;
      const joined = await client.join({ code: this.code, name: this.name, ...(previous ? { previous } : {}) });
      if (generation !== this.#generation) return;
      this.#client = client;
      this.#token = joined.token;
      rememberSeat(storage, askAddress ? { address: this.address.trim(), token: joined.token } : { token: joined.token });
      this.remembered = undefined;
      await this.#enter(joined.seat, generation);
    } catch (error) {
      if (generation === this.#generation) this.error = messageOf(error);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  async rejoin(): Promise<void> {
    const seat = this.remembered ?? rememberedSeat(this.#options.storage);
    if (!seat) return;
    const generation = ++this.#generation;
    this.busy = true;
    this.error = null;
    try {
      const client = this.#options.connect(seat.address ?? '');
      const view = await client.seat({ token: seat.token });
      if (generation !== this.#generation) return;
      this.#client = client;
      this.#token = seat.token;
      this.remembered = undefined;
      await this.#enter(view, generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      if (!this.#closedBy(error)) this.error = messageOf(error);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Asks again whether the review is out (the waiting screen's "Check now", and every few seconds). */
  async refresh(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const generation = this.#generation;
    try {
      const seat = await client.seat({ token: this.#token });
      if (generation !== this.#generation) return;
      if (seat.reviewReleased && seat.attempt.status === 'submitted') await this.#showReview(generation);
      else if (seat.sessionState === 'ended' && !this.#ended) this.#close('ended');
      this.error = null;
    } catch (error) {
      // In the quiz a failed check says nothing: the next answer's own error will, if it lasts.
      // After the end there is nothing left to do: a server that has gone (the teacher started
      // another session) leaves the end screen as it is.
      if (generation === this.#generation && !this.#closedBy(error) && this.stage.name !== 'quiz' && !this.#ended) {
        this.error = messageOf(error);
      }
    }
  }

  /** The quiz handed in: the review if it is out, else the wait for it. */
  submitted(review: Review | null): void {
    this.#generation++;
    if (review) this.#setStage({ name: 'review', review });
    else this.#setStage({ name: 'waiting' });
  }

  /** Leaves the quiz for the join screen; the seat stays remembered, to return to. */
  leaveSeat(): void {
    this.#generation++;
    this.#setStage({ name: 'join' });
    this.remembered = rememberedSeat(this.#options.storage);
  }

  /** Leaves the review or a closed seat. A review's seat is kept: the student may come back to it. */
  finish(): void {
    this.#generation++;
    if (this.stage.name === 'closed') forgetSeat(this.#options.storage);
    this.#setStage({ name: 'join' });
    this.remembered = rememberedSeat(this.#options.storage);
  }

  async #enter(seat: SeatView, generation: number): Promise<void> {
    const client = this.#client;
    if (!client) return;
    if (seat.attempt.status === 'in-progress' && seat.sessionState !== 'ended') {
      this.#setStage({
        name: 'quiz',
        run: new QuizRun(seat.attempt, this.#watched(seatAttemptClient(client, this.#token)), this.#options.storage),
      });
    } else if (seat.reviewReleased) {
      await this.#showReview(generation);
    } else if (seat.sessionState === 'ended') {
      this.#close('ended');
    } else {
      this.#setStage({ name: 'waiting' });
    }
  }

  async #showReview(generation: number): Promise<void> {
    const client = this.#client;
    if (!client) return;
    try {
      const review = await client.review({ token: this.#token });
      if (generation === this.#generation) this.#setStage({ name: 'review', review });
    } catch (error) {
      if (generation === this.#generation && !this.#closedBy(error)) this.error = messageOf(error);
    }
  }

  /** The seat's client, watched: a refusal saying the seat has closed ends the quiz at once. */
  #watched(client: AttemptClient): AttemptClient {
    const watch = <T>(call: Promise<T>): Promise<T> =>
      call.catch((error: unknown) => {
        this.#closedBy(error);
        throw error;
      });
    return { answer: (input) => watch(client.answer(input)), submit: (input) => watch(client.submit(input)) };
  }

  /** Whether the error says the seat can do no more (removed, session ended); if so, shows it. */
  #closedBy(error: unknown): boolean {
    if (!(error instanceof ApiError)) return false;
    if (error.reason === 'seat-removed') return (this.#close('removed'), true);
    if (error.reason === 'session-ended') return (this.#close('ended'), true);
    if (error.reason === 'seat-unknown') {
      forgetSeat(this.#options.storage);
      this.remembered = undefined;
    }
    return false;
  }

  #close(why: 'removed' | 'ended'): void {
    if (why === 'ended' && this.#ended) return;
    this.#generation++;
    this.#setStage({ name: 'closed', why });
  }

  /** Whether the end screen shows. */
  get #ended(): boolean {
    return this.stage.name === 'closed' && this.stage.why === 'ended';
  }

  #setStage(stage: SessionStage): void {
    this.stage = stage;
    this.error = null;
    this.#stopChecks();
    // An open seat, a waiting one and an ended one ask the session now and then: is the seat
    // still open, is the review out? (The session's server keeps answering after the end.)
    if (stage.name === 'quiz' || stage.name === 'waiting' || (stage.name === 'closed' && stage.why === 'ended')) {
      this.#timer = setInterval(() => void this.refresh(), SEAT_CHECK_MS);
    }
  }

  #stopChecks(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
