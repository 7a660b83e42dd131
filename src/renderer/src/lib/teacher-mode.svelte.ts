import type { TeacherUnlock } from '../../../shared/contract.ts';
import { ApiError, type Client } from './api.ts';

export type TeacherState = 'checking' | 'no-passphrase' | 'locked' | 'unlocked';

/** What teacher mode needs of the service: the four teacher-mode channels. */
export type TeacherModeClient = Pick<Client, 'teacherStatus' | 'setTeacherPassphrase' | 'unlockTeacher' | 'lockTeacher'>;

const MIN_LENGTH = 8;

/**
 * The teacher's side as this window knows it. The service holds the truth (it refuses every
 * teacher call without a live session); this class holds the session's token, asks for the
 * passphrase, and locks the window after the service's idle time without activity, so that a
 * teacher who walks away leaves nothing open on the screen either.
 */
export class TeacherMode {
  #client: TeacherModeClient | undefined;
  #state = $state<TeacherState>('checking');
  #token: string | undefined;
  #error = $state<string | null>(null);
  #busy = $state(false);
  #lockAfterMs = 15 * 60_000;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onlock: () => void;
  #now: () => number;
  #lastActivity = 0;
  #lastTouch = 0;

  constructor(options: { onlock?: () => void; now?: () => number } = {}) {
    this.#onlock = options.onlock ?? (() => {});
    this.#now = options.now ?? Date.now;
  }

  /** Called whenever an open teacher's side locks (on request, idle, or refused by the service). */
  set onlock(handler: () => void) {
    this.#onlock = handler;
  }

  /** The client is made with this object's token getter, so it arrives after construction. */
  connect(client: TeacherModeClient): void {
    this.#client = client;
  }

  get state(): TeacherState {
    return this.#state;
  }
  get unlocked(): boolean {
    return this.#state === 'unlocked';
  }
  /** Sent with every call while unlocked; undefined otherwise. */
  get token(): string | undefined {
    return this.#state === 'unlocked' ? this.#token : undefined;
  }
  get error(): string | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }

  #api(): TeacherModeClient {
    if (!this.#client) throw new Error('teacher mode is not connected to the service');
    return this.#client;
  }

  async refresh(): Promise<void> {
    try {
      const status = await this.#api().teacherStatus({});
      if (!status.passphraseSet) this.#becomeLocked('no-passphrase');
      else if (!status.unlocked) this.#becomeLocked('locked');
      else this.#state = 'unlocked';
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      this.#state = 'locked';
    }
  }

  /** First use: both fields must agree. Resolves to whether the teacher's side is now open. */
  async setPassphrase(passphrase: string, repeated: string): Promise<boolean> {
    this.#error = null;
    if ([...passphrase].length < MIN_LENGTH) {
      this.#error = `Choose a passphrase of at least ${MIN_LENGTH} characters.`;
      return false;
    }
    if (passphrase !== repeated) {
      this.#error = 'The two passphrases are not the same.';
      return false;
    }
    return this.#open(() => this.#api().setTeacherPassphrase({ passphrase }));
  }

  async unlock(passphrase: string): Promise<boolean> {
    this.#error = null;
    if (passphrase === '') {
      this.#error = 'Enter the teacher’s passphrase.';
      return false;
    }
    return this.#open(() => this.#api().unlockTeacher({ passphrase }));
  }

  async #open(call: () => Promise<TeacherUnlock>): Promise<boolean> {
    this.#busy = true;
    try {
      const { token, lockAfterMinutes } = await call();
      this.#token = token;
      this.#lockAfterMs = lockAfterMinutes * 60_000;
      this.#state = 'unlocked';
      this.#lastTouch = this.#now();
      this.noteActivity();
      return true;
    } catch (e) {
      this.#error = e instanceof ApiError ? sentence(e.message) : 'Evident could not be reached. Try again.';
      if (e instanceof ApiError && e.wire.reason === 'passphrase-set') this.#state = 'locked';
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** Locks at once, here and in the service. */
  async lock(): Promise<void> {
    // The call is made (and reads the token) before the state turns locked.
    const ended = this.#token && this.#client ? this.#client.lockTeacher({}).catch(() => {}) : undefined;
    this.#becomeLocked('locked');
    await ended;
  }

  /** The service said this window's session is over (idle time, a reset): show the lock again. */
  lockedByService(): void {
    if (this.#state === 'unlocked') this.#becomeLocked('locked');
  }

  /**
   * The teacher did something (a click, a key): restart the idle timer. Reading a long results
   * page calls no channel, so the service's session is kept alive from here once a minute.
   */
  noteActivity(): void {
    if (this.#state !== 'unlocked') return;
    this.#lastActivity = this.#now();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.lock(), this.#lockAfterMs);
    if (this.#lastActivity - this.#lastTouch > 60_000 && this.#client) {
      this.#lastTouch = this.#lastActivity;
      void this.#client.teacherStatus({}).then(
        (status) => {
          if (!status.unlocked) this.lockedByService();
        },
        () => {},
      );
    }
  }

  #becomeLocked(state: 'locked' | 'no-passphrase'): void {
    const wasUnlocked = this.#state === 'unlocked';
    clearTimeout(this.#timer);
    this.#token = undefined;
    this.#state = state;
    if (wasUnlocked) this.#onlock();
  }
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
