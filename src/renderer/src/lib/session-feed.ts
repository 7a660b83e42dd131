import { SESSION_EVENTS_PATH } from '../../../shared/channels.ts';
import type { SessionEvent, SessionStatus, WatchSession } from '../../../shared/contract.ts';

// The live dashboard's subscription, for any screen that shows a running session (the
// teacher's dashboard, the projector view). The service pushes a snapshot and then updates; in
// the desktop app they come over IPC (the preload's watchSession), in a browser as server-sent
// events from the teacher's own loopback server. `watchSessionStatus` turns either into a
// stream of whole statuses.

/** How long a browser waits before opening a refused or closed stream again. */
const REOPEN_MS = 2_000;

/** The transport of this page: the desktop app's push, or server-sent events. */
export function sessionFeed(): WatchSession {
  return window.evidentFeed?.watchSession ?? eventSourceFeed();
}

export function eventSourceFeed(base = '', reopenMs = REOPEN_MS): WatchSession {
  return (sessionId, onEvent, onProblem) => {
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(`${base}${SESSION_EVENTS_PATH}?sessionId=${encodeURIComponent(sessionId)}`);
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
 * The status after `event`: a snapshot replaces it; an update replaces the students it carries
 * (a new one goes at the end, as it joined), drops the deleted ones and takes the session's
 * fields and the class figures. An update older than what `current` already shows (a control's
 * reply can overtake the push) is left out, and applying one twice changes nothing.
 */
export function applySessionEvent(current: SessionStatus | null, event: SessionEvent): SessionStatus | null {
  if (event.kind === 'snapshot') return event.status;
  const update = event.update;
  if (!current || current.sessionId !== update.sessionId || update.version < current.version) return current;
  const changed = new Map(update.students.map((s) => [s.attemptId, s]));
  const deleted = new Set(update.deletedAttemptIds);
  const students = current.students.flatMap((s) => {
    if (deleted.has(s.attemptId)) return [];
    const next = changed.get(s.attemptId);
    changed.delete(s.attemptId);
    return [next ?? s];
  });
  students.push(...changed.values());
  const { students: _changed, deletedAttemptIds: _deleted, serverProblem, ...fields } = update;
  const { serverProblem: _old, ...rest } = current;
  return { ...rest, ...fields, ...(serverProblem === undefined ? {} : { serverProblem }), students };
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
