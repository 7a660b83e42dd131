import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/service/dispatch.ts';
import type { SessionRecord } from '../../src/service/store/sessions.ts';
import { fakeClock, seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

// The teacher's way into a quiz's results: its class sessions, newest first, with their seats
// counted, and the attempts outside any session (practice); quizResults and the CSVs then take
// `practice` to show only those.

let harness: Harness;
afterEach(() => harness?.close());

const quiet = () => {};
const quiz = seedQuiz();
const HOUR = 3_600_000;

const session = (id: string, createdAt: string, endedAt: string | null): SessionRecord => ({
  id,
  quizId: quiz.id,
  settings: { shuffle: false },
  joinCode: 'ABCDEF',
  state: endedAt ? 'ended' : 'open',
  reviewReleased: false,
  host: '127.0.0.1',
  port: 4000,
  createdAt,
  endedAt,
});
const TUESDAY = '33333333-3333-4333-8333-333333333331';
const THURSDAY = '33333333-3333-4333-8333-333333333332';
const EMPTY = '33333333-3333-4333-8333-333333333333';

/** Tuesday's session seats Ada (submitted) and Bea; Thursday's seats Cy; Dee and Eve practise alone; a third session had nobody. */
function aWeekOfClasses() {
  const clock = fakeClock('2026-11-24T09:00:00.000Z');
  harness = serviceHarness({ now: clock.now });
  const start = (studentName: string) =>
    harness.service.startAttempt({ quizId: quiz.id, studentName, settings: { feedback: 'deferred', shuffle: false } }).attemptId;
  const seat = (sessionId: string, attemptId: string, name: string) =>
    harness.store.insertSeat({
      tokenHash: attemptId.replaceAll('-', '').padEnd(64, '0'),
      sessionId,
      attemptId,
      name,
      removed: false,
      joinedAt: clock.now().toISOString(),
    });

  harness.store.insertSession(session(TUESDAY, clock.now().toISOString(), '2026-11-24T10:00:00.000Z'));
  const ada = start('Ada');
  const bea = start('Bea');
  seat(TUESDAY, ada, 'Ada');
  seat(TUESDAY, bea, 'Bea');
  harness.service.submit({ attemptId: ada });
  clock.advance(5 * HOUR);
  const dee = start('Dee');
  clock.advance(48 * HOUR);
  harness.store.insertSession(session(THURSDAY, clock.now().toISOString(), null));
  const cy = start('Cy');
  seat(THURSDAY, cy, 'Cy');
  clock.advance(HOUR);
  const eve = start('Eve');
  harness.service.submit({ attemptId: eve });
  harness.store.insertSession(session(EMPTY, clock.now().toISOString(), '2026-11-26T15:30:00.000Z'));
  return { ada, bea, cy, dee, eve };
}

describe('resultsOverview', () => {
  it('lists the quiz’s sessions newest first with seats and submissions, and the practice attempts newest first', () => {
    aWeekOfClasses();
    const overview = harness.service.resultsOverview({ quizId: quiz.id });
    expect(overview.sessions).toEqual([
      {
        sessionId: EMPTY,
        startedAt: '2026-11-26T15:00:00.000Z',
        endedAt: '2026-11-26T15:30:00.000Z',
        state: 'ended',
        students: 0,
        submitted: 0,
      },
      { sessionId: THURSDAY, startedAt: '2026-11-26T14:00:00.000Z', state: 'open', students: 1, submitted: 0 },
      {
        sessionId: TUESDAY,
        startedAt: '2026-11-24T09:00:00.000Z',
        endedAt: '2026-11-24T10:00:00.000Z',
        state: 'ended',
        students: 2,
        submitted: 1,
      },
    ]);
    expect(overview.practice).toEqual([
      { startedAt: '2026-11-26T15:00:00.000Z', submitted: true },
      { startedAt: '2026-11-24T14:00:00.000Z', submitted: false },
    ]);
    expect(harness.service.resultsOverview({ quizId: 'no-such-quiz' })).toEqual({ quizId: 'no-such-quiz', sessions: [], practice: [] });
  });

  it('is a teacher channel: refused while locked', () => {
    aWeekOfClasses();
    expect(dispatch(harness.guarded, 'resultsOverview', { quizId: quiz.id }, quiet)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', reason: 'locked' },
    });
  });
});

describe('quizResults and the CSVs for practice outside a session', () => {
  it('shows only attempts outside any session, alone or with a day’s range; a session’s stay its own', () => {
    aWeekOfClasses();
    const names = (query: Omit<Parameters<typeof harness.service.quizResults>[0], 'quizId'>) =>
      harness.service.quizResults({ quizId: quiz.id, ...query }).attempts.map((a) => a.studentName);
    expect(names({})).toEqual(['Eve', 'Cy', 'Dee', 'Bea', 'Ada']);
    expect(names({ practice: true })).toEqual(['Eve', 'Dee']);
    expect(names({ practice: true, from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' })).toEqual(['Dee']);
    expect(names({ sessionId: TUESDAY })).toEqual(['Bea', 'Ada']);
    const csv = harness.service.exportCsv({ kind: 'gradebook', quizId: quiz.id, practice: true }).content;
    expect(csv).toContain('Eve');
    expect(csv).not.toMatch(/Ada|Bea|Cy/);
  });
});
