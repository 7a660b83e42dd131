import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TwoPart from '../../src/renderer/src/questions/TwoPart.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'two-part' }> = {
  id: 'anger',
  number: 9,
  prompt: 'Answer Part A, then Part B.',
  points: 2,
  skill: 'inference',
  difficulty: 'hard',
  type: 'two-part',
  partA: {
    prompt: 'What is behind the UN’s attention?',
    options: [
      { id: 'overthrow', text: 'A plan to overthrow the leadership' },
      { id: 'concern', text: 'Concern for prisoners' },
    ],
  },
  partB: {
    prompt: 'Which sentences support your answer?',
    options: [
      { id: 'weapon', quote: 'It uses human rights as a weapon.', sentenceId: 'p3.s1' },
      { id: 'scum', quote: 'They are human scum.', sentenceId: 'p4.s2' },
      { id: 'veto', quote: 'China could block action.', sentenceId: 'p5.s1' },
    ],
  },
};
const answer = (partA: string, ...partB: string[]) => ({ type: 'two-part' as const, partA, partB });
const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;
const box = (name: RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('TwoPart', () => {
  it('groups Part A radios and Part B quoted checkboxes under their prompts', () => {
    const { container } = render(TwoPart, { question, response: undefined, disabled: false, onanswer: vi.fn() });
    const a = screen.getByRole('group', { name: 'Part A. What is behind the UN’s attention?' });
    const b = screen.getByRole('group', { name: 'Part B. Which sentences support your answer?' });
    expect(a.querySelectorAll('input[type="radio"]')).toHaveLength(2);
    expect(b.querySelectorAll('input[type="checkbox"]')).toHaveLength(3);
    expect(container.querySelectorAll('q')).toHaveLength(3);
  });

  it('keeps Part B closed until Part A is answered', async () => {
    const onanswer = vi.fn();
    render(TwoPart, { question, response: undefined, disabled: false, onanswer });
    expect(screen.getByText('Answer Part A first.')).toBeTruthy();
    expect(box(/human scum/).matches(':disabled')).toBe(true);
    await fireEvent.click(box(/human scum/));
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('sends Part A with an empty Part B when Part A is chosen', async () => {
    const onanswer = vi.fn();
    render(TwoPart, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.click(radio(/overthrow/));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(answer('overthrow'));
  });

  it('toggles Part B by click, keeping Part A and the options’ order', async () => {
    const onanswer = vi.fn();
    render(TwoPart, { question, response: answer('overthrow', 'veto'), disabled: false, onanswer });
    expect(box(/human scum/).matches(':disabled')).toBe(false);
    await fireEvent.click(box(/human rights as a weapon/));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(answer('overthrow', 'weapon', 'veto'));
  });

  it('answers by number keys: picking in Part A, toggling in Part B', async () => {
    const onanswer = vi.fn();
    render(TwoPart, { question, response: answer('overthrow', 'weapon'), disabled: false, onanswer });
    await fireEvent.keyDown(radio(/overthrow/), { key: '2' });
    expect(onanswer).toHaveBeenLastCalledWith(answer('concern', 'weapon'));
    await fireEvent.keyDown(box(/weapon/), { key: '1' });
    expect(onanswer).toHaveBeenLastCalledWith(answer('overthrow'));
    await fireEvent.keyDown(box(/weapon/), { key: '2' });
    expect(onanswer).toHaveBeenLastCalledWith(answer('overthrow', 'weapon', 'scum'));
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(TwoPart, { question, response: answer('overthrow'), disabled: true, onanswer });
    await fireEvent.click(radio(/Concern/));
    await fireEvent.keyDown(radio(/Concern/), { key: '1' });
    await fireEvent.click(box(/scum/));
    await fireEvent.keyDown(box(/scum/), { key: '1' });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('marks the student’s answers and the correct ones in words, in both parts', () => {
    render(TwoPart, {
      question,
      response: answer('concern', 'scum'),
      correct: answer('overthrow', 'weapon', 'scum'),
      disabled: true,
      onanswer: vi.fn(),
    });
    const text = (el: HTMLElement) => el.closest('label')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text(radio(/Concern/))).toContain('Your answer');
    expect(text(radio(/Concern/))).not.toContain('Correct answer');
    expect(text(radio(/overthrow/))).toContain('Correct answer');
    expect(text(box(/scum/))).toMatch(/Your answer.*Correct answer/);
    expect(text(box(/weapon/))).toContain('Correct answer');
    expect(text(box(/veto|block/))).not.toMatch(/answer/);
  });
});
