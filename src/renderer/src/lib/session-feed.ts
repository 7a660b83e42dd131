import { SESSION_EVENTS_PATH } from '../../../shared/channels.ts';
import type { SessionEvent, SessionStatus, WatchSession } from '../../../shared/contract.ts';
import { applySessionEvent } from './session-status.ts';

export { applySessionEvent };

// The live dashboard's subscription, for any screen that shows a running session (the
// teacher's dashboard, the projector view). The service pushes a snapshot and then updates; in
// the desktop app they come over IPC (the preload's watchSession), in a browser as server-sent
// events from the teacher's own loopback server. `watchSessionStatus` turns either into a
// stream of whole statuses.

/** How long a browser waits before opening a refused or closed stream again. */
const REOPEN_MS = 2_000;

/**
 * The transport of this page: the desktop app's push, or server-sent events. `teacherToken` is
 * read at each watch, so a dashboard opened after unlocking carries the live session's token.
 */
export function sessionFeed(teacherToken: () => string | undefined = () => undefined): WatchSession {
  const watch = window.evidentFeed?.watchSession ?? eventSourceFeed();
  return (sessionId, onEvent, onProblem) => watch(sessionId, onEvent, onProblem, teacherToken());
}

export function eventSourceFeed(base = '', reopenMs = REOPEN_MS): WatchSession {
  return (sessionId, onEvent, onProblem, teacherToken) => {
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      // EventSource sends no headers of ours, so the teacher token goes in the query.
      const token = teacherToken ? `&token=${encodeURIComponent(teacherToken)}` : '';
      source = new EventSource(`${base}${SESSION_EVENTS_PATH}?sessionId=${encodeURIComponent(sessionId)}${token}`);
      source.onmessage = (message: MessageEvent<string>) => {
        let event: SessionEvent;
        try {
          event = JSON.parse(message.data) as SessionEvent;
        } catch {
          return onProblem('the live view sent something unreadable; it will refresh');
        }
        onProblem(null);
        onEvent(event);
      };
      source.onerror = () => {
        onProblem('the live view lost its connection to Evident; reconnecting…');
        // EventSource reconnects by itself after a dropped connection, but gives up on a refusal
        // (the server restarting, say): then it is opened again here, a little later.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          clearTimeout(reopen);
          reopen = setTimeout(open, reopenMs);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      source?.close();
    };
  };
}

/**
 * Keeps `onStatus` told of the session's whole status while it runs. `current` is the status
 * the screen shows now (it may also have come from a control's reply). Returns the function
 * that stops watching.
 */
export function watchSessionStatus(
  sessionId: string,
  handlers: {
    current: () => SessionStatus | null;
    onStatus: (status: SessionStatus) => void;
    onProblem: (message: string | null) => void;
  },
  watch: WatchSession = sessionFeed(),
): () => void {
  return watch(
    sessionId,
    (event) => {
      const before = handlers.current();
      const next = applySessionEvent(before, event);
      if (next && next !== before) handlers.onStatus(next);
    },
    handlers.onProblem,
  );
}
