import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import HostScreen from '../../src/renderer/src/classroom/HostScreen.svelte';
import { ApiError } from '../../src/renderer/src/lib/api.ts';
import { HostSession, type HostClient } from '../../src/renderer/src/lib/host-session.svelte.ts';
import type { SessionEvent, SessionStatus, SessionStudent, WatchSession } from '../../src/shared/contract.ts';
import { installDialog } from './dialog-polyfill.ts';

// The host screen's state machine without a screen (a fake service and a fake push feed), and
// the thin screen over it.

const SESSION = '0b6f3d2a-6c1e-4f8e-9d2f-1a2b3c4d5e60';
const student = (n: number, over: Partial<SessionStudent> = {}): SessionStudent => ({
  attemptId: `6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6${n}`,
  name: `Student ${n}`,
  status: 'in-progress',
  removed: false,
  joinedAt: '2025-01-01T00:00:00.000Z',
  answered: 0,
  questionCount: 2,
  points: 0,
  maxPoints: 2,
  percentage: 0,
  ...over,
});
const status = (over: Partial<SessionStatus> = {}): SessionStatus => ({
  sessionId: SESSION,
  quizId: 'quiz',
  title: 'The river',
  settings: { shuffle: false },
  joinCode: 'ABCDEF',
  joinCodeDisplay: 'ABC DEF',
  state: 'open',
  reviewReleased: false,
  host: '127.0.0.1',
  port: 4320,
  joinAddress: '127.0.0.1:4320',
  joinUrl: 'http://127.0.0.1:4320/',
  listening: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  version: 1,
  article: { headline: 'The river', source: {}, paragraphs: [{ id: 'p1', number: 1, sentences: [{ id: 'p1.s1', text: 'It flows.' }] }] },
  students: [],
  questions: [{ questionId: 'q1', number: 1, prompt: 'Where?', answered: 0, correct: 0, shareCorrect: null }],
  sentences: [{ sentenceId: 'p1.s1', missed: 0 }],
  ...over,
});

function fakeClient(over: Partial<HostClient> = {}): HostClient {
  return {
    listQuizzes: vi.fn(async () => [
      { id: 'quiz', title: 'The river', headline: 'The river', source: {}, questionCount: 2, totalPoints: 2, estimatedMinutes: 5 },
    ]),
    listNetworkInterfaces: vi.fn(async () => [{ name: 'lo', address: '127.0.0.1', family: 'IPv4' as const, internal: true }]),
    sessionStatus: vi.fn(async () => null),
    startSession: vi.fn(async () => status()),
    lockJoining: vi.fn(async ({ locked }) => status({ state: locked ? 'locked' : 'open', version: 2 })),
    releaseReview: vi.fn(async () => status({ reviewReleased: true, version: 2 })),
    endSession: vi.fn(async () => status({ state: 'ended', listening: false, version: 2 })),
    removeStudent: vi.fn(async () => status({ students: [student(1, { removed: true })], version: 3 })),
    readmitStudent: vi.fn(async () => status({ students: [student(1)], version: 4 })),
    ...over,
  };
}

/** A push feed the test drives: `push` sends an event to the session being watched. */
function fakeFeed() {
  const watching = new Map<string, { onEvent: (e: SessionEvent) => void; onProblem: (m: string | null) => void }>();
  const stopped: string[] = [];
  const watch: WatchSession = (sessionId, onEvent, onProblem) => {
    watching.set(sessionId, { onEvent, onProblem });
    return () => {
      watching.delete(sessionId);
      stopped.push(sessionId);
    };
  };
  return {
    watch,
    watching,
    stopped,
    push: (event: SessionEvent) => watching.get(SESSION)?.onEvent(event),
    problem: (message: string | null) => watching.get(SESSION)?.onProblem(message),
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const noQr = async (text: string) => `data:text/plain,${encodeURIComponent(text)}`;

async function started(client = fakeClient(), feed = fakeFeed()) {
  const host = new HostSession(client, { watch: feed.watch, qr: noQr });
  await host.load();
  await host.start();
  return { host, client, feed };
}

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
  installDialog();
});

