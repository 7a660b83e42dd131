import type { SessionEvent, SessionStatus } from '../../../shared/contract.ts';

// The dashboard's copy of a running session, kept from the pushed events (session-feed.ts).
// No DOM here: the tests check it against the service's own status in plain Node.

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
