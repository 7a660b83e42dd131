import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TrueFalseNotGiven from '../../src/renderer/src/questions/TrueFalseNotGiven.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'true-false-not-given' }> = {
  id: 'council-size',
  number: 3,
  prompt: 'The council has fifteen members.',
  points: 1,
  skill: 'detail',
  difficulty: 'easy',
  type: 'true-false-not-given',
};
const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;

describe('TrueFalseNotGiven', () => {
  it('offers True, False and Not given in a labelled group', () => {
    render(TrueFalseNotGiven, { question, response: undefined, disabled: false, onanswer: vi.fn() });
    expect(screen.getAllByRole('radio').map((r) => r.closest('label')?.textContent?.trim())).toEqual(['T True', 'F False', 'N Not given']);
    expect(screen.getByRole('group', { name: 'The council has fifteen members.' })).toBeTruthy();
  });

  it('sends the clicked value', async () => {
    const onanswer = vi.fn();
    render(TrueFalseNotGiven, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.click(radio(/Not given/));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'true-false-not-given', value: 'not-given' });
  });

  it('answers with the keys T, F and N', async () => {
    const onanswer = vi.fn();
    render(TrueFalseNotGiven, { question, response: { type: 'true-false-not-given', value: 'true' }, disabled: false, onanswer });
    expect(radio(/True/).checked).toBe(true);
    await fireEvent.keyDown(radio(/True/), { key: 'f' });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'true-false-not-given', value: 'false' });
    await fireEvent.keyDown(radio(/True/), { key: 'N' });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'true-false-not-given', value: 'not-given' });
    await fireEvent.keyDown(radio(/True/), { key: 'x' });
    expect(onanswer).toHaveBeenCalledTimes(2);
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(TrueFalseNotGiven, { question, response: undefined, disabled: true, onanswer });
    await fireEvent.click(radio(/False/));
    await fireEvent.keyDown(radio(/False/), { key: 't' });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('shows the correct answer beside the student’s', () => {
    render(TrueFalseNotGiven, {
      question,
      response: { type: 'true-false-not-given', value: 'false' },
      correct: { type: 'true-false-not-given', value: 'true' },
      disabled: true,
      onanswer: vi.fn(),
    });
    expect(radio(/^False/).closest('label')?.textContent).toContain('Your answer');
    expect(radio(/^True/).closest('label')?.textContent).toContain('Correct answer');
    expect(radio(/Not given/).closest('label')?.textContent).not.toMatch(/answer/);
  });
});
