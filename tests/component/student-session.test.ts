import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import StudentSession from '../../src/renderer/src/classroom/StudentSession.svelte';
import { ApiError } from '../../src/renderer/src/lib/api.ts';
import { PreferenceStore } from '../../src/renderer/src/lib/preferences.svelte.ts';
import { messageOf } from '../../src/renderer/src/lib/quiz-run.svelte.ts';
import type { SessionClient } from '../../src/renderer/src/lib/session-client.ts';
import { SEAT_CHECK_MS, StudentSession as Session } from '../../src/renderer/src/lib/student-session.svelte.ts';
import type { AttemptView, Review, WireError } from '../../src/shared/contract.ts';
import type { SeatView } from '../../src/shared/session-contract.ts';
import { installDialog } from './dialog-polyfill.ts';

const TOKEN = 'a'.repeat(43);
const attempt = (status: AttemptView['status'] = 'in-progress'): AttemptView => ({
  attemptId: '6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6f',
  quizId: 'quiz',
  title: 'Quiz',
  studentName: 'Ada',
  status,
  settings: { feedback: 'deferred', shuffle: false },
  startedAt: '2025-01-01T00:00:00.000Z',
  article: { headline: 'H', source: {}, paragraphs: [{ id: 'p1', number: 1, sentences: [{ id: 'p1.s1', text: 'Hello.' }] }] },
  questions: [{ id: 'tf', number: 1, prompt: 'Is it?', points: 1, skill: 'detail', difficulty: 'easy', type: 'true-false-not-given' }],
  answers: [],
});
const seat = (over: Partial<SeatView> = {}): SeatView => ({ attempt: attempt(), sessionState: 'open', reviewReleased: false, ...over });
const review: Review = {
  attemptId: '6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6f',
  quizId: 'quiz',
  title: 'Quiz',
  studentName: 'Ada',
  submittedAt: '2025-01-01T00:05:00.000Z',
  points: 0,
  maxPoints: 1,
  percentage: 0,
  bySkill: [],
  article: attempt().article,
  questions: [
    {
      question: attempt().questions[0]!,
      response: null,
      feedback: {
        points: 0,
        maxPoints: 1,
        verdict: 'incorrect',
        explanation: 'No.',
        evidenceSentenceIds: [],
        correctResponse: { type: 'true-false-not-given', value: 'true' },
      },
    },
  ],
};
const refusal = (reason: WireError['reason'], message: string) =>
  new ApiError({ code: reason === 'seat-removed' ? 'forbidden' : 'conflict', reason, message } as WireError);

function memoryStorage(): Storage {
  const store = new Map<string, string>();
  return {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  } as Storage;
}

function fakeClient(over: Partial<SessionClient> = {}): SessionClient {
  return {
    info: vi.fn(async () => ({ session: true as const, joinable: true })),
    join: vi.fn(async () => ({ token: TOKEN, seat: seat() })),
    seat: vi.fn(async () => seat()),
    answer: vi.fn(async (input) => ({ questionId: input.questionId, answeredAt: '2025-01-01T00:01:00.000Z' })),
    submit: vi.fn(async () => seat({ attempt: attempt('submitted') })),
    review: vi.fn(async () => review),
    ...over,
  };
}

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
  window.scrollTo = () => {};
  installDialog();
});
afterEach(() => vi.useRealTimers());