describe('HostSession', () => {
  it('loads the quizzes and networks, picks the first of each, and starts with the form’s choices', async () => {
    const client = fakeClient();
    const host = new HostSession(client, { watch: fakeFeed().watch, qr: noQr });
    expect(host.canStart).toBe(false);
    await host.load();
    expect(host.quizId).toBe('quiz');
    expect(host.host).toBe('127.0.0.1');
    expect(host.canStart).toBe(true);
    host.port = 5000;
    host.shuffle = true;
    host.timeLimit = 20;
    await host.start();
    expect(client.startSession).toHaveBeenCalledWith({
      quizId: 'quiz',
      host: '127.0.0.1',
      port: 5000,
      settings: { shuffle: true, timeLimitMinutes: 20 },
    });
    expect(host.session?.sessionId).toBe(SESSION);
    expect(host.starting).toBe(false);
    expect(host.notice).toBe('The session is open. Students can join now.');
    expect(host.error).toBeNull();
    expect(host.busy).toBe(false);
    await vi.waitFor(() => expect(host.qr).toBe(`data:text/plain,${encodeURIComponent('http://127.0.0.1:4320/')}`));
  });

  it('shows the service’s refusal when the session cannot start, and stays on the form', async () => {
    const client = fakeClient({
      startSession: vi.fn(async () => {
        throw new ApiError({
          code: 'conflict',
          reason: 'port-unavailable',
          message: 'port 4320 is already in use on 127.0.0.1; choose another',
        });
      }),
    });
    const feed = fakeFeed();
    const { host } = await started(client, feed);
    expect(host.session).toBeNull();
    expect(host.starting).toBe(true);
    expect(host.error).toMatch(/port 4320 is already in use on 127\.0\.0\.1; choose another/i);
    expect(host.notice).toBe('');
    expect(host.busy).toBe(false);
    expect(feed.watching.size).toBe(0);
  });

  it('shows a session already running when the screen opens, and watches it', async () => {
    const feed = fakeFeed();
    const host = new HostSession(fakeClient({ sessionStatus: vi.fn(async () => status({ state: 'locked' })) }), {
      watch: feed.watch,
      qr: noQr,
    });
    await host.load();
    expect(host.session?.state).toBe('locked');
    expect([...feed.watching.keys()]).toEqual([SESSION]);
  });

  it('locks and unlocks joining through the service', async () => {
    const { host, client } = await started();
    await host.toggleLock();
    expect(client.lockJoining).toHaveBeenLastCalledWith({ sessionId: SESSION, locked: true });
    expect(host.session?.state).toBe('locked');
    expect(host.notice).toBe('Joining is locked; seated students carry on.');
    await host.toggleLock();
    expect(client.lockJoining).toHaveBeenLastCalledWith({ sessionId: SESSION, locked: false });
    expect(host.session?.state).toBe('open');
    expect(host.notice).toBe('Joining is open again.');
  });

  it('releases the review only once the teacher confirms, and a cancel calls nothing', async () => {
    const { host, client } = await started();
    host.ask('release');
    expect(host.confirming).toBe('release');
    host.cancel();
    await host.confirm();
    expect(client.releaseReview).not.toHaveBeenCalled();
    host.ask('release');
    await host.confirm();
    expect(client.releaseReview).toHaveBeenCalledWith({ sessionId: SESSION });
    expect(host.confirming).toBeNull();
    expect(host.session?.reviewReleased).toBe(true);
    expect(host.notice).toBe('The review is released to every student who has handed in.');
  });

  it('removes a student after confirming and re-admits them', async () => {
    const { host, client, feed } = await started();
    feed.push({ kind: 'snapshot', status: status({ students: [student(1)], version: 2 }) });
    expect(host.active).toHaveLength(1);
    host.ask({ remove: host.session!.students[0]! });
    await host.confirm();
    expect(client.removeStudent).toHaveBeenCalledWith({ sessionId: SESSION, attemptId: student(1).attemptId });
    expect(host.notice).toBe('Student 1 was removed.');
    expect(host.active).toHaveLength(0);
    await host.readmit(host.session!.students[0]!);
    expect(client.readmitStudent).toHaveBeenCalledWith({ sessionId: SESSION, attemptId: student(1).attemptId });
    expect(host.notice).toBe('Student 1 is back in.');
    expect(host.active).toHaveLength(1);
  });

  it('ends the session: the form returns and the live view stops', async () => {
    const { host, client, feed } = await started();
    feed.problem('the live view lost its connection to Evident; reconnecting…');
    expect(host.feedProblem).toMatch(/lost its connection/);
    host.ask('end');
    await host.confirm();
    expect(client.endSession).toHaveBeenCalledWith({ sessionId: SESSION });
    expect(host.session?.state).toBe('ended');
    expect(host.starting).toBe(true);
    expect(host.feedProblem).toBeNull();
    expect(feed.stopped).toEqual([SESSION]);
    expect(feed.watching.size).toBe(0);
    expect(host.notice).toBe('The session has ended. Its attempts are in Class results.');
  });

  it('shows a control’s refusal as the error and keeps the session', async () => {
    const { host } = await started(
      fakeClient({
        releaseReview: vi.fn(async () => {
          throw new ApiError({ code: 'conflict', reason: 'session-ended', message: 'the session has ended' });
        }),
      }),
    );
    host.ask('release');
    await host.confirm();
    expect(host.error).toMatch(/the session has ended/i);
    expect(host.session?.reviewReleased).toBe(false);
    await host.toggleLock();
    expect(host.error).toBeNull();
  });

  it('updates the dashboard from pushed events', async () => {
    const { host, feed } = await started();
    feed.push({ kind: 'snapshot', status: status({ students: [student(1)], version: 2 }) });
    expect(host.session?.students.map((s) => s.name)).toEqual(['Student 1']);
    const {
      students: _s,
      title: _t,
      quizId: _q,
      settings: _st,
      joinCode: _j,
      joinCodeDisplay: _d,
      host: _h,
      createdAt: _c,
      article: _a,
      ...fields
    } = status();
    feed.push({
      kind: 'update',
      update: {
        ...fields,
        version: 3,
        students: [student(1, { answered: 1, points: 1 }), student(2)],
        deletedAttemptIds: [],
        sentences: [{ sentenceId: 'p1.s1', missed: 2 }],
      },
    });
    expect(host.session?.version).toBe(3);
    expect(host.session?.students.map((s) => [s.name, s.answered])).toEqual([
      ['Student 1', 1],
      ['Student 2', 0],
    ]);
    expect(host.active).toHaveLength(2);
    expect(host.missed.get('p1.s1')).toBe(2);
  });

  it('drops a slow control reply once a newer one has arrived', async () => {
    const slow = deferred<SessionStatus>();
    const client = fakeClient({
      lockJoining: vi.fn(async ({ locked }) => (locked ? slow.promise : status({ state: 'open', version: 3 }))),
    });
    const { host } = await started(client);
    const first = host.toggleLock(); // locks; its reply is late
    host.ask('release');
    const second = host.confirm(); // released, version 2
    await second;
    expect(host.session?.reviewReleased).toBe(true);
    slow.resolve(status({ state: 'locked', version: 2 }));
    await first;
    expect(host.session?.state).toBe('open');
    expect(host.session?.reviewReleased).toBe(true);
    expect(host.notice).toBe('The review is released to every student who has handed in.');
  });

  it('drops the opening status when a start has replied first', async () => {
    const opening = deferred<SessionStatus | null>();
    const host = new HostSession(fakeClient({ sessionStatus: vi.fn(() => opening.promise) }), { watch: fakeFeed().watch, qr: noQr });
    const loading = host.load();
    host.quizId = 'quiz';
    host.host = '127.0.0.1';
    await host.start();
    opening.resolve(null);
    await loading;
    expect(host.session?.sessionId).toBe(SESSION);
  });

  it('keeps a pushed status newer than a control’s reply', async () => {
    const slow = deferred<SessionStatus>();
    const { host, feed } = await started(fakeClient({ readmitStudent: vi.fn(() => slow.promise) }));
    const readmit = host.readmit(student(1));
    feed.push({ kind: 'snapshot', status: status({ students: [student(1), student(2)], version: 5 }) });
    slow.resolve(status({ students: [student(1)], version: 4 }));
    await readmit;
    expect(host.session?.students).toHaveLength(2);
  });

  it('ignores the feed and replies after it is disposed', async () => {
    const slow = deferred<SessionStatus>();
    const { host, feed } = await started(fakeClient({ lockJoining: vi.fn(() => slow.promise) }));
    const lock = host.toggleLock();
    host.dispose();
    expect(feed.stopped).toEqual([SESSION]);
    slow.resolve(status({ state: 'locked', version: 2 }));
    await lock;
    expect(host.session?.state).toBe('open');
  });
});

