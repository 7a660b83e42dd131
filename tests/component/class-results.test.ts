import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import TeacherScreen from '../../src/renderer/src/TeacherScreen.svelte';
import { ApiError, type Client } from '../../src/renderer/src/lib/api.ts';
import { ClassResults, type ClassResultsClient } from '../../src/renderer/src/lib/class-results.svelte.ts';
import type { AttemptDetail, AttemptSummary, QuizResults } from '../../src/shared/contract.ts';
import type { ResultsOverview } from '../../src/shared/results-overview-contract.ts';
import { dayRange, joinedSessions, localDay } from '../../src/renderer/src/teacher/results/sittings.ts';
import type { LibraryEntry } from '../../src/shared/library-contract.ts';
import { installDialog } from './dialog-polyfill.ts';

// The teacher's Class results: the state class with a fake service, and the screen on top of it.

/** A library entry as the teacher's library lists it (published or not). */
const quiz = (id: string, title: string, attemptCount = 1, status: LibraryEntry['status'] = 'published'): LibraryEntry => ({
  quizId: id,
  title,
  origin: 'own',
  status,
  offered: status === 'published',
  questionCount: 1,
  problemCount: 0,
  attemptCount,
  version: 1,
  updatedAt: '2025-01-01T00:00:00.000Z',
  words: 100,
  readingMinutes: 1,
});

const attempt = (n: number, studentName: string, quizId: string): AttemptSummary => ({
  attemptId: `6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6${n}`,
  quizId,
  title: quizId,
  studentName,
  status: 'submitted',
  startedAt: '2025-01-01T00:00:00.000Z',
  submittedAt: '2025-01-01T00:10:00.000Z',
  answered: 1,
  questionCount: 1,
  points: n % 2,
  maxPoints: 1,
  percentage: (n % 2) * 100,
});

const results = (quizId: string, title: string, attempts: AttemptSummary[]): QuizResults => ({
  quizId,
  title,
  article: {
    headline: 'Council meets',
    source: {},
    paragraphs: [{ id: 'p1', number: 1, sentences: [{ id: 'p1.s1', text: 'The council met.' }] }],
  },
  version: 1,
  versions: [{ version: 1, attempts: attempts.length, current: true }],
  attempts,
  questions: [
    {
      questionId: 'q1',
      number: 1,
      prompt: 'Did it meet?',
      type: 'true-false-not-given',
      skill: 'detail',
      answered: attempts.length,
      facility: 0.5,
      averagePoints: 0.5,
      discrimination: null,
      flagged: false,
    },
  ],
  sentences: [{ sentenceId: 'p1.s1', missed: 1, answered: 2 }],
  unreadable: [],
  reliability: { alpha: null, method: 'KR-20', attempts: attempts.length, reason: 'too few attempts' },
});

const TUESDAY = '2026-11-24T09:15:00.000Z';
const THURSDAY = '2026-11-26T13:40:00.000Z';
/** Council has two class sessions (Thursday's newest) and practice on two days; Rivers none. */
const overview = (quizId: string): ResultsOverview =>
  quizId === 'council'
    ? {
        quizId,
        sessions: [
          { sessionId: '0b7d0d7e-6a43-4c5e-8f51-2c9d0f4a1b02', startedAt: THURSDAY, state: 'open', students: 1, submitted: 0 },
          {
            sessionId: '0b7d0d7e-6a43-4c5e-8f51-2c9d0f4a1b01',
            startedAt: TUESDAY,
            endedAt: '2026-11-24T10:00:00.000Z',
            state: 'ended',
            students: 23,
            submitted: 21,
          },
        ],
        practice: [
          { startedAt: '2026-11-25T12:00:00.000Z', submitted: true },
          { startedAt: '2026-11-25T12:30:00.000Z', submitted: false },
          { startedAt: '2026-11-20T12:00:00.000Z', submitted: true },
        ],
      }
    : { quizId, sessions: [], practice: [] };