describe('StudentSession (the state class)', () => {
  it('joins, remembers the seat and opens the quiz', async () => {
    const storage = memoryStorage();
    const session = new Session({ connect: () => fakeClient(), askAddress: false, storage });
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    expect(session.stage.name).toBe('quiz');
    expect(JSON.parse(storage.getItem('evident.seat')!)).toEqual({ token: TOKEN });
    session.dispose();
  });

  it('drops a slow reply that a newer action has overtaken', async () => {
    const storage = memoryStorage();
    storage.setItem('evident.seat', JSON.stringify({ token: TOKEN }));
    let answerRejoin: (view: SeatView) => void = () => {};
    const slow = fakeClient({ seat: vi.fn(() => new Promise<SeatView>((resolve) => (answerRejoin = resolve))) });
    const fast = fakeClient({ join: vi.fn(async () => ({ token: TOKEN, seat: seat({ attempt: attempt('submitted') }) })) });
    const clients = [slow, fast];
    const session = new Session({ connect: () => clients.shift()!, askAddress: false, storage });
    const rejoining = session.rejoin();
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    expect(session.stage.name).toBe('waiting');
    answerRejoin(seat()); // the old rejoin's reply arrives last: it must not reopen the quiz
    await rejoining;
    expect(session.stage.name).toBe('waiting');
    session.dispose();
  });

  it('learns at once from a refused answer that the student was removed', async () => {
    const client = fakeClient({
      answer: vi.fn(async () => Promise.reject(refusal('seat-removed', 'your teacher has removed you from this session'))),
    });
    const session = new Session({ connect: () => client, askAddress: false, storage: memoryStorage() });
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    if (session.stage.name !== 'quiz') throw new Error('not in the quiz');
    await session.stage.run.answer('tf', { type: 'true-false-not-given', value: 'true' });
    expect(session.stage).toEqual({ name: 'closed', why: 'removed' });
  });

  it('learns within a few seconds, without answering, that the seat was removed or the session ended', async () => {
    vi.useFakeTimers();
    const seatCall = vi.fn(async () => seat());
    const client = fakeClient({ seat: seatCall });
    const session = new Session({ connect: () => client, askAddress: false, storage: memoryStorage() });
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    expect(session.stage.name).toBe('quiz');
    seatCall.mockRejectedValue(refusal('session-ended', 'this class session has ended'));
    await vi.advanceTimersByTimeAsync(SEAT_CHECK_MS + 10);
    expect(session.stage).toEqual({ name: 'closed', why: 'ended' });
    session.dispose();
  });

  it('after the end: a student who had handed in sees the end screen, and the review opens once released', async () => {
    vi.useFakeTimers();
    const seatCall = vi.fn(async () => seat({ attempt: attempt('submitted') }));
    const client = fakeClient({ seat: seatCall });
    const session = new Session({ connect: () => client, askAddress: false, storage: memoryStorage() });
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    // The server answers the seat after the end: "ended", not a refusal and not a network error.
    seatCall.mockResolvedValue(seat({ attempt: attempt('submitted'), sessionState: 'ended' }));
    await vi.advanceTimersByTimeAsync(SEAT_CHECK_MS + 10);
    expect(session.stage).toEqual({ name: 'closed', why: 'ended' });
    // The teacher releases the review after the end: the end screen keeps asking, and opens it.
    seatCall.mockResolvedValue(seat({ attempt: attempt('submitted'), sessionState: 'ended', reviewReleased: true }));
    await vi.advanceTimersByTimeAsync(SEAT_CHECK_MS + 10);
    expect(session.stage).toEqual({ name: 'review', review });
    session.dispose();
  });

  it('after the end, a server that has gone away leaves the end screen as it is', async () => {
    vi.useFakeTimers();
    const seatCall = vi.fn(async () => seat({ attempt: attempt('submitted'), sessionState: 'ended' }));
    const client = fakeClient({ join: vi.fn(async () => ({ token: TOKEN, seat: seat({ sessionState: 'open' }) })), seat: seatCall });
    const session = new Session({ connect: () => client, askAddress: false, storage: memoryStorage() });
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    await vi.advanceTimersByTimeAsync(SEAT_CHECK_MS + 10);
    expect(session.stage).toEqual({ name: 'closed', why: 'ended' });
    seatCall.mockRejectedValue(new ApiError({ code: 'internal', reason: 'unreachable', message: 'the session could not be reached' }));
    await vi.advanceTimersByTimeAsync(SEAT_CHECK_MS + 10);
    expect(session.stage).toEqual({ name: 'closed', why: 'ended' });
    expect(session.error).toBeNull();
    session.dispose();
  });

  it('sends the seat this device had when joining again, so a removed student cannot come back as a new one', async () => {
    const storage = memoryStorage();
    storage.setItem('evident.seat', JSON.stringify({ token: TOKEN }));
    const join = vi.fn(async () => Promise.reject(refusal('seat-removed', 'your teacher has removed you from this session')));
    const session = new Session({ connect: () => fakeClient({ join }), askAddress: false, storage });
    session.code = 'ABC-DEF';
    session.name = 'Ada Again';
    await session.join();
    expect(join).toHaveBeenCalledWith({ code: 'ABC-DEF', name: 'Ada Again', previous: TOKEN });
    expect(session.error).toBe('Your teacher has removed you from this session');
  });

  it('keeps the seat when the student leaves the review, so it can be opened again', async () => {
    const storage = memoryStorage();
    const client = fakeClient({
      join: vi.fn(async () => ({ token: TOKEN, seat: seat({ attempt: attempt('submitted'), reviewReleased: true }) })),
    });
    const session = new Session({ connect: () => client, askAddress: false, storage });
    session.code = 'ABC-DEF';
    session.name = 'Ada';
    await session.join();
    expect(session.stage.name).toBe('review');
    session.finish();
    expect(storage.getItem('evident.seat')).not.toBeNull();
    expect(session.remembered).toEqual({ token: TOKEN });
  });
});

