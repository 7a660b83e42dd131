import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ShortAnswer from '../../src/renderer/src/questions/ShortAnswer.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'short-answer' }> = {
  id: 'court',
  number: 4,
  prompt: 'Which court?',
  points: 1,
  skill: 'detail',
  difficulty: 'easy',
  type: 'short-answer',
};
const field = () => screen.getByRole('textbox', { name: 'Your answer' }) as HTMLInputElement;

describe('ShortAnswer', () => {
  it('sends the text as it is typed (the run decides when to save), with no button of its own', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.input(field(), { target: { value: 'the' } });
    await fireEvent.input(field(), { target: { value: 'the ICC' } });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'short-answer', text: 'the ICC' });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('sends an emptied field as an empty answer, so the question becomes unanswered', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: { type: 'short-answer', text: 'ICC' }, disabled: false, onanswer });
    await fireEvent.input(field(), { target: { value: '' } });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'short-answer', text: '' });
  });

  it('commits with Enter (check or save now)', async () => {
    const oncommit = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer: vi.fn(), oncommit });
    await fireEvent.input(field(), { target: { value: 'ICC' } });
    await fireEvent.keyDown(field(), { key: 'Enter' });
    expect(oncommit).toHaveBeenCalledOnce();
  });

  it('limits an answer to 500 characters', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer });
    expect(field().maxLength).toBe(500);
    await fireEvent.input(field(), { target: { value: 'a'.repeat(600) } });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'short-answer', text: 'a'.repeat(500) });
  });

  it('starts from the saved answer', () => {
    render(ShortAnswer, { question, response: { type: 'short-answer', text: 'ICC' }, disabled: false, onanswer: vi.fn() });
    expect(field().value).toBe('ICC');
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    const oncommit = vi.fn();
    render(ShortAnswer, { question, response: { type: 'short-answer', text: 'ICC' }, disabled: true, onanswer, oncommit });
    expect(field().disabled).toBe(true);
    await fireEvent.input(field(), { target: { value: 'other' } });
    await fireEvent.keyDown(field(), { key: 'Enter' });
    expect(onanswer).not.toHaveBeenCalled();
    expect(oncommit).not.toHaveBeenCalled();
  });

  it('shows the correct answer beside the student’s, with no Save button in the review', () => {
    render(ShortAnswer, {
      question,
      response: { type: 'short-answer', text: 'The Hague' },
      correct: { type: 'short-answer', text: 'International Criminal Court' },
      disabled: true,
      onanswer: vi.fn(),
    });
    expect(screen.getByText(/Your answer:/).textContent).toContain('The Hague');
    expect(screen.getByText(/Correct answer:/).textContent).toContain('International Criminal Court');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