describe('HostScreen', () => {
  it('starts a session from the form and shows the join card, students and the live update', async () => {
    const client = fakeClient();
    const feed = fakeFeed();
    render(HostScreen, { client, ondone: () => {}, watch: feed.watch, qr: noQr });
    const button = await screen.findByRole('button', { name: 'Start the session' });
    await vi.waitFor(() => expect((screen.getByLabelText('Quiz') as HTMLSelectElement).value).toBe('quiz'));
    expect(screen.getByLabelText('Network')).toBeTruthy();
    await fireEvent.click(button);
    expect(await screen.findByText('ABC DEF')).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:4320/')).toBeTruthy();
    expect(screen.getByText('Nobody has joined yet.')).toBeTruthy();
    feed.push({ kind: 'snapshot', status: status({ students: [student(1)], version: 2 }) });
    expect(await screen.findByRole('heading', { name: 'Students: 1 joined' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Student 1' })).toBeTruthy();
  });

  it('shows the service’s refusal to start as an alert', async () => {
    const client = fakeClient({
      startSession: vi.fn(async () => {
        throw new ApiError({ code: 'conflict', reason: 'port-unavailable', message: 'port 4320 is already in use' });
      }),
    });
    render(HostScreen, { client, ondone: () => {}, watch: fakeFeed().watch, qr: noQr });
    await vi.waitFor(() => expect((screen.getByLabelText('Quiz') as HTMLSelectElement).value).toBe('quiz'));
    await fireEvent.click(screen.getByRole('button', { name: 'Start the session' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/port 4320 is already in use/i);
  });

  it('after the end, says how long students still see it and lets the teacher release the review then', async () => {
    const client = fakeClient({
      sessionStatus: vi.fn(async () => status()),
      endSession: vi.fn(async () => status({ state: 'ended', listening: true, version: 2 })),
      releaseReview: vi.fn(async () => status({ state: 'ended', listening: true, reviewReleased: true, version: 3 })),
    });
    render(HostScreen, { client, ondone: () => {}, watch: fakeFeed().watch, qr: noQr });
    await fireEvent.click(await screen.findByRole('button', { name: 'End the session' }));
    const dialog = await screen.findByRole('dialog');
    await fireEvent.click([...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'End the session')!);
    expect(
      await screen.findByText(/see that it has ended, and their review once you release it, until you start another session/),
    ).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Release the review' }));
    const confirm = await screen.findByRole('dialog');
    await fireEvent.click([...confirm.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Release the review')!);
    expect(client.releaseReview).toHaveBeenCalledWith({ sessionId: SESSION });
    expect(await screen.findByText(/see that it has ended, and their review, until you start another session/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Release the review' })).toBeNull();
  });

  it('offers the projector view when the app gives a way to open it', async () => {
    const onprojector = vi.fn();
    render(HostScreen, {
      client: fakeClient({ sessionStatus: vi.fn(async () => status()) }),
      ondone: () => {},
      onprojector,
      watch: fakeFeed().watch,
      qr: noQr,
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Projector view' }));
    expect(onprojector).toHaveBeenCalledOnce();
  });

  it('asks before ending and ends through the service', async () => {
    const client = fakeClient({ sessionStatus: vi.fn(async () => status()) });
    render(HostScreen, { client, ondone: () => {}, watch: fakeFeed().watch, qr: noQr });
    await fireEvent.click(await screen.findByRole('button', { name: 'End the session' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toMatch(/Students can no longer answer/);
    const confirm = [...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'End the session')!;
    await fireEvent.click(confirm);
    expect(client.endSession).toHaveBeenCalledWith({ sessionId: SESSION });
    expect(await screen.findByRole('heading', { name: /has ended/ })).toBeTruthy();
    expect(screen.getByText('Its 0 attempts are in Class results.')).toBeTruthy();
  });
});