describe('StudentSession (the screen)', () => {
  it('in a browser that cannot reach another computer, opens the typed address instead of posting to its own server', async () => {
    const openAddress = vi.fn();
    const connect = vi.fn(() => fakeClient());
    render(StudentSession, {
      connect,
      askAddress: true,
      openAddress,
      preferences: new PreferenceStore(memoryStorage()),
      storage: memoryStorage(),
    });
    await fireEvent.input(screen.getByLabelText('Session address'), { target: { value: ' 192.168.1.20:4320 ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Open the session' }));
    expect(openAddress).toHaveBeenCalledExactlyOnceWith('http://192.168.1.20:4320/');
    expect(connect).not.toHaveBeenCalled();
    expect(screen.queryByLabelText('Join code')).toBeNull();
  });

  it('says plainly that the session has ended', async () => {
    const storage = memoryStorage();
    storage.setItem('evident.seat', JSON.stringify({ token: TOKEN }));
    const client = fakeClient({ seat: vi.fn(async () => Promise.reject(refusal('session-ended', 'this class session has ended'))) });
    render(StudentSession, { connect: () => client, askAddress: false, preferences: new PreferenceStore(storage), storage });
    expect(await screen.findByRole('heading', { name: 'This class session has ended' })).toBeTruthy();
  });

  it('after a reload of an ended session, shows the end screen from the seat the server still answers', async () => {
    const storage = memoryStorage();
    storage.setItem('evident.seat', JSON.stringify({ token: TOKEN }));
    const client = fakeClient({ seat: vi.fn(async () => seat({ attempt: attempt('submitted'), sessionState: 'ended' })) });
    render(StudentSession, { connect: () => client, askAddress: false, preferences: new PreferenceStore(storage), storage });
    expect(await screen.findByRole('heading', { name: 'This class session has ended' })).toBeTruthy();
    expect(screen.getByText('If your teacher releases the review, it opens here by itself.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Your answers are handed in' })).toBeNull();
  });
});

describe('messages to people', () => {
  it('start with a capital letter', () => {
    expect(messageOf(refusal('review-not-released', 'your teacher has not released the review yet'))).toBe(
      'Your teacher has not released the review yet',
    );
    expect(messageOf(new Error('Already fine.'))).toBe('Already fine.');
  });
});
