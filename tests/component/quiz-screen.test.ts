import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import QuizScreen from '../../src/renderer/src/QuizScreen.svelte';
import type { Client } from '../../src/renderer/src/lib/api.ts';
import { PreferenceStore } from '../../src/renderer/src/lib/preferences.svelte.ts';
import { QuizRun } from '../../src/renderer/src/lib/quiz-run.svelte.ts';
import { installDialog } from './dialog-polyfill.ts';
import type { AttemptView, Feedback } from '../../src/shared/contract.ts';

const view = (answers: AttemptView['answers'] = [], feedbackMode: 'immediate' | 'deferred' = 'deferred'): AttemptView => ({
  attemptId: '6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6f',
  quizId: 'quiz',
  title: 'Quiz',
  studentName: 'Ada',
  status: 'in-progress',
  settings: { feedback: feedbackMode, shuffle: false },
  startedAt: '2025-01-01T00:00:00.000Z',
  article: {
    headline: 'Council meets',
    source: {},
    paragraphs: [
      {
        id: 'p1',
        number: 1,
        sentences: [
          { id: 'p1.s1', text: 'The council met.' },
          { id: 'p1.s2', text: 'North Korea stayed away.' },
        ],
      },
    ],
  },
  questions: [
    { id: 'pick', number: 1, prompt: 'Select the sentence.', points: 1, skill: 'detail', difficulty: 'easy', type: 'evidence-selection' },
    { id: 'tf', number: 2, prompt: 'It met.', points: 1, skill: 'detail', difficulty: 'easy', type: 'true-false-not-given' },
  ],
  answers,
});

const correctFeedback: Feedback = {
  points: 1,
  maxPoints: 1,
  verdict: 'correct',
  explanation: 'Yes.',
  evidenceSentenceIds: ['p1.s2'],
  correctResponse: { type: 'evidence-selection', sentenceIds: ['p1.s2'] },
};

function setup(answers?: AttemptView['answers'], feedbackMode: 'immediate' | 'deferred' = 'deferred') {
  const answer = vi.fn<Client['answer']>(async (input) => ({
    questionId: input.questionId,
    answeredAt: '2025-01-01T00:01:00.000Z',
    ...(feedbackMode === 'immediate' ? { feedback: correctFeedback } : {}),
  }));
  const submit = vi.fn<Client['submit']>();
  const storage = new Map<string, string>();
  const fakeStorage = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  } as Storage;
  const run = new QuizRun(view(answers, feedbackMode), { answer, submit } as unknown as Client, fakeStorage);
  const preferences = new PreferenceStore(fakeStorage);
  render(QuizScreen, { run, preferences, onsubmitted: vi.fn(), onleave: vi.fn() });
  return { answer, submit, run, storage };
}
const sentence = (name: string) => screen.getByRole('checkbox', { name });

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
  window.scrollTo = () => {};
  installDialog();
});

describe('QuizScreen evidence selection', () => {
  it('selects sentences in the article, in reading order, and lists them in the panel', async () => {
    const { answer } = setup();
    await fireEvent.click(sentence('North Korea stayed away.'));
    expect(answer).toHaveBeenLastCalledWith({
      attemptId: '6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6f',
      questionId: 'pick',
      response: { type: 'evidence-selection', sentenceIds: ['p1.s2'] },
    });
    expect(sentence('North Korea stayed away.').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('1 sentence selected')).toBeTruthy();

    await fireEvent.keyDown(sentence('The council met.'), { key: ' ' });
    expect(answer).toHaveBeenLastCalledWith(
      expect.objectContaining({
        response: { type: 'evidence-selection', sentenceIds: ['p1.s1', 'p1.s2'] },
      }),
    );
    expect(screen.getByText('2 sentences selected')).toBeTruthy();
  });

  it('unselects a selected sentence from the article or the panel', async () => {
    const { answer } = setup([
      {
        questionId: 'pick',
        response: { type: 'evidence-selection', sentenceIds: ['p1.s1', 'p1.s2'] },
        answeredAt: '2025-01-01T00:01:00.000Z',
      },
    ]);
    await fireEvent.click(sentence('The council met.'));
    expect(answer).toHaveBeenLastCalledWith(expect.objectContaining({ response: { type: 'evidence-selection', sentenceIds: ['p1.s2'] } }));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove “North Korea stayed away.”' }));
    expect(answer).toHaveBeenLastCalledWith(expect.objectContaining({ response: { type: 'evidence-selection', sentenceIds: [] } }));
  });

  it('makes the article selectable only for an evidence question not yet locked', async () => {
    const feedback = correctFeedback;
    setup([{ questionId: 'pick', response: feedback.correctResponse, answeredAt: '2025-01-01T00:01:00.000Z', feedback }]);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(document.querySelector('mark')?.textContent).toContain('North Korea stayed away.');
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });

  it('stops selection when the student moves to another type of question', async () => {
    setup();
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });
});

describe('QuizScreen in immediate mode', () => {
  it('keeps changes as a draft until the student checks the answer, then locks it', async () => {
    const { answer } = setup([], 'immediate');
    const check = screen.getByRole('button', { name: 'Check answer' });
    expect((check as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(sentence('The council met.'));
    await fireEvent.click(sentence('North Korea stayed away.'));
    await fireEvent.click(sentence('The council met.'));
    expect(answer).not.toHaveBeenCalled();
    expect(sentence('North Korea stayed away.').getAttribute('aria-checked')).toBe('true');

    await fireEvent.click(check);
    expect(answer).toHaveBeenCalledOnce();
    expect(answer).toHaveBeenCalledWith(expect.objectContaining({ response: { type: 'evidence-selection', sentenceIds: ['p1.s2'] } }));
    expect(await screen.findByText('Correct: 1 of 1 point.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check answer' })).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });
});

describe('QuizScreen navigation', () => {
  it('flags a question, shows it in the map, and keeps the flag for this attempt', async () => {
    const { storage } = setup();
    await fireEvent.click(screen.getByRole('button', { name: /Flag for review/ }));
    expect(screen.getByRole('button', { name: 'Question 1, not answered, flagged' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Flagged/ }).getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(storage.get('evident.flags.6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e6f') ?? '[]')).toEqual(['pick']);
  });

  it('lists unanswered and flagged questions before submitting', async () => {
    const { submit } = setup([
      { questionId: 'pick', response: { type: 'evidence-selection', sentenceIds: ['p1.s1'] }, answeredAt: '2025-01-01T00:01:00.000Z' },
    ]);
    await fireEvent.click(screen.getByRole('button', { name: /Flag for review/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit your answers?' });
    expect(dialog.textContent).toMatch(/One question is not answered:\s+2\.\s+Flagged for review: 1\./);
    // The app's modal dialog, with focus moved into it (not a note below the window's edge).
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(submit).not.toHaveBeenCalled();
  });
});