/** A fake service whose results replies the test releases one by one, in any order. */
function fakeService() {
  const stored: Record<string, AttemptSummary[]> = {
    council: [attempt(1, 'Ada', 'council'), attempt(2, 'Grace', 'council')],
    rivers: [attempt(3, 'Alan', 'rivers')],
  };
  const titles: Record<string, string> = { council: 'Council meets', rivers: 'Rivers' };
  const pending: { quizId: string; release: () => void; fail: (e: unknown) => void }[] = [];
  let hold = false;
  const client = {
    libraryList: vi.fn<ClassResultsClient['libraryList']>(async () => [quiz('council', 'Council meets'), quiz('rivers', 'Rivers')]),
    quizResults: vi.fn<ClassResultsClient['quizResults']>(({ quizId }) => {
      const reply = () => results(quizId, titles[quizId] ?? quizId, [...(stored[quizId] ?? [])]);
      if (!hold) return Promise.resolve(reply());
      return new Promise((resolve, reject) => pending.push({ quizId, release: () => resolve(reply()), fail: reject }));
    }),
    deleteAttempt: vi.fn<ClassResultsClient['deleteAttempt']>(async ({ attemptId }) => {
      for (const id of Object.keys(stored)) stored[id] = (stored[id] ?? []).filter((a) => a.attemptId !== attemptId);
      return { deleted: true as const };
    }),
    resultsOverview: vi.fn<ClassResultsClient['resultsOverview']>(async ({ quizId }) => overview(quizId)),
    attemptDetail: vi.fn<ClassResultsClient['attemptDetail']>(async ({ attemptId }) => detailOf(attemptId)),
    overrideMark: vi.fn<ClassResultsClient['overrideMark']>(async ({ attemptId }) => detailOf(attemptId)),
    exportCsv: vi.fn<ClassResultsClient['exportCsv']>(async ({ kind, quizId }) => ({
      filename: `${quizId}-${kind}.csv`,
      mediaType: 'text/csv' as const,
      content: '\uFEFFstudent\r\nAda\r\n',
      unreadable: kind === 'responses' ? [{ attemptId: 'x', questionId: 'q1', problem: 'not a response' }] : [],
    })),
  };
  const detailOf = (attemptId: string): AttemptDetail => {
    const attempt = Object.values(stored)
      .flat()
      .find((a) => a.attemptId === attemptId);
    if (!attempt) throw new Error(`no attempt ${attemptId}`);
    return { attempt, quizVersion: 1, questions: [], unreadable: [] };
  };
  return { client, pending, hold: (on: boolean) => (hold = on) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(() => installDialog());

describe('ClassResults', () => {
  it('lists the quizzes and loads the first one’s results', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    expect(model.quizzes.map((q) => q.id)).toEqual(['council', 'rivers']);
    expect(model.quizId).toBe('council');
    expect(fake.client.quizResults).toHaveBeenCalledWith({ quizId: 'council' });
    expect(model.results?.attempts.map((a) => a.studentName)).toEqual(['Ada', 'Grace']);
    expect(model.submitted).toBe(2);
    expect(model.missed.get('p1.s1')).toBe(1);
    expect(model.answered.get('p1.s1')).toBe(2);
  });

  it('lists every quiz of the library, unpublished ones too, those with attempts first', async () => {
    const fake = fakeService();
    fake.client.libraryList.mockResolvedValueOnce([
      quiz('draft', 'Not yet written', 0, 'draft'),
      quiz('rivers', 'Rivers', 1, 'ready'),
      quiz('council', 'Council meets', 2),
    ]);
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    expect(model.quizzes.map((q) => q.id)).toEqual(['rivers', 'council', 'draft']);
    expect(model.quizId).toBe('rivers');
    expect(model.results?.attempts.map((a) => a.studentName)).toEqual(['Alan']);
  });

  it('shows another quiz when chosen', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    await model.choose('rivers');
    expect(model.quizId).toBe('rivers');
    expect(model.results?.title).toBe('Rivers');
    expect(model.results?.attempts.map((a) => a.studentName)).toEqual(['Alan']);
  });

  it('drops a slow reply for a quiz the teacher has already left', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    fake.hold(true);
    const first = model.choose('rivers');
    const second = model.choose('council');
    expect(fake.pending.map((p) => p.quizId)).toEqual(['rivers', 'council']);
    fake.pending[1]?.release();
    await second;
    expect(model.results?.title).toBe('Council meets');
    fake.pending[0]?.release(); // the older reply arrives last
    await first;
    expect(model.quizId).toBe('council');
    expect(model.results?.title).toBe('Council meets');
  });

  it('drops a stale failure too: an old request’s error does not cover the newer results', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    fake.hold(true);
    const first = model.choose('rivers');
    const second = model.choose('council');
    fake.pending[1]?.release();
    await second;
    fake.pending[0]?.fail(new Error('the service is busy'));
    await first;
    expect(model.error).toBeNull();
    expect(model.results?.title).toBe('Council meets');
  });

  it('asks before deleting, deletes only on confirmation, then reloads', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    const ada = model.results?.attempts[0];
    if (!ada) throw new Error('no attempt');
    model.askDelete(ada);
    expect(model.deleting?.studentName).toBe('Ada');
    model.cancelDelete();
    expect(model.deleting).toBeNull();
    expect(fake.client.deleteAttempt).not.toHaveBeenCalled();

    model.askDelete(ada);
    await model.confirmDelete();
    expect(fake.client.deleteAttempt).toHaveBeenCalledWith({ attemptId: ada.attemptId });
    expect(model.deleting).toBeNull();
    expect(fake.client.quizResults).toHaveBeenCalledTimes(2);
    expect(model.results?.attempts.map((a) => a.studentName)).toEqual(['Grace']);
    expect(model.notice).toBe('Deleted the attempt of Ada.');
  });

  it('shows the service’s error as a sentence, and clears it when results come', async () => {
    const fake = fakeService();
    fake.client.quizResults.mockRejectedValueOnce(
      new ApiError({ code: 'forbidden', reason: 'locked', message: 'the teacher’s side is locked' }),
    );
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    expect(model.results).toBeNull();
    expect(model.error).toBe('The teacher’s side is locked');
    await model.reload();
    expect(model.error).toBeNull();
    expect(model.results?.title).toBe('Council meets');
  });

  it('shows a failed quiz list and a failed delete', async () => {
    const fake = fakeService();
    fake.client.libraryList.mockRejectedValueOnce(new Error('the library could not be read'));
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    expect(model.error).toBe('The library could not be read');
    expect(fake.client.quizResults).not.toHaveBeenCalled();

    await model.start();
    const ada = model.results?.attempts[0];
    if (!ada) throw new Error('no attempt');
    fake.client.deleteAttempt.mockRejectedValueOnce(new Error('no such attempt'));
    model.askDelete(ada);
    await model.confirmDelete();
    expect(model.error).toBe('No such attempt');
    expect(model.notice).toBe('');
    expect(model.results?.attempts).toHaveLength(2);
  });

  it('exports each CSV for the chosen quiz, saves it, and says what was left out', async () => {
    const fake = fakeService();
    const download = vi.fn();
    const model = new ClassResults(fake.client, { download });
    await model.start();
    await model.choose('rivers');
    await model.exportCsv('attempts');
    expect(fake.client.exportCsv).toHaveBeenLastCalledWith({ kind: 'attempts', quizId: 'rivers' });
    expect(download).toHaveBeenLastCalledWith('rivers-attempts.csv', 'text/csv', '\uFEFFstudent\r\nAda\r\n');
    expect(model.notice).toBe('Saved rivers-attempts.csv.');
    await model.exportCsv('responses');
    expect(fake.client.exportCsv).toHaveBeenLastCalledWith({ kind: 'responses', quizId: 'rivers' });
    expect(download).toHaveBeenCalledTimes(2);
    expect(model.notice).toBe('Saved rivers-responses.csv. 1 unreadable stored record was left out (listed below).');
  });

  it('asks for the attempts the filters keep, and exports the gradebook with the same filters', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    model.studentName = '  ad ';
    model.status = 'submitted';
    await model.reload();
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'council', studentName: 'ad', status: 'submitted' });
    await model.exportCsv('gradebook');
    expect(fake.client.exportCsv).toHaveBeenLastCalledWith({
      kind: 'gradebook',
      quizId: 'council',
      studentName: 'ad',
      status: 'submitted',
    });
    model.studentName = '';
    model.status = '';
    await model.reload();
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'council' });
  });
});

