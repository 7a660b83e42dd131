import type { ProjectorStatus } from '../../../shared/contract.ts';
import type { Client } from './api.ts';
import { qrDataUrl } from './qr.ts';
import { messageOf } from './quiz-run.svelte.ts';

/** What the projector view needs of the service: one channel, which carries nothing but the wall's figures. */
export type ProjectorClient = Pick<Client, 'projectorStatus'>;

/** How often the projector asks for the joined count: a count a class watches climb, not a race. */
export const PROJECTOR_POLL_MS = 1_000;

/** What the wall shows: the session, nothing running yet, or the session that just ended. */
export type ProjectorShown =
  { name: 'loading' } | { name: 'none' } | { name: 'running'; status: ProjectorStatus } | { name: 'ended'; title: string };

export interface ProjectorOptions {
  qr?: (text: string) => Promise<string>;
  pollMs?: number;
}

/**
 * The projector view's state, outside any component. It asks the service's `projectorStatus`
 * (the running session's join address, code and joined count) every second. That channel is
 * not a teacher channel, so the wall keeps its code when the teacher's side locks after idle
 * time, and it holds no names, scores, questions or evidence to leak, whatever the page draws.
 */
export class ProjectorView {
  #shown = $state<ProjectorShown>({ name: 'loading' });
  #qr = $state<string | null>(null);
  #problem = $state<string | null>(null);
  #client: ProjectorClient;
  #makeQr: (text: string) => Promise<string>;
  #pollMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #qrFor: string | null = null;
  #stopped = false;

  constructor(client: ProjectorClient, options: ProjectorOptions = {}) {
    this.#client = client;
    this.#makeQr = options.qr ?? qrDataUrl;
    this.#pollMs = options.pollMs ?? PROJECTOR_POLL_MS;
  }

  get shown(): ProjectorShown {
    return this.#shown;
  }
  get qr(): string | null {
    return this.#qr;
  }
  /** Why the figures may be stale (the service did not answer); null while they are fresh. */
  get problem(): string | null {
    return this.#problem;
  }

  /** Asks now, then every second until stopped. */
  start(): void {
    this.#stopped = false;
    void this.refresh();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    try {
      const status = await this.#client.projectorStatus({});
      if (this.#stopped) return;
      this.#problem = null;
      this.#apply(status);
    } catch (error) {
      if (this.#stopped) return;
      this.#problem = messageOf(error);
    }
    if (!this.#stopped) this.#timer = setTimeout(() => void this.refresh(), this.#pollMs);
  }

  #apply(status: ProjectorStatus | null): void {
    const before = this.#shown;
    if (status) {
      this.#shown = { name: 'running', status };
      this.#drawQr(status.joinUrl);
    } else if (before.name === 'running' || before.name === 'ended') {
      // The session that was on the wall has ended: the class is told so, not shown a blank.
      this.#shown = { name: 'ended', title: before.name === 'running' ? before.status.title : before.title };
    } else {
      this.#shown = { name: 'none' };
    }
  }

  #drawQr(url: string): void {
    if (url === this.#qrFor) return;
    this.#qrFor = url;
    this.#qr = null;
    void this.#makeQr(url).then(
      (data) => {
        if (this.#qrFor === url) this.#qr = data;
      },
      () => {},
    );
  }
}
