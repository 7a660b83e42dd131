import { act, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import QuizScreen from '../../src/renderer/src/QuizScreen.svelte';
import type { Client } from '../../src/renderer/src/lib/api.ts';
import { PreferenceStore } from '../../src/renderer/src/lib/preferences.svelte.ts';
import { QuizRun, TYPING_SAVE_DELAY_MS } from '../../src/renderer/src/lib/quiz-run.svelte.ts';
import { installDialog } from './dialog-polyfill.ts';
import type { AnswerResult, AttemptView, Feedback, Input } from '../../src/shared/contract.ts';

// The traps a student meets in the first minutes (issue 14): typing lost, two presses to
// check, feedback carried over, an emptied answer still "answered", a map of 34 tab stops.

const ATTEMPT = '6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6f';
const view = (feedback: 'immediate' | 'deferred', answers: AttemptView['answers'] = []): AttemptView => ({
  attemptId: ATTEMPT,
  quizId: 'quiz',
  title: 'Quiz',
  studentName: 'Ada',
  status: 'in-progress',
  settings: { feedback, shuffle: false },
  startedAt: '2025-01-01T00:00:00.000Z',
  article: {
    headline: 'Council meets',
    source: {},
    paragraphs: [{ id: 'p1', number: 1, sentences: [{ id: 'p1.s1', text: 'The council met.' }] }],
  },
  questions: [
    { id: 'court', number: 1, prompt: 'Which court?', points: 1, skill: 'detail', difficulty: 'easy', type: 'short-answer' },
    {
      id: 'gaps',
      number: 2,
      prompt: 'Complete it.',
      points: 2,
      skill: 'detail',
      difficulty: 'easy',
      type: 'cloze',
      text: 'A {{one}} and a {{two}}.',
      gaps: [{ id: 'one' }, { id: 'two' }],
    },
    {
      id: 'many',
      number: 3,
      prompt: 'Which apply?',
      points: 1,
      skill: 'detail',
      difficulty: 'easy',
      type: 'multiple-select',
      options: [
        { id: 'a', text: 'Alpha' },
        { id: 'b', text: 'Beta' },
      ],
    },
  ],
  answers,
});

const isEmpty = (r: Input<'answer'>['response']) =>
  (r.type === 'multiple-select' && r.optionIds.length === 0) ||
  (r.type === 'short-answer' && r.text.trim() === '') ||
  (r.type === 'cloze' && Object.keys(r.gaps).length === 0);

function setup(mode: 'immediate' | 'deferred', feedbackOf?: (input: Input<'answer'>) => Feedback, answers?: AttemptView['answers']) {
  const answer = vi.fn(async (input: Input<'answer'>): Promise<AnswerResult> => {
    if (isEmpty(input.response)) return { questionId: input.questionId, answeredAt: '2025-01-01T00:01:00.000Z', cleared: true };
    return {
      questionId: input.questionId,
      answeredAt: '2025-01-01T00:01:00.000Z',
      ...(mode === 'immediate' && feedbackOf ? { feedback: feedbackOf(input) } : {}),
    };
  });
  const submit = vi.fn();
  const store = new Map<string, string>();
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  } as Storage;
  const run = new QuizRun(view(mode, answers), { answer, submit } as unknown as Client, storage);
  render(QuizScreen, { run, preferences: new PreferenceStore(storage), onsubmitted: vi.fn(), onleave: vi.fn() });
  return { answer, run, store };
}

const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const settle = () =>
  act(async () => {
    await Promise.resolve();
    await Promise.resolve();
  });

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
  window.scrollTo = () => {};
  installDialog();
});
afterEach(() => vi.useRealTimers());

describe('typing is kept', () => {
  it('saves a short answer when the student moves on, and shows it on coming back', async () => {
    const { answer, run } = setup('deferred');
    await fireEvent.input(textbox('Your answer'), { target: { value: 'the ICC' } });
    await fireEvent.click(button('Next'));
    await settle();
    expect(answer).toHaveBeenCalledWith({ attemptId: ATTEMPT, questionId: 'court', response: { type: 'short-answer', text: 'the ICC' } });
    expect(run.isAnswered('court')).toBe(true);
    await fireEvent.click(button('Previous'));
    expect(textbox('Your answer').value).toBe('the ICC');
  });

  it('saves typing after a pause, without any button', async () => {
    vi.useFakeTimers();
    const { answer } = setup('deferred');
    await fireEvent.click(button('Next'));
    await fireEvent.input(textbox('Gap 1'), { target: { value: 'vote' } });
    expect(answer).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(TYPING_SAVE_DELAY_MS + 10));
    expect(answer).toHaveBeenCalledWith(
      expect.objectContaining({ questionId: 'gaps', response: { type: 'cloze', gaps: { one: 'vote' } } }),
    );
    expect(screen.queryByRole('button', { name: 'Save answer' })).toBeNull();
  });

  it('keeps a draft in immediate mode while the student visits other questions', async () => {
    setup('immediate');
    await fireEvent.input(textbox('Your answer'), { target: { value: 'ICC' } });
    await fireEvent.click(button('Next'));
    await fireEvent.click(button('Previous'));
    expect(textbox('Your answer').value).toBe('ICC');
  });

  it('comes back after a reload to the question the student was on', async () => {
    const { store } = setup('deferred');
    await fireEvent.click(button('Next'));
    await fireEvent.click(button('Next'));
    const again = new QuizRun(
      view('deferred'),
      { answer: vi.fn(), submit: vi.fn() } as unknown as Client,
      {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: vi.fn(),
        removeItem: vi.fn(),
      } as unknown as Storage,
    );
    expect(again.current.id).toBe('many');
  });
});