describe('ClassResults: sessions, days, dates and versions', () => {
  it('lists the quiz’s sessions newest first and its practice by local day, newest first', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    expect(fake.client.resultsOverview).toHaveBeenCalledWith({ quizId: 'council' });
    expect(model.sessions.map((s) => s.startedAt)).toEqual([THURSDAY, TUESDAY]);
    expect(model.practiceDays.map((d) => [d.day, d.attempts, d.submitted])).toEqual([
      [localDay('2026-11-25T12:00:00.000Z'), 2, 1],
      [localDay('2026-11-20T12:00:00.000Z'), 1, 1],
    ]);
    await model.choose('rivers');
    expect(model.sessions).toEqual([]);
    expect(model.practiceDays).toEqual([]);
  });

  it('asks for one session’s attempts, or one day’s practice, and exports the same attempts', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    const tuesday = model.sessions[1]!;
    await model.chooseSitting({ kind: 'session', session: tuesday });
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'council', sessionId: tuesday.sessionId });
    // The weekday and the date, in the teacher's own language and time zone.
    expect(model.sittingLabel).toMatch(/^Class session of Tuesday, .*\b24\b.*2026, .*\d\d:\d\d/);
    expect(model.sittingLabel).toContain(new Date(TUESDAY).toLocaleDateString(undefined, { month: 'long' }));
    await model.exportCsv('gradebook');
    expect(fake.client.exportCsv).toHaveBeenLastCalledWith({ kind: 'gradebook', quizId: 'council', sessionId: tuesday.sessionId });

    const day = model.practiceDays[0]!;
    await model.chooseSitting({ kind: 'practice', day });
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'council', practice: true, ...dayRange(day.day) });
    await model.chooseSitting({ kind: 'all' });
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'council' });
  });

  it('turns the date range into instants from the first day’s start to the last day’s end, and narrows the lists', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    await model.chooseSitting({ kind: 'session', session: model.sessions[1]! });
    model.fromDay = '2026-11-25';
    model.toDay = '2026-11-26';
    await model.applyFilters();
    // Tuesday's session is outside the range: the results go back to every attempt in it.
    expect(model.sitting.kind).toBe('all');
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({
      quizId: 'council',
      from: dayRange('2026-11-25').from,
      to: dayRange('2026-11-26').to,
    });
    expect(model.sessions.map((s) => s.startedAt)).toEqual([THURSDAY]);
    expect(model.practiceDays.map((d) => d.day)).toEqual([localDay('2026-11-25T12:00:00.000Z')]);
    // Backwards is read the right way round.
    model.fromDay = '2026-11-26';
    model.toDay = '2026-11-25';
    await model.applyFilters();
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({
      quizId: 'council',
      from: dayRange('2026-11-25').from,
      to: dayRange('2026-11-26').to,
    });
    expect(model.sessions).toHaveLength(1);
  });

  it('offers the versions the service reports and asks for the one chosen', async () => {
    const fake = fakeService();
    const versions = [
      { version: 2, attempts: 1, current: true },
      { version: 1, attempts: 5, current: false },
    ];
    fake.client.quizResults.mockImplementation(async ({ quizId }) => ({
      ...results(quizId, 'Council meets', []),
      version: 2,
      versions,
    }));
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    expect(model.versions).toEqual(versions);
    expect(model.shownVersion).toBe(2);
    await model.chooseVersion(1);
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'council', version: 1 });
    await model.choose('rivers');
    expect(model.version).toBeNull();
  });

  it('opens an attempt, and reloads the results on the way back only when a mark changed', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    const ada = model.results!.attempts[0]!;
    await model.openAttempt(ada);
    expect(model.attempt?.detail?.attempt.studentName).toBe('Ada');
    const calls = fake.client.quizResults.mock.calls.length;
    await model.closeAttempt();
    expect(model.attempt).toBeNull();
    expect(fake.client.quizResults).toHaveBeenCalledTimes(calls);

    await model.openAttempt(ada);
    await model.attempt!.override({ questionId: 'q1', number: 1 } as AttemptDetail['questions'][number], { correct: true }, '  spelling  ');
    expect(fake.client.overrideMark).toHaveBeenLastCalledWith({
      attemptId: ada.attemptId,
      questionId: 'q1',
      correct: true,
      reason: 'spelling',
    });
    await model.closeAttempt();
    expect(fake.client.quizResults).toHaveBeenCalledTimes(calls + 1);
  });

  it('prints a page per attempt listed, in name order', async () => {
    const fake = fakeService();
    const model = new ClassResults(fake.client, { download: vi.fn() });
    await model.start();
    await model.openReport();
    expect(model.report?.pages.map((p) => p.attempt.studentName)).toEqual(['Ada', 'Grace']);
    expect(model.report?.sitting).toBe('All attempts');
    model.closeReport();
    expect(model.report).toBeNull();
  });
});

