import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ShortAnswer from '../../src/renderer/src/questions/ShortAnswer.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'short-answer' }> = {
  id: 'court', number: 4, prompt: 'Which court?', points: 1, skill: 'detail', difficulty: 'easy',
  type: 'short-answer',
};
const field = () => screen.getByRole('textbox', { name: 'Your answer' }) as HTMLInputElement;
const save = () => screen.getByRole('button', { name: 'Save answer' }) as HTMLButtonElement;

describe('ShortAnswer', () => {
  it('saves the typed text, trimmed, with the button', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.input(field(), { target: { value: '  the ICC ' } });
    expect(onanswer).not.toHaveBeenCalled();
    await fireEvent.click(save());
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'short-answer', text: 'the ICC' });
  });

  it('saves with Enter', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.input(field(), { target: { value: 'ICC' } });
    await fireEvent.keyDown(field(), { key: 'Enter' });
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'short-answer', text: 'ICC' });
  });

  it('does not save an empty answer', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.input(field(), { target: { value: '   ' } });
    expect(save().disabled).toBe(true);
    await fireEvent.keyDown(field(), { key: 'Enter' });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('limits an answer to 500 characters', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: undefined, disabled: false, onanswer });
    expect(field().maxLength).toBe(500);
    await fireEvent.input(field(), { target: { value: 'a'.repeat(600) } });
    await fireEvent.keyDown(field(), { key: 'Enter' });
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'short-answer', text: 'a'.repeat(500) });
  });

  it('starts from the saved answer and says when an edit is not saved', async () => {
    render(ShortAnswer, { question, response: { type: 'short-answer', text: 'ICC' }, disabled: false, onanswer: vi.fn() });
    expect(field().value).toBe('ICC');
    expect(save().disabled).toBe(true);
    expect(screen.queryByText(/not saved/)).toBeNull();
    await fireEvent.input(field(), { target: { value: 'the ICC' } });
    expect(save().disabled).toBe(false);
    expect(screen.getByText(/not saved/)).toBeTruthy();
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(ShortAnswer, { question, response: { type: 'short-answer', text: 'ICC' }, disabled: true, onanswer });
    expect(field().disabled).toBe(true);
    await fireEvent.input(field(), { target: { value: 'other' } });
    await fireEvent.keyDown(field(), { key: 'Enter' });
    await fireEvent.click(save());
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('shows the correct answer beside the student’s', () => {
    render(ShortAnswer, {
      question,
      response: { type: 'short-answer', text: 'The Hague' },
      correct: { type: 'short-answer', text: 'International Criminal Court' },
      disabled: true,
      onanswer: vi.fn(),
    });
    expect(field().value).toBe('The Hague');
    expect(screen.getByText(/Correct answer:/).textContent).toContain('International Criminal Court');
  });
});