describe('immediate mode: one press to check', () => {
  const right: Feedback = {
    points: 1,
    maxPoints: 1,
    verdict: 'correct',
    explanation: 'The Hague court.',
    evidenceSentenceIds: [],
    correctResponse: { type: 'short-answer', text: 'ICC' },
  };

  it('checks a typed answer with one button, the only primary one', async () => {
    const { answer } = setup('immediate', () => right);
    await fireEvent.input(textbox('Your answer'), { target: { value: 'ICC' } });
    expect(screen.queryByRole('button', { name: 'Save answer' })).toBeNull();
    expect([...document.querySelectorAll('button.primary')].filter((b) => !b.closest('dialog'))).toHaveLength(1);
    expect(button('Check answer').classList.contains('primary')).toBe(true);
    await fireEvent.click(button('Check answer'));
    await settle();
    expect(answer).toHaveBeenCalledOnce();
    expect(screen.getByRole('status').textContent).toBe('Correct: 1 of 1 point.');
    expect(button('Next').classList.contains('primary')).toBe(true);
  });

  it('checks with Enter in the field', async () => {
    const { answer } = setup('immediate', () => right);
    await fireEvent.input(textbox('Your answer'), { target: { value: 'ICC' } });
    await fireEvent.keyDown(textbox('Your answer'), { key: 'Enter' });
    await settle();
    expect(answer).toHaveBeenCalledOnce();
  });

  it('does not carry the verdict over to another question', async () => {
    setup('immediate', () => ({ ...right, correctResponse: { type: 'multiple-select', optionIds: ['a'] } }));
    await fireEvent.click(button('Question 3, not answered'));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Alpha/ }));
    await fireEvent.click(button('Check answer'));
    await settle();
    expect(screen.getByRole('status').textContent).toBe('Correct: 1 of 1 point.');
    await fireEvent.click(button('Previous'));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('marks the wrong cloze gap, with a mark that is not colour alone', async () => {
    setup('immediate', () => ({
      points: 1,
      maxPoints: 2,
      verdict: 'partial',
      explanation: '',
      evidenceSentenceIds: [],
      correctResponse: { type: 'cloze', gaps: { one: 'vote', two: 'council' } },
      parts: [
        { id: 'one', correct: true },
        { id: 'two', correct: false },
      ],
    }));
    await fireEvent.click(button('Next'));
    await fireEvent.input(textbox('Gap 1'), { target: { value: 'vote' } });
    await fireEvent.input(textbox('Gap 2'), { target: { value: 'court' } });
    await fireEvent.click(button('Check answer'));
    await settle();
    const items = screen
      .getAllByRole('listitem')
      .filter((li) => li.textContent?.includes('Gap'))
      .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      '✓ Gap 1 (right): your answer vote; correct answer vote',
      '✗ Gap 2 (wrong): your answer court; correct answer council',
    ]);
  });
});

describe('an emptied answer', () => {
  it('is unanswered again once every option is unticked', async () => {
    const { answer, run } = setup('deferred');
    await fireEvent.click(button('Question 3, not answered'));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Alpha/ }));
    await settle();
    expect(run.isAnswered('many')).toBe(true);
    await fireEvent.click(screen.getByRole('checkbox', { name: /Alpha/ }));
    await settle();
    expect(answer).toHaveBeenLastCalledWith(expect.objectContaining({ response: { type: 'multiple-select', optionIds: [] } }));
    expect(run.isAnswered('many')).toBe(false);
    expect(run.unanswered.map((q) => q.id)).toContain('many');
    expect(screen.getByRole('status').textContent).toBe('Answer removed: this question is not answered.');
  });

  it('says nothing about saving on a question with nothing answered', async () => {
    setup('deferred');
    await fireEvent.click(button('Question 3, not answered'));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Alpha/ }));
    await settle();
    expect(screen.getByRole('status').textContent).toBe('Answer saved.');
    await fireEvent.click(button('Previous'));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});

describe('the question map', () => {
  it('is one tab stop, moved with the arrow keys, and Enter goes to the question with focus on it', async () => {
    setup('deferred');
    await settle(); // the opening focus on the question's heading
    const numbers = () => screen.getAllByRole('button', { name: /^Question \d+, / });
    expect(numbers().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    numbers()[0]!.focus();
    await fireEvent.keyDown(numbers()[0]!, { key: 'ArrowRight' });
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(numbers()[2]);
    expect(numbers().map((b) => b.tabIndex)).toEqual([-1, -1, 0]);
    await fireEvent.click(document.activeElement!);
    await settle();
    expect(document.activeElement?.textContent).toBe('Which apply?');
    expect(numbers().map((b) => b.tabIndex)).toEqual([-1, -1, 0]);
  });

  it('puts focus on the question heading when the attempt opens', async () => {
    setup('deferred');
    await settle();
    expect(document.activeElement?.textContent).toBe('Which court?');
  });
});

describe('saving in order', () => {
  it('sends a question’s next answer only once the service has stored the one before', async () => {
    let release: () => void = () => {};
    const calls: string[] = [];
    const answer = vi.fn(async (input: Input<'answer'>): Promise<AnswerResult> => {
      calls.push(JSON.stringify(input.response));
      if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return { questionId: input.questionId, answeredAt: '2025-01-01T00:01:00.000Z' };
    });
    const run = new QuizRun(view('deferred'), { answer, submit: vi.fn() } as unknown as Client);
    const first = run.answer('many', { type: 'multiple-select', optionIds: ['a'] });
    const second = run.answer('many', { type: 'multiple-select', optionIds: ['a', 'b'] });
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['{"type":"multiple-select","optionIds":["a"]}', '{"type":"multiple-select","optionIds":["a","b"]}']);
    expect(run.responseTo('many')).toEqual({ type: 'multiple-select', optionIds: ['a', 'b'] });
  });
});