describe('TeacherScreen', () => {
  function renderScreen() {
    const fake = fakeService();
    const ondone = vi.fn();
    render(TeacherScreen, { client: fake.client as unknown as Client, ondone });
    return { fake, ondone };
  }

  it('shows the attempts and switches quiz from the select', async () => {
    const { fake } = renderScreen();
    expect(await screen.findByRole('heading', { name: 'Council meets: 2 attempts, 2 submitted' })).toBeTruthy();
    const attempts = screen.getByRole('region', { name: /Council meets: 2 attempts/ });
    expect(
      within(attempts)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['Ada', 'Grace']);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Quiz' }), { target: { value: 'rivers' } });
    expect(await screen.findByRole('heading', { name: 'Rivers: 1 attempt, 1 submitted' })).toBeTruthy();
    expect(fake.client.quizResults).toHaveBeenLastCalledWith({ quizId: 'rivers' });
  });

  it('asks in a dialog before deleting, then lists the attempts without it', async () => {
    const { fake } = renderScreen();
    await fireEvent.click(await screen.findByRole('button', { name: /^Delete ?the attempt of Ada$/ }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this attempt?' });
    expect(dialog.textContent).toContain('The attempt of Ada and all its answers will be deleted.');
    expect(fake.client.deleteAttempt).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Deleted the attempt of Ada.'));
    expect(await screen.findByRole('heading', { name: 'Council meets: 1 attempt, 1 submitted' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Delete ?the attempt of Ada$/ })).toBeNull();
  });

  it('shows an error from the service in an alert', async () => {
    const fake = fakeService();
    fake.client.quizResults.mockRejectedValueOnce(new Error('the results could not be read'));
    render(TeacherScreen, { client: fake.client as unknown as Client, ondone: vi.fn() });
    expect((await screen.findByRole('alert')).textContent).toBe('The results could not be read');
    await flush();
    expect(screen.queryByRole('heading', { name: /attempts,/ })).toBeNull();
  });

  it('lists only the class sessions someone joined, and counts those nobody joined', async () => {
    const fake = fakeService();
    const empty = (n: number, startedAt: string) => ({
      sessionId: `0b7d0d7e-6a43-4c5e-8f51-2c9d0f4a1c0${n}`,
      startedAt,
      endedAt: startedAt,
      state: 'ended' as const,
      students: 0,
      submitted: 0,
    });
    const tuesday = {
      sessionId: '0b7d0d7e-6a43-4c5e-8f51-2c9d0f4a1b01',
      startedAt: TUESDAY,
      state: 'ended' as const,
      students: 23,
      submitted: 21,
    };
    // Two empty sessions after Tuesday's (newest first, as the service lists them).
    fake.client.resultsOverview.mockResolvedValue({
      quizId: 'council',
      sessions: [empty(1, THURSDAY), empty(2, '2026-11-25T08:00:00.000Z'), tuesday],
      practice: [],
    });
    render(TeacherScreen, { client: fake.client as unknown as Client, ondone: vi.fn() });
    const sittings = await screen.findByRole('navigation', { name: 'Sessions and days' });
    await waitFor(() => expect(within(sittings).getByText('2 sessions nobody joined are not listed.')).toBeTruthy());
    const listed = within(within(sittings).getByRole('list', { name: 'Class sessions' })).getAllByRole('button');
    expect(listed.map((b) => b.textContent)).toEqual([expect.stringContaining('23 students, 21 submitted')]);
    expect(within(sittings).queryByText(/nobody joined$/)).toBeNull();

    // Only empty sessions: no list, and the teacher is told why.
    fake.client.resultsOverview.mockResolvedValue({ quizId: 'rivers', sessions: [empty(3, THURSDAY)], practice: [] });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Quiz' }), { target: { value: 'rivers' } });
    await waitFor(() => expect(within(sittings).getByText('1 session nobody joined is not listed.')).toBeTruthy());
    expect(within(sittings).getByText('Nobody has joined a class session of this quiz.')).toBeTruthy();
    expect(within(sittings).queryByRole('list', { name: 'Class sessions' })).toBeNull();
    expect(joinedSessions([tuesday, empty(4, THURSDAY)])).toEqual({ joined: [tuesday], empty: 1 });
  });

  it('gives each section heading an id of its own', async () => {
    renderScreen();
    const heading = await screen.findByRole('heading', { name: /Council meets: 2 attempts/ });
    expect(heading.id).not.toBe('');
    expect(heading.id).not.toBe('attempts-title');
    expect(screen.getByRole('region', { name: 'Questions' })).toBeTruthy();
  });
});
