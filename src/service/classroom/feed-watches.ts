import { z } from 'zod';
import { refusal, SessionId, type Envelope, type SessionEvent } from '../../shared/contract.ts';
import { ServiceError } from '../errors.ts';
import type { TeacherWatch } from '../app.ts';

// The desktop app's push of the live dashboard, without Electron: which page (by its
// webContents id) watches which session under which watch id. main/classroom.ts only wires
// ipcMain and the pages' lifetimes to it. A page's watches end with the page.

const WatchId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A page that opens watches without ever closing them is a bug or an attack: bounded either way. */
export const MAX_WATCHES_PER_PAGE = 16;

export type FeedSend = (watchId: number, event: SessionEvent) => void;

export class FeedWatches {
  readonly #watch: TeacherWatch;
  readonly #byPage = new Map<number, Map<number, () => void>>();

  constructor(watch: TeacherWatch) {
    this.#watch = watch;
  }

  /**
   * Starts a watch for `page`; its events go out through `send`. The payloads come from the page:
   * parsed here. `teacherToken` is the page's unlocked teacher session: without it, 'locked'.
   */
  start(page: number, watchId: unknown, sessionId: unknown, teacherToken: unknown, send: FeedSend): Envelope<null> {
    const id = WatchId.safeParse(watchId);
    const session = SessionId.safeParse(sessionId);
    if (!id.success || !session.success) return { ok: false, error: refusal('invalid-request', 'watch a session by its id') };
    const watches = this.#byPage.get(page) ?? new Map<number, () => void>();
    watches.get(id.data)?.();
    watches.delete(id.data);
    if (watches.size >= MAX_WATCHES_PER_PAGE) {
      return { ok: false, error: refusal('invalid-request', `a page may watch at most ${MAX_WATCHES_PER_PAGE} sessions at once`) };
    }
    try {
      const caller = { teacherToken: typeof teacherToken === 'string' ? teacherToken : undefined };
      watches.set(
        id.data,
        this.#watch(session.data, (event) => send(id.data, event), caller),
      );
    } catch (error) {
      if (error instanceof ServiceError) return { ok: false, error: error.toWire() };
      throw error;
    }
    this.#byPage.set(page, watches);
    return { ok: true, value: null };
  }

  stop(page: number, watchId: unknown): void {
    const watches = this.#byPage.get(page);
    if (!watches || typeof watchId !== 'number') return;
    watches.get(watchId)?.();
    watches.delete(watchId);
    if (watches.size === 0) this.#byPage.delete(page);
  }

  /** The page went away or loaded anew. */
  stopPage(page: number): void {
    for (const stop of this.#byPage.get(page)?.values() ?? []) stop();
    this.#byPage.delete(page);
  }

  /** Watches open, over every page. */
  get size(): number {
    let n = 0;
    for (const watches of this.#byPage.values()) n += watches.size;
    return n;
  }
}
