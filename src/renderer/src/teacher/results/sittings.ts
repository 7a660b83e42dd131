import type { ResultsOverview, ResultsSession } from '../../../../shared/results-overview-contract.ts';

// How a teacher finds a sitting: class sessions newest first with weekday, date and time, and
// practice outside a session grouped by the teacher's own calendar days. Days are local: a
// practice attempt at 00:30 on Wednesday belongs to Wednesday here, whatever UTC says.

/** A local calendar day, `YYYY-MM-DD`. */
export type LocalDay = string;

export interface PracticeDay {
  day: LocalDay;
  attempts: number;
  submitted: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day an instant falls on. */
export function localDay(iso: string): LocalDay {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local day as instants: from its first moment (inclusive) to the next day's (exclusive), as the service's filter takes them. */
export function dayRange(day: LocalDay): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d).toISOString(), to: new Date(y, m - 1, d + 1).toISOString() };
}

/**
 * The teacher's date-range filter (two date fields, either may be empty) as instants: from the
 * start of the first day to the end of the last, both days included. A range given backwards is
 * read the right way round.
 */
export function dateRange(fromDay: string, toDay: string): { from?: string; to?: string } {
  const valid = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day);
  let first = valid(fromDay) ? fromDay : '';
  let last = valid(toDay) ? toDay : '';
  if (first && last && first > last) [first, last] = [last, first];
  return { ...(first ? { from: dayRange(first).from } : {}), ...(last ? { to: dayRange(last).to } : {}) };
}

/** Practice attempts by local day, newest day first. */
export function practiceDays(practice: ResultsOverview['practice']): PracticeDay[] {
  const days = new Map<LocalDay, PracticeDay>();
  for (const attempt of practice) {
    const day = localDay(attempt.startedAt);
    const entry = days.get(day) ?? { day, attempts: 0, submitted: 0 };
    entry.attempts++;
    if (attempt.submitted) entry.submitted++;
    days.set(day, entry);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

const DAY_FORMAT: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const TIME_FORMAT: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** "Tuesday, 24 November 2026" in the teacher's language. */
export function dayLabel(day: LocalDay, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(locale, DAY_FORMAT);
}

/** A session as the teacher looks for it: "Tuesday, 24 November 2026, 10:15". */
export function sessionLabel(session: Pick<ResultsSession, 'startedAt'>, locale?: string): string {
  const start = new Date(session.startedAt);
  return `${start.toLocaleDateString(locale, DAY_FORMAT)}, ${start.toLocaleTimeString(locale, TIME_FORMAT)}`;
}

/**
 * The sessions a teacher looks through for a sitting: those someone joined. A session nobody
 * joined has no results (a test run, a class that went elsewhere); they are counted, not listed,
 * so that last Tuesday's session is not buried under them.
 */
export function joinedSessions<S extends Pick<ResultsSession, 'students'>>(sessions: readonly S[]): { joined: S[]; empty: number } {
  const joined = sessions.filter((s) => s.students > 0);
  return { joined, empty: sessions.length - joined.length };
}

/** "2 sessions nobody joined are not listed." */
export function emptySessionsNote(empty: number): string {
  return empty === 1 ? '1 session nobody joined is not listed.' : `${empty} sessions nobody joined are not listed.`;
}

/** "23 students, 21 submitted" */
export function sessionCounts(session: Pick<ResultsSession, 'students' | 'submitted'>): string {
  if (session.students === 0) return 'nobody joined';
  return `${session.students} ${session.students === 1 ? 'student' : 'students'}, ${session.submitted} submitted`;
}

export function practiceCounts(day: PracticeDay): string {
  return `${day.attempts} ${day.attempts === 1 ? 'attempt' : 'attempts'}, ${day.submitted} submitted`;
}

/** Seconds as the attempt view shows time spent: "45 s", "2 min 05 s", "1 h 02 min". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}
