import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import MultipleSelect from '../../src/renderer/src/questions/MultipleSelect.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'multiple-select' }> = {
  id: 'abuses',
  number: 2,
  prompt: 'Which abuses?',
  points: 2,
  skill: 'detail',
  difficulty: 'easy',
  type: 'multiple-select',
  options: [
    { id: 'starvation', text: 'Starvation' },
    { id: 'camps', text: 'Prison camps' },
    { id: 'tests', text: 'Nuclear tests' },
  ],
};
const box = (name: RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('MultipleSelect', () => {
  it('renders a checkbox per option, checked as saved', () => {
    render(MultipleSelect, { question, response: { type: 'multiple-select', optionIds: ['camps'] }, disabled: false, onanswer: vi.fn() });
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    expect(box(/Prison camps/).checked).toBe(true);
    expect(box(/Starvation/).checked).toBe(false);
  });

  it('adds a clicked option, keeping the options’ order', async () => {
    const onanswer = vi.fn();
    render(MultipleSelect, { question, response: { type: 'multiple-select', optionIds: ['tests'] }, disabled: false, onanswer });
    await fireEvent.click(box(/Starvation/));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith({ type: 'multiple-select', optionIds: ['starvation', 'tests'] });
  });

  it('toggles by number key: off when chosen, on when not', async () => {
    const onanswer = vi.fn();
    render(MultipleSelect, { question, response: { type: 'multiple-select', optionIds: ['camps', 'tests'] }, disabled: false, onanswer });
    await fireEvent.keyDown(box(/Starvation/), { key: '2' });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'multiple-select', optionIds: ['tests'] });
    await fireEvent.keyDown(box(/Starvation/), { key: '1' });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'multiple-select', optionIds: ['starvation', 'camps', 'tests'] });
    await fireEvent.keyDown(box(/Starvation/), { key: '9' });
    expect(onanswer).toHaveBeenCalledTimes(2);
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(MultipleSelect, { question, response: undefined, disabled: true, onanswer });
    expect(box(/Starvation/).matches(':disabled')).toBe(true);
    await fireEvent.click(box(/Starvation/));
    await fireEvent.keyDown(box(/Starvation/), { key: '1' });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('marks the student’s picks and the correct ones in words', () => {
    render(MultipleSelect, {
      question,
      response: { type: 'multiple-select', optionIds: ['starvation', 'tests'] },
      correct: { type: 'multiple-select', optionIds: ['starvation', 'camps'] },
      disabled: true,
      onanswer: vi.fn(),
    });
    const text = (name: RegExp) => box(name).closest('label')?.textContent ?? '';
    expect(text(/Starvation/)).toMatch(/Your answer.*Correct answer/);
    expect(text(/Prison camps/)).not.toContain('Your answer');
    expect(text(/Prison camps/)).toContain('Correct answer');
    expect(text(/Nuclear tests/)).toContain('Your answer');
    expect(text(/Nuclear tests/)).not.toContain('Correct answer');
  });
});
