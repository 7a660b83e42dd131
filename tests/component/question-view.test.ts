import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import QuestionView from '../../src/renderer/src/QuestionView.svelte';
import type { Feedback, PublicArticle, PublicQuestion, Response } from '../../src/shared/contract.ts';

const common = { number: 1, prompt: 'The prompt', points: 1, skill: 'detail', difficulty: 'easy' } as const;
const options = [
  { id: 'a', text: 'Alpha' },
  { id: 'b', text: 'Beta' },
];

// One question of every type, with the control that shows it was dispatched to the right component.
const cases: { question: PublicQuestion; response: Response; control: () => HTMLElement }[] = [
  {
    question: { ...common, id: 'sc', type: 'single-choice', options },
    response: { type: 'single-choice', optionId: 'a' },
    control: () => screen.getByRole('radio', { name: /Alpha/ }),
  },
  {
    question: { ...common, id: 'ms', type: 'multiple-select', options },
    response: { type: 'multiple-select', optionIds: ['a'] },
    control: () => screen.getByRole('checkbox', { name: /Alpha/ }),
  },
  {
    question: { ...common, id: 'tf', type: 'true-false-not-given' },
    response: { type: 'true-false-not-given', value: 'true' },
    control: () => screen.getByRole('radio', { name: /Not given/ }),
  },
  {
    question: { ...common, id: 'sa', type: 'short-answer' },
    response: { type: 'short-answer', text: 'x' },
    control: () => screen.getByRole('textbox', { name: 'Your answer' }),
  },
  {
    question: { ...common, id: 'cz', type: 'cloze', text: 'A {{g}} b.', gaps: [{ id: 'g' }] },
    response: { type: 'cloze', gaps: { g: 'x' } },
    control: () => screen.getByRole('textbox', { name: 'Gap 1' }),
  },
  {
    question: { ...common, id: 'es', type: 'evidence-selection' },
    response: { type: 'evidence-selection', sentenceIds: ['p1.s1'] },
    control: () => screen.getByRole('button', { name: 'Remove “Hello there.”' }),
  },
  {
    question: { ...common, id: 'or', type: 'ordering', items: [...options, { id: 'c', text: 'Gamma' }] },
    response: { type: 'ordering', order: ['c', 'a', 'b'] },
    control: () => screen.getByRole('button', { name: 'Move down: Gamma' }),
  },
  {
    question: {
      ...common,
      id: 'ma',
      type: 'matching',
      left: options,
      right: [
        { id: 'r', text: 'Right' },
        { id: 's', text: 'Side' },
      ],
    },
    response: { type: 'matching', pairs: { a: 'r' } },
    control: () => screen.getByRole('combobox', { name: /Alpha/ }),
  },
  {
    question: {
      ...common,
      id: 'tp',
      type: 'two-part',
      partA: { prompt: 'A?', options },
      partB: {
        prompt: 'B?',
        options: [
          { id: 'q', quote: 'Hello there.', sentenceId: 'p1.s1' },
          { id: 'r', quote: 'Bye.', sentenceId: 'p1.s2' },
        ],
      },
    },
    response: { type: 'two-part', partA: 'a', partB: [] },
    control: () => screen.getByRole('checkbox', { name: /Hello there/ }),
  },
];
const article: PublicArticle = {
  headline: 'H',
  source: {},
  paragraphs: [{ id: 'p1', number: 1, sentences: [{ id: 'p1.s1', text: 'Hello there.' }] }],
};
const feedbackFor = (correctResponse: Response): Feedback => ({
  points: 0,
  maxPoints: 1,
  verdict: 'incorrect',
  explanation: 'Because the text says so.',
  evidenceSentenceIds: ['p1.s1'],
  correctResponse,
});

describe('QuestionView', () => {
  it.each(cases)('shows the $question.type control, enabled, before feedback', ({ question, response, control }) => {
    render(QuestionView, { question, response, article, onanswer: vi.fn() });
    expect(screen.getByRole('heading', { name: 'The prompt' })).toBeTruthy();
    expect(screen.getByText(/Question 1 · Detail · 1 point/)).toBeTruthy();
    expect(control().matches(':disabled')).toBe(false);
    expect(screen.queryByText('Because the text says so.')).toBeNull();
  });

  it.each(cases)('locks the $question.type control and shows the key once feedback exists', ({ question, response, control }) => {
    render(QuestionView, { question, response, article, feedback: feedbackFor(response), onanswer: vi.fn() });
    expect(screen.getByText('Because the text says so.')).toBeTruthy();
    // The ordering and evidence controls are removed rather than disabled when locked, and a
    // short answer becomes text: no dead field (nor Save button) in the review.
    const locked = screen.queryAllByRole('button', { name: /Move|Remove/ }).length === 0;
    if (question.type === 'ordering' || question.type === 'evidence-selection') expect(locked).toBe(true);
    else if (question.type === 'short-answer') expect(screen.queryByRole('textbox')).toBeNull();
    else expect(control().matches(':disabled')).toBe(true);
    expect(document.body.textContent).toMatch(/Correct answer|correct answer|correct position|Your answer is correct/);
  });

  it('passes an answer through to onanswer', async () => {
    const onanswer = vi.fn();
    const [first] = cases;
    render(QuestionView, { question: first!.question, response: undefined, onanswer });
    await fireEvent.click(screen.getByRole('radio', { name: /Beta/ }));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'single-choice', optionId: 'b' });
  });

  it('ignores a response of another type', () => {
    const [first] = cases;
    render(QuestionView, { question: first!.question, response: { type: 'short-answer', text: 'a' }, onanswer: vi.fn() });
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
  });
});
