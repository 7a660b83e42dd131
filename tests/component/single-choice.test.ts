import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SingleChoice from '../../src/renderer/src/questions/SingleChoice.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'single-choice' }> = {
  id: 'main-idea',
  number: 1,
  prompt: 'What is it about?',
  points: 1,
  skill: 'main-idea',
  difficulty: 'easy',
  type: 'single-choice',
  options: [
    { id: 'threats', text: 'Threats' },
    { id: 'films', text: 'Films' },
    { id: 'weather', text: 'Weather' },
  ],
};

describe('SingleChoice', () => {
  it('sends the clicked option', async () => {
    const onanswer = vi.fn();
    render(SingleChoice, { question, response: undefined, disabled: false, onanswer });
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    await fireEvent.click(screen.getByRole('radio', { name: /Films/ }));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'single-choice', optionId: 'films' });
  });

  it('picks an option by its number key', async () => {
    const onanswer = vi.fn();
    render(SingleChoice, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.keyDown(screen.getByRole('radio', { name: /Threats/ }), { key: '3' });
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'single-choice', optionId: 'weather' });
  });

  it('shows the saved answer as checked', () => {
    render(SingleChoice, { question, response: { type: 'single-choice', optionId: 'films' }, disabled: false, onanswer: vi.fn() });
    expect((screen.getByRole('radio', { name: /Films/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /Threats/ }) as HTMLInputElement).checked).toBe(false);
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(SingleChoice, { question, response: undefined, disabled: true, onanswer });
    const radio = screen.getByRole('radio', { name: /Films/ });
    expect(radio.matches(':disabled')).toBe(true);
    await fireEvent.click(radio);
    await fireEvent.keyDown(radio, { key: '1' });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('puts the correct answer beside the student’s, in words', () => {
    render(SingleChoice, {
      question,
      response: { type: 'single-choice', optionId: 'films' },
      correct: { type: 'single-choice', optionId: 'threats' },
      disabled: true,
      onanswer: vi.fn(),
    });
    expect(screen.getByRole('radio', { name: /Films/ }).closest('label')?.textContent).toContain('Your answer');
    expect(screen.getByRole('radio', { name: /Threats/ }).closest('label')?.textContent).toContain('Correct answer');
    expect(screen.getByRole('radio', { name: /Weather/ }).closest('label')?.textContent).not.toMatch(/answer/);
  });
});
